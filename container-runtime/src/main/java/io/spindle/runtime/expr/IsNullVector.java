package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;

/** True where the child is null; never null itself. */
final class IsNullVector
        implements VectorExpression
{
    private final VectorExpression child;

    IsNullVector(VectorExpression child)
    {
        this.child = child;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        ColumnVector input = child.evaluate(batch);
        int rows = batch.rowCount();
        boolean[] out = input.mayHaveNulls() ? java.util.Arrays.copyOf(input.nulls(), rows) : new boolean[rows];
        return new BooleanVector(DataType.BOOLEAN, out, rows);
    }
}
