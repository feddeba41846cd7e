package io.spindle.runtime.operators.aggregation;

import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;

import java.util.Arrays;

/** Reads numeric vectors uniformly and grows state arrays. */
final class Values
{
    private Values()
    {
    }

    static long longAt(ColumnVector vector, int row)
    {
        return vector instanceof IntVector v ? v.get(row) : ((LongVector) vector).get(row);
    }

    static double doubleAt(ColumnVector vector, int row)
    {
        if (vector instanceof DoubleVector v) {
            return v.get(row);
        }
        return longAt(vector, row);
    }

    static long[] grow(long[] array, int size)
    {
        return size <= array.length ? array : Arrays.copyOf(array, Math.max(size, array.length * 2));
    }

    static double[] grow(double[] array, int size)
    {
        return size <= array.length ? array : Arrays.copyOf(array, Math.max(size, array.length * 2));
    }

    static boolean[] grow(boolean[] array, int size)
    {
        return size <= array.length ? array : Arrays.copyOf(array, Math.max(size, array.length * 2));
    }

    /** A null mask for groups [from, to) that are null where {@code seen} is false; null when all were seen. */
    static boolean[] unseen(boolean[] seen, int from, int to)
    {
        boolean[] nulls = null;
        for (int g = from; g < to; g++) {
            if (!seen[g]) {
                if (nulls == null) {
                    nulls = new boolean[to - from];
                }
                nulls[g - from] = true;
            }
        }
        return nulls;
    }
}
