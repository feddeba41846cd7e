package io.spindle.runtime.operators;

import io.spindle.planner.expressions.SortOrder;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.expr.VectorExpression;

import java.util.ArrayList;
import java.util.List;

/**
 * Sorts its whole input: gathers every batch, sorts an index by the keys in the {@link RowOrdering} (stable merge
 * sort over ints, no boxing), and returns the rows in order in batches. Holds its input in memory; spilling comes with
 * the memory manager.
 */
public final class SortOperator
        implements Operator
{
    private final Operator child;
    private final RowOrdering ordering;
    private final List<VectorExpression> keys;
    private final int columnCount;
    private ColumnBatch sorted;
    private int emitted;

    public SortOperator(Operator child, List<SortOrder> orders, int columnCount)
    {
        this.child = child;
        this.ordering = new RowOrdering(orders);
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
        ordering.sort(index, rows, keyVectors);
        return all.select(index, rows);
    }

    @Override
    public void close()
    {
        child.close();
    }
}
