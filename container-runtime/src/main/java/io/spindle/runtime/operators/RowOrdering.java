package io.spindle.runtime.operators;

import io.spindle.planner.expressions.SortOrder;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.runtime.decimal.Int128;

import java.util.List;

/**
 * The one row order of the executors, shared by the sort, the top-N and the sort-merge join so that what one sorts
 * the other merges: per key ascending or descending, nulls first or last; integers and dates by value (an int and a
 * long of equal value are equal), decimals of one scale by their unscaled values (either width), doubles as Spark orders them (-0.0 equal to 0.0,
 * NaN equal to NaN and above every other value), strings by unsigned UTF-8 bytes, false before true. Immutable.
 */
final class RowOrdering
{
    private final boolean[] ascending;
    private final boolean[] nullsFirst;

    RowOrdering(List<SortOrder> orders)
    {
        this.ascending = new boolean[orders.size()];
        this.nullsFirst = new boolean[orders.size()];
        for (int k = 0; k < orders.size(); k++) {
            ascending[k] = orders.get(k).ascending();
            nullsFirst[k] = orders.get(k).nullsFirst();
        }
    }

    /** Compares row {@code x} of key vectors {@code a} with row {@code y} of key vectors {@code b}. */
    int compare(ColumnVector[] a, int x, ColumnVector[] b, int y)
    {
        for (int k = 0; k < ascending.length; k++) {
            boolean xNull = a[k].isNull(x);
            boolean yNull = b[k].isNull(y);
            if (xNull || yNull) {
                if (xNull && yNull) {
                    continue;
                }
                return xNull == nullsFirst[k] ? -1 : 1;
            }
            int cmp = compareValues(a[k], x, b[k], y);
            if (cmp != 0) {
                return ascending[k] ? cmp : -cmp;
            }
        }
        return 0;
    }

    /** Orders {@code index} (row numbers into {@code keys}) by this ordering; stable, so equal rows keep their order. */
    void sort(int[] index, int count, ColumnVector[] keys)
    {
        mergeSort(index, new int[count], 0, count, keys);
    }

    private void mergeSort(int[] a, int[] scratch, int from, int to, ColumnVector[] keys)
    {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int value = a[i];
                int j = i - 1;
                while (j >= from && compare(keys, a[j], keys, value) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = value;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, scratch, from, mid, keys);
        mergeSort(a, scratch, mid, to, keys);
        if (compare(keys, a[mid - 1], keys, a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, scratch, from, to - from);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            a[k++] = compare(keys, scratch[j], keys, scratch[i]) < 0 ? scratch[j++] : scratch[i++];
        }
        while (i < mid) {
            a[k++] = scratch[i++];
        }
        while (j < to) {
            a[k++] = scratch[j++];
        }
    }

    /** Compares two non-null values in ascending order; the vectors hold one type, or ints and longs. */
    static int compareValues(ColumnVector a, int i, ColumnVector b, int j)
    {
        if (a instanceof LongVector x && b instanceof LongVector y) {
            return Long.compare(x.get(i), y.get(j));
        }
        if (a instanceof IntVector x && b instanceof IntVector y) {
            return Integer.compare(x.get(i), y.get(j));
        }
        if (a instanceof Decimal128Vector || b instanceof Decimal128Vector) {
            return Int128.compare(Decimal128Vector.unscaledHigh(a, i), Decimal128Vector.unscaledLow(a, i),
                    Decimal128Vector.unscaledHigh(b, j), Decimal128Vector.unscaledLow(b, j));
        }
        if (a instanceof DoubleVector x) {
            return RowHasher.compareDoubles(x.get(i), ((DoubleVector) b).get(j));
        }
        if (a instanceof StringVector x) {
            return x.compareAt(i, (StringVector) b, j);
        }
        if (a instanceof BooleanVector x) {
            return Boolean.compare(x.get(i), ((BooleanVector) b).get(j));
        }
        return Long.compare(integral(a, i), integral(b, j));
    }

    private static long integral(ColumnVector v, int row)
    {
        return v instanceof IntVector x ? x.get(row) : ((LongVector) v).get(row);
    }

    /** Whether any key of {@code row} is null. */
    static boolean anyNull(ColumnVector[] keys, int row)
    {
        for (ColumnVector key : keys) {
            if (key.isNull(row)) {
                return true;
            }
        }
        return false;
    }
}
