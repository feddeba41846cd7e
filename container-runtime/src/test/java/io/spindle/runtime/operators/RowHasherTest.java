package io.spindle.runtime.operators;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static io.spindle.runtime.testing.Batches.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowHasherTest
{
    private static int[] hash(ColumnVector... columns)
    {
        return RowHasher.hash(columns, columns[0].size());
    }

    @Test
    void equalValuesHashEquallyAcrossBatchesPositionsAndIntegerWidths()
    {
        int[] ints = hash(vector(DataType.INT, 7, -1, 0, Integer.MAX_VALUE));
        int[] longs = hash(vector(DataType.LONG, 0L, Integer.MAX_VALUE + 0L, 5L, -1L, 7L));

        assertEquals(ints[0], longs[4]);
        assertEquals(ints[1], longs[3]);
        assertEquals(ints[2], longs[0]);
        assertEquals(ints[3], longs[1]);
        assertNotEquals(ints[0], ints[1]);
    }

    @Test
    void datesHashLikeTheirDayNumber()
    {
        int[] dates = hash(vector(DataType.DATE, LocalDate.of(2024, 2, 29), LocalDate.of(1970, 1, 1)));
        int[] days = hash(vector(DataType.INT, (int) LocalDate.of(2024, 2, 29).toEpochDay(), 0));

        assertEquals(days[0], dates[0]);
        assertEquals(days[1], dates[1]);
    }

    @Test
    void nullsHashAlikeWhateverTheTypeOrTheValueUnderThem()
    {
        ColumnVector ints = vector(DataType.INT, 5, null);
        ColumnVector longs = vector(DataType.LONG, null, 6L);
        ColumnVector doubles = vector(DataType.DOUBLE, null, 1.0);
        ColumnVector strings = vector(DataType.STRING, null, "x");
        ColumnVector booleans = vector(DataType.BOOLEAN, true, null);
        LongVector garbage = new LongVector(DataType.LONG, new long[] {123456789L}, 1);
        garbage.setNull(0);

        int nullHash = hash(ints)[1];
        assertEquals(nullHash, hash(longs)[0]);
        assertEquals(nullHash, hash(doubles)[0]);
        assertEquals(nullHash, hash(strings)[0]);
        assertEquals(nullHash, hash(booleans)[1]);
        assertEquals(nullHash, hash(garbage)[0]);
        assertNotEquals(nullHash, hash(vector(DataType.LONG, 0L))[0], "null and 0 should not collide");
        assertNotEquals(nullHash, hash(vector(DataType.STRING, ""))[0], "null and '' should not collide");
    }

    @Test
    void negativeZeroHashesLikeZeroAndEveryNanAlike()
    {
        int[] hashes = hash(vector(DataType.DOUBLE, 0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L),
                Double.longBitsToDouble(0xfff0_0000_0000_0101L)));

        assertEquals(hashes[0], hashes[1]);
        assertEquals(hashes[2], hashes[3]);
        assertEquals(hashes[2], hashes[4]);
        assertNotEquals(hashes[0], hashes[2]);
    }

    @Test
    void equalStringsHashAlikeWhereverTheirBytesLie()
    {
        StringVector first = (StringVector) vector(DataType.STRING, "prefix", "h\u00e9llo", "");
        StringVector second = new StringVector.Builder(1, 0).append("h\u00e9llo").append("").append("prefix").build();

        int[] a = hash(first);
        int[] b = hash(second);

        assertEquals(a[1], b[0]);
        assertEquals(a[2], b[1]);
        assertEquals(a[0], b[2]);
        assertNotEquals(a[0], a[1]);
    }

    @Test
    void multiColumnHashDependsOnColumnOrder()
    {
        int[] ab = hash(vector(DataType.LONG, 1L, 2L), vector(DataType.LONG, 2L, 1L));

        assertNotEquals(ab[0], ab[1]);
        int[] again = hash(vector(DataType.INT, 9, 1), vector(DataType.STRING, "z", "a"), vector(DataType.LONG, 2L, 0L));
        int[] same = hash(vector(DataType.LONG, 1L), vector(DataType.STRING, "a"), vector(DataType.INT, 0));
        assertEquals(again[1], same[0]);
    }

    @Test
    void booleansHashByValue()
    {
        int[] hashes = hash(vector(DataType.BOOLEAN, true, false, true));

        assertEquals(hashes[0], hashes[2]);
        assertNotEquals(hashes[0], hashes[1]);
    }

    @Test
    void sequentialKeysSpreadEvenlyOverPartitions()
    {
        int rows = 100_000;
        int partitions = 16;
        long[] keys = new long[rows];
        for (int i = 0; i < rows; i++) {
            keys[i] = i;
        }
        int[] hashes = RowHasher.hash(new ColumnVector[] {new LongVector(DataType.LONG, keys, rows)}, rows);

        int[] counts = new int[partitions];
        Set<Integer> distinct = new HashSet<>();
        for (int hash : hashes) {
            counts[Math.floorMod(hash, partitions)]++;
            distinct.add(hash);
        }
        for (int p = 0; p < partitions; p++) {
            assertTrue(Math.abs(counts[p] - rows / partitions) < rows / partitions / 10, "partition " + p + " got " + counts[p] + " rows");
        }
        assertTrue(distinct.size() > rows * 0.99, distinct.size() + " distinct hashes of " + rows + " keys");
    }
}
