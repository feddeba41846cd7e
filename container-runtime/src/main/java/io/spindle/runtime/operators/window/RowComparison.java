package io.spindle.runtime.operators.window;

import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.runtime.decimal.Int128;
import io.spindle.runtime.operators.RowHasher;

/** Compares values of vectors row against row, nulls equal to each other (as window partitions and peers group them). */
final class RowComparison
{
    private RowComparison()
    {
    }

    /** Whether row {@code i} of {@code a} equals row {@code j} of {@code b} on every key. */
    static boolean sameRow(ColumnVector[] a, int i, ColumnVector[] b, int j)
    {
        for (int k = 0; k < a.length; k++) {
            boolean aNull = a[k].isNull(i);
            boolean bNull = b[k].isNull(j);
            if (aNull || bNull) {
                if (aNull != bNull) {
                    return false;
                }
                continue;
            }
            if (compare(a[k], i, b[k], j) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Compares two non-null values of vectors of the same type. */
    static int compare(ColumnVector a, int i, ColumnVector b, int j)
    {
        if (a instanceof LongVector l) {
            return Long.compare(l.get(i), ((LongVector) b).get(j));
        }
        if (a instanceof IntVector n) {
            return Integer.compare(n.get(i), ((IntVector) b).get(j));
        }
        if (a instanceof Decimal128Vector x) {
            Decimal128Vector y = (Decimal128Vector) b;
            return Int128.compare(x.high(i), x.low(i), y.high(j), y.low(j));
        }
        if (a instanceof DoubleVector d) {
            return RowHasher.compareDoubles(d.get(i), ((DoubleVector) b).get(j));
        }
        if (a instanceof StringVector s) {
            return s.compareAt(i, (StringVector) b, j);
        }
        return Boolean.compare(((BooleanVector) a).get(i), ((BooleanVector) b).get(j));
    }
}
