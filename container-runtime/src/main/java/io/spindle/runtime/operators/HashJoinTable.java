package io.spindle.runtime.operators;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.expr.VectorExpression;
import io.spindle.runtime.operators.aggregation.GroupKeyTable;

import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A hash join's build side in memory: its rows, each distinct key mapped to a group id through a
 * {@link GroupKeyTable} (hashed as {@link RowHasher} hashes), and the build rows of each group chained in input
 * order. Rows whose key has a null are in no chain: they never match. Immutable once built, so any number of
 * threads may probe one table (the tasks of an executor share a broadcast's table through
 * {@link BroadcastHashTables}).
 */
public final class HashJoinTable
{
    private final ColumnBatch rows;
    private final GroupKeyTable keys;
    private final int[] chainHeads;
    private final int[] chainNext;

    private HashJoinTable(ColumnBatch rows, GroupKeyTable keys, int[] chainHeads, int[] chainNext)
    {
        this.rows = rows;
        this.keys = keys;
        this.chainHeads = chainHeads;
        this.chainNext = chainNext;
    }

    /**
     * @param buildKeys expressions over {@code rows}, of the types {@code keyTypes}; used by this thread only
     */
    public static HashJoinTable build(ColumnBatch rows, List<VectorExpression> buildKeys, List<DataType> keyTypes)
    {
        requireNonNull(rows, "rows is null");
        GroupKeyTable keys = new GroupKeyTable(keyTypes);
        int count = rows.rowCount();
        int[] chainNext = new int[count];
        if (count == 0) {
            return new HashJoinTable(rows, keys, new int[0], chainNext);
        }
        ColumnVector[] keyVectors = evaluate(buildKeys, rows);
        int[] groups = keys.assign(keyVectors, count);
        int[] chainHeads = new int[keys.groupCount()];
        Arrays.fill(chainHeads, -1);
        // walk backwards so each chain lists its rows in input order
        for (int row = count - 1; row >= 0; row--) {
            if (anyNull(keyVectors, row)) {
                continue;
            }
            chainNext[row] = chainHeads[groups[row]];
            chainHeads[groups[row]] = row;
        }
        return new HashJoinTable(rows, keys, chainHeads, chainNext);
    }

    /** The build rows, which the pairs' build row numbers index. */
    public ColumnBatch rows()
    {
        return rows;
    }

    /**
     * Adds to {@code pairs} each of probe rows [from, to) with every build row of its key, in probe row order.
     *
     * @param probeKeys the probe batch's key columns, pairwise of the build keys' types
     */
    void addCandidates(ColumnVector[] probeKeys, int rowCount, int from, int to, JoinOperator.Pairs pairs)
    {
        if (chainHeads.length == 0) {
            return;
        }
        int[] groups = keys.lookup(probeKeys, rowCount);
        for (int row = from; row < to; row++) {
            int group = groups[row];
            if (group < 0 || anyNull(probeKeys, row)) {
                continue;
            }
            for (int buildRow = chainHeads[group]; buildRow >= 0; buildRow = chainNext[buildRow]) {
                pairs.add(row, buildRow);
            }
        }
    }

    /**
     * What the table holds in memory: its rows, counted twice as a join counts its build side (the batches and their
     * concatenation, which the table's keys and chains are of the order of), at least the keys and chains themselves.
     */
    public long retainedBytes()
    {
        long structure = keys.retainedBytes() + 4L * (chainHeads.length + chainNext.length);
        return Math.max(2 * rows.sizeInBytes(), rows.sizeInBytes() + structure);
    }

    static ColumnVector[] evaluate(List<VectorExpression> keys, ColumnBatch batch)
    {
        ColumnVector[] vectors = new ColumnVector[keys.size()];
        for (int k = 0; k < vectors.length; k++) {
            vectors[k] = keys.get(k).evaluate(batch);
        }
        return vectors;
    }

    private static boolean anyNull(ColumnVector[] keys, int row)
    {
        for (ColumnVector key : keys) {
            if (key.isNull(row)) {
                return true;
            }
        }
        return false;
    }
}
