package io.spindle.runtime.operators;

import io.spindle.planner.expressions.SortOrder;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.expr.VectorExpression;

import java.util.ArrayList;
import java.util.List;

/**
 * Sorts its whole input: gathers every batch, sorts an index by the keys (stable merge sort over ints,
 * no boxing), and returns the rows in order in batches. Holds its input in memory; spilling comes with
 * the memory manager.
 */
public final class SortOperator
        implements Operator
{
    private final Operator child;
    private final List<SortOrder> orders;
    private final List<VectorExpression> keys;
    private final int columnCount;
    private ColumnBatch sorted;
    private int emitted;

    public SortOperator(Operator child, List<SortOrder> orders, int columnCount)
    {
        this.child = child;
        this.orders = List.copyOf(orders);
        this.keys = orders.stream().map(o -> ExpressionCompiler.compile(o.expression())).toList();
        this.columnCount = columnCount;
    }

    @Override
    public ColumnBatch next()
    {
        if (sorted == null) {
            sorted = sortAll();
        }
        if (emitted >= sorted.rowCount()) {
            return null;
        }
        int from = emitted;
        int to = Math.min(sorted.rowCount(), from + ColumnBatch.DEFAULT_ROWS);
        emitted = to;
        if (from == 0 && to == sorted.rowCount()) {
            return sorted;
        }
        int[] positions = new int[to - from];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = from + i;
        }
        return sorted.select(positions, positions.length);
    }

    private ColumnBatch sortAll()
    {
        List<ColumnBatch> batches = new ArrayList<>();
        ColumnBatch batch;
        while ((batch = child.next()) != null) {
            batches.add(batch);
        }
        if (batches.isEmpty()) {
            return new ColumnBatch(List.of(), 0);
        }
        ColumnBatch all = BatchConcat.concat(batches, columnCount);
        ColumnVector[] keyVectors = new ColumnVector[keys.size()];
        for (int k = 0; k < keyVectors.length; k++) {
            keyVectors[k] = keys.get(k).evaluate(all);
        }
        int rows = all.rowCount();
        int[] index = new int[rows];
        for (int i = 0; i < rows; i++) {
            index[i] = i;
        }
        mergeSort(index, new int[rows], 0, rows, keyVectors);
        return all.select(index, rows);
    }

    private void mergeSort(int[] a, int[] scratch, int from, int to, ColumnVector[] keyVectors)
    {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int value = a[i];
                int j = i - 1;
                while (j >= from && compare(a[j], value, keyVectors) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = value;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, scratch, from, mid, keyVectors);
        mergeSort(a, scratch, mid, to, keyVectors);
        if (compare(a[mid - 1], a[mid], keyVectors) <= 0) {
            return;
        }
        System.arraycopy(a, from, scratch, from, to - from);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            a[k++] = compare(scratch[j], scratch[i], keyVectors) < 0 ? scratch[j++] : scratch[i++];
        }
        while (i < mid) {
            a[k++] = scratch[i++];
        }
        while (j < to) {
            a[k++] = scratch[j++];
        }
    }

    private int compare(int x, int y, ColumnVector[] keyVectors)
    {
        for (int k = 0; k < keyVectors.length; k++) {
            ColumnVector v = keyVectors[k];
            SortOrder order = orders.get(k);
            boolean xNull = v.isNull(x);
            boolean yNull = v.isNull(y);
            int cmp;
            if (xNull || yNull) {
                if (xNull && yNull) {
                    continue;
                }
                cmp = xNull == order.nullsFirst() ? -1 : 1;
                return cmp;
            }
            cmp = compareValues(v, x, y);
            if (cmp != 0) {
                return order.ascending() ? cmp : -cmp;
            }
        }
        return 0;
    }

    private static int compareValues(ColumnVector v, int x, int y)
    {
        if (v instanceof LongVector l) {
            return Long.compare(l.get(x), l.get(y));
        }
        if (v instanceof IntVector i) {
            return Integer.compare(i.get(x), i.get(y));
        }
        if (v instanceof DoubleVector d) {
            return RowHasher.compareDoubles(d.get(x), d.get(y));
        }
        if (v instanceof StringVector s) {
            return s.compareAt(x, s, y);
        }
        return Boolean.compare(((BooleanVector) v).get(x), ((BooleanVector) v).get(y));
    }

    @Override
    public void close()
    {
        child.close();
    }
}
