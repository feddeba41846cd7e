package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnVector;

/** Null-mask helpers shared by the vector expressions. */
final class Nulls
{
    private Nulls()
    {
    }

    /** The union of two vectors' null masks as a new array, or null when neither has nulls. */
    static boolean[] union(ColumnVector a, ColumnVector b, int rows)
    {
        boolean[] x = a.nulls();
        boolean[] y = b.nulls();
        if (x == null && y == null) {
            return null;
        }
        boolean[] out = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = (x != null && x[i]) || (y != null && y[i]);
        }
        return out;
    }

    /** {@code nulls} with row {@code row} set, allocated at the first null; for a mask the caller owns. */
    static boolean[] withNull(boolean[] nulls, int row, int rows)
    {
        boolean[] mask = nulls == null ? new boolean[rows] : nulls;
        mask[row] = true;
        return mask;
    }

    static boolean[] copy(ColumnVector a, int rows)
    {
        boolean[] x = a.nulls();
        return x == null ? null : java.util.Arrays.copyOf(x, rows);
    }
}
