package io.spindle.runtime.operators;

import io.spindle.planner.expressions.SortOrder;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.expr.VectorExpression;

import java.util.ArrayList;
import java.util.List;

/**
 * The first {@code limit} rows of its input by {@code orders}, in that order, without sorting the whole input.
 * Contract: as {@link Operator}; the first {@link #next()} reads the whole input. Batches are kept until they hold
 * {@code limit} rows plus as many again (at least {@link ColumnBatch#DEFAULT_ROWS}), then compacted: sorted by the
 * {@link RowOrdering} the sort uses and cut to the best {@code limit}. So it holds at most about twice {@code limit}
 * rows and one batch, never the whole input. Rows that tie keep their input order, as after a stable sort. Owns and
 * closes its input; used by one thread.
 */
public final class TopNOperator
        implements Operator
{
    private final Operator child;
    private final RowOrdering ordering;
    private final List<VectorExpression> keys;
    private final int columnCount;
    private final int limit;
    private final long compactAt;
    private final List<ColumnBatch> kept = new ArrayList<>();
    private long keptRows;
    private ColumnBatch top;
    private int emitted;
    private int compactions;

    public TopNOperator(Operator child, List<SortOrder> orders, long limit, int columnCount)
    {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.child = child;
        this.ordering = new RowOrdering(orders);
        this.keys = orders.stream().map(o -> ExpressionCompiler.compile(o.expression())).toList();
        this.columnCount = columnCount;
        this.limit = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        this.compactAt = (long) this.limit + Math.max(this.limit, ColumnBatch.DEFAULT_ROWS);
    }

    @Override
    public ColumnBatch next()
    {
        if (top == null) {
            top = readTop();
        }
        if (emitted >= top.rowCount()) {
            return null;
        }
        int from = emitted;
        int to = Math.min(top.rowCount(), from + ColumnBatch.DEFAULT_ROWS);
        emitted = to;
        if (from == 0 && to == top.rowCount()) {
            return top;
        }
        int[] positions = new int[to - from];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = from + i;
        }
        return top.select(positions, positions.length);
    }

    /** How many times the kept rows were cut back to the limit before the input ended; for tests. */
    int compactions()
    {
        return compactions;
    }

    private ColumnBatch readTop()
    {
        if (limit == 0) {
            return new ColumnBatch(List.of(), 0);
        }
        ColumnBatch batch;
        while ((batch = child.next()) != null) {
            kept.add(batch);
            keptRows += batch.rowCount();
            if (keptRows >= compactAt) {
                compact();
                compactions++;
            }
        }
        if (kept.isEmpty()) {
            return new ColumnBatch(List.of(), 0);
        }
        compact();
        return kept.get(0);
    }

    private void compact()
    {
        ColumnBatch all = BatchConcat.concat(kept, columnCount);
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
        int count = Math.min(rows, limit);
        kept.clear();
        kept.add(all.select(index, count));
        keptRows = count;
    }

    @Override
    public void close()
    {
        child.close();
    }
}
