package io.spindle.runtime.operators;

import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.expr.VectorExpression;

/** Keeps the rows where the condition is true; skips batches that end up empty. */
public final class FilterOperator
        implements Operator
{
    private final Operator child;
    private final VectorExpression condition;

    public FilterOperator(Operator child, VectorExpression condition)
    {
        this.child = child;
        this.condition = condition;
    }

    @Override
    public ColumnBatch next()
    {
        ColumnBatch batch;
        while ((batch = child.next()) != null) {
            BooleanVector keep = (BooleanVector) condition.evaluate(batch);
            boolean[] values = keep.values();
            boolean[] nulls = keep.nulls();
            int rows = batch.rowCount();
            int[] positions = new int[rows];
            int count = 0;
            for (int i = 0; i < rows; i++) {
                if (values[i] && (nulls == null || !nulls[i])) {
                    positions[count++] = i;
                }
            }
            if (count == rows) {
                return batch;
            }
            if (count > 0) {
                return batch.select(positions, count);
            }
        }
        return null;
    }

    @Override
    public void close()
    {
        child.close();
    }
}
