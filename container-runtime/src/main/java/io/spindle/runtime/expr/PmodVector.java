package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;

/**
 * pmod(a, n): Spark's positive remainder, {@code (a % n + n) % n} where {@code a % n} is negative; null for a
 * divisor of zero. Decimals arrive at one scale, so their unscaled longs are taken as they are.
 */
final class PmodVector
        implements VectorExpression
{
    private final DataType type;
    private final VectorExpression left;
    private final VectorExpression right;

    PmodVector(DataType type, VectorExpression left, VectorExpression right)
    {
        this.type = type;
        this.left = left;
        this.right = right;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        ColumnVector a = left.evaluate(batch);
        ColumnVector b = right.evaluate(batch);
        boolean[] nulls = Nulls.union(a, b, rows);
        ColumnVector out = ColumnVector.allocate(type, rows);
        if (a instanceof IntVector ints) {
            int[] x = ints.values();
            int[] y = ((IntVector) b).values();
            int[] values = ((IntVector) out).values();
            for (int i = 0; i < rows; i++) {
                if (y[i] == 0) {
                    nulls = Nulls.withNull(nulls, i, rows);
                    continue;
                }
                int r = x[i] % y[i];
                values[i] = r < 0 ? (r + y[i]) % y[i] : r;
            }
        }
        else if (a instanceof LongVector longs) {
            long[] x = longs.values();
            long[] y = ((LongVector) b).values();
            long[] values = ((LongVector) out).values();
            for (int i = 0; i < rows; i++) {
                if (y[i] == 0) {
                    nulls = Nulls.withNull(nulls, i, rows);
                    continue;
                }
                long r = x[i] % y[i];
                values[i] = r < 0 ? (r + y[i]) % y[i] : r;
            }
        }
        else {
            double[] x = ((DoubleVector) a).values();
            double[] y = ((DoubleVector) b).values();
            double[] values = ((DoubleVector) out).values();
            for (int i = 0; i < rows; i++) {
                if (y[i] == 0) {
                    nulls = Nulls.withNull(nulls, i, rows);
                    continue;
                }
                double r = x[i] % y[i];
                values[i] = r < 0 ? (r + y[i]) % y[i] : r;
            }
        }
        out.setNulls(nulls);
        return out;
    }
}
