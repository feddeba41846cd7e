package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.IntVector;

/** date_add(date, n), date_sub(date, n) and datediff(end, start) on days since the epoch; null where either side is. */
final class DateArithmeticVector
        implements VectorExpression
{
    enum Operation
    {
        ADD, SUBTRACT, DIFF
    }

    private final VectorExpression left;
    private final VectorExpression right;
    private final Operation operation;

    DateArithmeticVector(VectorExpression left, VectorExpression right, Operation operation)
    {
        this.left = left;
        this.right = right;
        this.operation = operation;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        IntVector a = (IntVector) left.evaluate(batch);
        IntVector b = (IntVector) right.evaluate(batch);
        int rows = batch.rowCount();
        int[] x = a.values();
        int[] y = b.values();
        int[] out = new int[rows];
        switch (operation) {
            case ADD -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = x[i] + y[i];
                }
            }
            case SUBTRACT, DIFF -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = x[i] - y[i];
                }
            }
        }
        IntVector vector = new IntVector(operation == Operation.DIFF ? DataType.INT : DataType.DATE, out, rows);
        vector.setNulls(Nulls.union(a, b, rows));
        return vector;
    }
}
