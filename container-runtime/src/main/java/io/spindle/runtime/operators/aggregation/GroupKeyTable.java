package io.spindle.runtime.operators.aggregation;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.operators.RowHasher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps grouping-key values to dense group ids 0, 1, 2, ... with an open-addressing hash table; the keys
 * themselves live column by column in {@link KeyStore}s. Not thread-safe.
 */
public final class GroupKeyTable
{
    private final KeyStore[] keys;
    private int[] slots;
    private int[] groupHashes = new int[16];
    private int groupCount;
    private int mask;

    public GroupKeyTable(List<DataType> keyTypes)
    {
        this.keys = keyTypes.stream().map(KeyStore::forType).toArray(KeyStore[]::new);
        this.slots = new int[1024];
        Arrays.fill(slots, -1);
        this.mask = slots.length - 1;
    }

    public int groupCount()
    {
        return groupCount;
    }

    /** The group id of each row, adding groups for keys not seen before. */
    public int[] assign(ColumnVector[] keyVectors, int rows)
    {
        int[] hashes = RowHasher.hash(keyVectors, rows);
        int[] groups = new int[rows];
        for (int row = 0; row < rows; row++) {
            int hash = hashes[row];
            int slot = hash & mask;
            while (true) {
                int group = slots[slot];
                if (group < 0) {
                    group = addGroup(keyVectors, row, hash);
                    groups[row] = group;
                    break;
                }
                if (groupHashes[group] == hash && keysEqual(group, keyVectors, row)) {
                    groups[row] = group;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return groups;
    }

    /** The group id of each row, or -1 where its key is not in the table; adds nothing. */
    public int[] lookup(ColumnVector[] keyVectors, int rows)
    {
        int[] hashes = RowHasher.hash(keyVectors, rows);
        int[] groups = new int[rows];
        for (int row = 0; row < rows; row++) {
            int hash = hashes[row];
            int slot = hash & mask;
            while (true) {
                int group = slots[slot];
                if (group < 0 || groupHashes[group] == hash && keysEqual(group, keyVectors, row)) {
                    groups[row] = group;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return groups;
    }

    private boolean keysEqual(int group, ColumnVector[] keyVectors, int row)
    {
        for (int k = 0; k < keys.length; k++) {
            if (!keys[k].equalsAt(group, keyVectors[k], row)) {
                return false;
            }
        }
        return true;
    }

    private int addGroup(ColumnVector[] keyVectors, int row, int hash)
    {
        int group = groupCount++;
        for (int k = 0; k < keys.length; k++) {
            keys[k].append(group, keyVectors[k], row);
        }
        if (group >= groupHashes.length) {
            groupHashes = Arrays.copyOf(groupHashes, groupHashes.length * 2);
        }
        groupHashes[group] = hash;
        int slot = hash & mask;
        while (slots[slot] >= 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = group;
        if (groupCount * 2 > slots.length) {
            rehash();
        }
        return group;
    }

    private void rehash()
    {
        int[] bigger = new int[slots.length * 2];
        Arrays.fill(bigger, -1);
        int newMask = bigger.length - 1;
        for (int group = 0; group < groupCount; group++) {
            int slot = groupHashes[group] & newMask;
            while (bigger[slot] >= 0) {
                slot = (slot + 1) & newMask;
            }
            bigger[slot] = group;
        }
        slots = bigger;
        mask = newMask;
    }

    /** The key columns of groups [from, to). */
    public List<ColumnVector> keyColumns(int from, int to)
    {
        List<ColumnVector> out = new ArrayList<>(keys.length);
        for (KeyStore key : keys) {
            out.add(key.build(from, to));
        }
        return out;
    }

    public long retainedBytes()
    {
        long bytes = 4L * slots.length + 4L * groupHashes.length;
        for (KeyStore key : keys) {
            bytes += key.retainedBytes(groupCount);
        }
        return bytes;
    }
}
