package io.spindle.runtime.expr;

import io.spindle.planner.expressions.Logical;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;

/** AND and OR with SQL's three-valued logic: false AND null is false, true OR null is true. */
final class LogicalVector
        implements VectorExpression
{
    private final boolean isAnd;
    private final VectorExpression left;
    private final VectorExpression right;

    LogicalVector(Logical.Operator operator, VectorExpression left, VectorExpression right)
    {
        this.isAnd = operator == Logical.Operator.AND;
        this.left = left;
        this.right = right;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        BooleanVector a = (BooleanVector) left.evaluate(batch);
        BooleanVector b = (BooleanVector) right.evaluate(batch);
        int rows = batch.rowCount();
        boolean[] x = a.values();
        boolean[] y = b.values();
        boolean[] out = new boolean[rows];
        if (!a.mayHaveNulls() && !b.mayHaveNulls()) {
            for (int i = 0; i < rows; i++) {
                out[i] = isAnd ? x[i] & y[i] : x[i] | y[i];
            }
            return new BooleanVector(DataType.BOOLEAN, out, rows);
        }
        boolean[] nulls = new boolean[rows];
        boolean any = false;
        for (int i = 0; i < rows; i++) {
            boolean ln = a.isNull(i);
            boolean rn = b.isNull(i);
            if (isAnd) {
                boolean leftFalse = !ln && !x[i];
                boolean rightFalse = !rn && !y[i];
                if (leftFalse || rightFalse) {
                    out[i] = false;
                }
                else if (ln || rn) {
                    nulls[i] = true;
                    any = true;
                }
                else {
                    out[i] = true;
                }
            }
            else {
                boolean leftTrue = !ln && x[i];
                boolean rightTrue = !rn && y[i];
                if (leftTrue || rightTrue) {
                    out[i] = true;
                }
                else if (ln || rn) {
                    nulls[i] = true;
                    any = true;
                }
            }
        }
        BooleanVector result = new BooleanVector(DataType.BOOLEAN, out, rows);
        result.setNulls(any ? nulls : null);
        return result;
    }
}
