package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;

/**
 * The functions of doubles: sqrt, exp, ln, log10, signum of one argument, pow and log(base, x) of two. As in
 * Spark, a logarithm of zero or of a negative number (or to such a base) is null, while sqrt of a negative
 * number is NaN.
 */
final class MathFunctionVector
        implements VectorExpression
{
    enum Function
    {
        SQRT, EXP, LN, LOG10, SIGNUM, POW, LOG
    }

    private final Function function;
    private final VectorExpression left;
    private final VectorExpression right;

    /** {@code right} is null for the functions of one argument. */
    MathFunctionVector(Function function, VectorExpression left, VectorExpression right)
    {
        this.function = function;
        this.left = left;
        this.right = right;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        DoubleVector a = (DoubleVector) left.evaluate(batch);
        DoubleVector b = right == null ? null : (DoubleVector) right.evaluate(batch);
        double[] x = a.values();
        double[] y = b == null ? null : b.values();
        double[] out = new double[rows];
        boolean[] nulls = b == null ? Nulls.copy(a, rows) : Nulls.union(a, b, rows);
        switch (function) {
            case SQRT -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.sqrt(x[i]);
                }
            }
            case EXP -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.exp(x[i]);
                }
            }
            case SIGNUM -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.signum(x[i]);
                }
            }
            case POW -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.pow(x[i], y[i]);
                }
            }
            case LN, LOG10 -> {
                boolean natural = function == Function.LN;
                for (int i = 0; i < rows; i++) {
                    if (x[i] <= 0) {
                        nulls = Nulls.withNull(nulls, i, rows);
                    }
                    else {
                        out[i] = natural ? Math.log(x[i]) : Math.log10(x[i]);
                    }
                }
            }
            case LOG -> {
                for (int i = 0; i < rows; i++) {
                    if (x[i] <= 0 || y[i] <= 0) {
                        nulls = Nulls.withNull(nulls, i, rows);
                    }
                    else {
                        out[i] = Math.log(y[i]) / Math.log(x[i]);
                    }
                }
            }
        }
        DoubleVector vector = new DoubleVector(DataType.DOUBLE, out, rows);
        vector.setNulls(nulls);
        return vector;
    }
}
