package io.spindle.runtime.expr;

import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.runtime.decimal.Int128;
import io.spindle.runtime.operators.RowHasher;

/** Compares two vectors of one type row by row; null where either side is null. */
final class ComparisonVector
        implements VectorExpression
{
    private final Comparison.Operator operator;
    private final VectorExpression left;
    private final VectorExpression right;

    ComparisonVector(Comparison.Operator operator, VectorExpression left, VectorExpression right)
    {
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        ColumnVector a = left.evaluate(batch);
        ColumnVector b = right.evaluate(batch);
        int rows = batch.rowCount();
        boolean[] out = new boolean[rows];
        if (a instanceof LongVector x && b instanceof LongVector y) {
            long[] l = x.values();
            long[] r = y.values();
            for (int i = 0; i < rows; i++) {
                out[i] = test(Long.compare(l[i], r[i]));
            }
        }
        else if (a instanceof IntVector x && b instanceof IntVector y) {
            int[] l = x.values();
            int[] r = y.values();
            switch (operator) {
                case LESS_THAN -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = l[i] < r[i];
                    }
                }
                case LESS_THAN_OR_EQUAL -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = l[i] <= r[i];
                    }
                }
                case GREATER_THAN -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = l[i] > r[i];
                    }
                }
                case GREATER_THAN_OR_EQUAL -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = l[i] >= r[i];
                    }
                }
                default -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = test(Integer.compare(l[i], r[i]));
                    }
                }
            }
        }
        else if (a instanceof Decimal128Vector || b instanceof Decimal128Vector) {
            // the analyzer gives both sides one decimal type, so one scale; a width may still differ on the way
            for (int i = 0; i < rows; i++) {
                out[i] = test(Int128.compare(Decimal128Vector.unscaledHigh(a, i), Decimal128Vector.unscaledLow(a, i),
                        Decimal128Vector.unscaledHigh(b, i), Decimal128Vector.unscaledLow(b, i)));
            }
        }
        else if (a instanceof DoubleVector x && b instanceof DoubleVector y) {
            double[] l = x.values();
            double[] r = y.values();
            for (int i = 0; i < rows; i++) {
                out[i] = test(RowHasher.compareDoubles(l[i], r[i]));
            }
        }
        else if (a instanceof StringVector x && b instanceof StringVector y) {
            for (int i = 0; i < rows; i++) {
                out[i] = test(x.compareAt(i, y, i));
            }
        }
        else if (a instanceof BooleanVector x && b instanceof BooleanVector y) {
            for (int i = 0; i < rows; i++) {
                out[i] = test(Boolean.compare(x.get(i), y.get(i)));
            }
        }
        else {
            throw new IllegalStateException("cannot compare " + a.type() + " with " + b.type());
        }
        BooleanVector result = new BooleanVector(DataType.BOOLEAN, out, rows);
        result.setNulls(Nulls.union(a, b, rows));
        return result;
    }

    private boolean test(int comparison)
    {
        return switch (operator) {
            case EQUAL -> comparison == 0;
            case NOT_EQUAL -> comparison != 0;
            case LESS_THAN -> comparison < 0;
            case LESS_THAN_OR_EQUAL -> comparison <= 0;
            case GREATER_THAN -> comparison > 0;
            case GREATER_THAN_OR_EQUAL -> comparison >= 0;
        };
    }
}
