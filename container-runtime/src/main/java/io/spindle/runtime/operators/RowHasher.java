package io.spindle.runtime.operators;

import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;

/**
 * Hashes rows by some of their columns, column at a time. The same function places rows in shuffle
 * partitions and in hash tables, so it must stay stable across executors: it depends only on values.
 */
public final class RowHasher
{
    static final int NULL_HASH = 0x5bd1e995;

    private RowHasher()
    {
    }

    public static int[] hash(ColumnVector[] columns, int rows)
    {
        int[] hashes = new int[rows];
        for (ColumnVector column : columns) {
            combine(hashes, column, rows);
        }
        return hashes;
    }

    private static void combine(int[] hashes, ColumnVector column, int rows)
    {
        boolean[] nulls = column.nulls();
        if (column instanceof LongVector v) {
            long[] values = v.values();
            for (int i = 0; i < rows; i++) {
                hashes[i] = 31 * hashes[i] + (nulls != null && nulls[i] ? NULL_HASH : mix(values[i]));
            }
        }
        else if (column instanceof IntVector v) {
            int[] values = v.values();
            for (int i = 0; i < rows; i++) {
                hashes[i] = 31 * hashes[i] + (nulls != null && nulls[i] ? NULL_HASH : mix(values[i]));
            }
        }
        else if (column instanceof Decimal128Vector v) {
            long[] high = v.high();
            long[] low = v.low();
            for (int i = 0; i < rows; i++) {
                hashes[i] = 31 * hashes[i] + (nulls != null && nulls[i] ? NULL_HASH : hashDecimal(high[i], low[i]));
            }
        }
        else if (column instanceof DoubleVector v) {
            double[] values = v.values();
            for (int i = 0; i < rows; i++) {
                hashes[i] = 31 * hashes[i] + (nulls != null && nulls[i] ? NULL_HASH : mix(normalizedBits(values[i])));
            }
        }
        else if (column instanceof BooleanVector v) {
            boolean[] values = v.values();
            for (int i = 0; i < rows; i++) {
                hashes[i] = 31 * hashes[i] + (nulls != null && nulls[i] ? NULL_HASH : values[i] ? 1231 : 1237);
            }
        }
        else if (column instanceof StringVector v) {
            for (int i = 0; i < rows; i++) {
                hashes[i] = 31 * hashes[i] + (nulls != null && nulls[i] ? NULL_HASH : mix(v.hash(i)));
            }
        }
    }

    /**
     * Compares doubles as SQL does in Spark: -0.0 equals 0.0, NaN equals NaN and is larger than every other
     * value.
     */
    public static int compareDoubles(double a, double b)
    {
        if (a == b) {
            return 0;
        }
        boolean aNaN = Double.isNaN(a);
        boolean bNaN = Double.isNaN(b);
        if (aNaN || bNaN) {
            return aNaN == bNaN ? 0 : aNaN ? 1 : -1;
        }
        return a < b ? -1 : 1;
    }

    /** Double bits with -0.0 folded into 0.0 and every NaN into one, so equal values group together. */
    public static long normalizedBits(double value)
    {
        if (value == 0.0) {
            return 0L;
        }
        // doubleToLongBits already folds every NaN into the canonical one
        return Double.doubleToLongBits(value);
    }

    /**
     * A 128-bit decimal's hash: a value that fits in a long hashes as that long does, so a decimal hashes alike
     * whichever width holds it.
     */
    public static int hashDecimal(long high, long low)
    {
        return high == (low >> 63) ? mix(low) : mix(low) * 31 + mix(high);
    }

    public static int mix(long value)
    {
        long x = value;
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return (int) x;
    }
}
