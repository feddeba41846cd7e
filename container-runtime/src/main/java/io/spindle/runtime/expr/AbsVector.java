package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;

/** abs of ints, longs, decimals (unscaled longs) and doubles, in the input's type; the smallest int stays itself, as in Spark. */
final class AbsVector
        implements VectorExpression
{
    private final VectorExpression child;

    AbsVector(VectorExpression child)
    {
        this.child = child;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        ColumnVector input = child.evaluate(batch);
        ColumnVector out = ColumnVector.allocate(input.type(), rows);
        if (input instanceof IntVector ints) {
            int[] x = ints.values();
            int[] values = ((IntVector) out).values();
            for (int i = 0; i < rows; i++) {
                values[i] = Math.abs(x[i]);
            }
        }
        else if (input instanceof LongVector longs) {
            long[] x = longs.values();
            long[] values = ((LongVector) out).values();
            for (int i = 0; i < rows; i++) {
                values[i] = Math.abs(x[i]);
            }
        }
        else {
            double[] x = ((DoubleVector) input).values();
            double[] values = ((DoubleVector) out).values();
            for (int i = 0; i < rows; i++) {
                values[i] = Math.abs(x[i]);
            }
        }
        out.setNulls(Nulls.copy(input, rows));
        return out;
    }
}
