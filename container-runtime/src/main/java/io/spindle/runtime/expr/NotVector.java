package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;

/** Negates a boolean vector; nulls stay null. */
final class NotVector
        implements VectorExpression
{
    private final VectorExpression child;

    NotVector(VectorExpression child)
    {
        this.child = child;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        BooleanVector input = (BooleanVector) child.evaluate(batch);
        int rows = batch.rowCount();
        boolean[] in = input.values();
        boolean[] out = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = !in[i];
        }
        BooleanVector result = new BooleanVector(DataType.BOOLEAN, out, rows);
        result.setNulls(Nulls.copy(input, rows));
        return result;
    }
}
