package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;

/**
 * Builds a vector whose row i is row i of {@code sources[choice[i]]}, or null where {@code choice[i]} is negative.
 * A source no row chooses may be null (not computed).
 */
public final class RowPicker
{
    private RowPicker()
    {
    }

    public static ColumnVector pick(DataType type, ColumnVector[] sources, int[] choice, int rows)
    {
        boolean[] nulls = new boolean[rows];
        boolean anyNull = false;
        for (int i = 0; i < rows; i++) {
            int c = choice[i];
            if (c < 0 || sources[c].isNull(i)) {
                nulls[i] = true;
                anyNull = true;
            }
        }
        if (type.kind() == io.spindle.planner.types.TypeKind.STRING) {
            StringVector.Builder builder = new StringVector.Builder(rows, rows * 8);
            for (int i = 0; i < rows; i++) {
                if (nulls[i]) {
                    builder.appendNull();
                }
                else {
                    StringVector source = (StringVector) sources[choice[i]];
                    builder.append(source.data(), source.start(i), source.length(i));
                }
            }
            return builder.build();
        }
        ColumnVector out = ColumnVector.allocate(type, rows);
        if (out instanceof BooleanVector v) {
            boolean[] values = v.values();
            boolean[][] in = new boolean[sources.length][];
            for (int s = 0; s < sources.length; s++) {
                in[s] = sources[s] == null ? null : ((BooleanVector) sources[s]).values();
            }
            for (int i = 0; i < rows; i++) {
                if (!nulls[i]) {
                    values[i] = in[choice[i]][i];
                }
            }
        }
        else if (out instanceof IntVector v) {
            int[] values = v.values();
            int[][] in = new int[sources.length][];
            for (int s = 0; s < sources.length; s++) {
                in[s] = sources[s] == null ? null : ((IntVector) sources[s]).values();
            }
            for (int i = 0; i < rows; i++) {
                if (!nulls[i]) {
                    values[i] = in[choice[i]][i];
                }
            }
        }
        else if (out instanceof LongVector v) {
            long[] values = v.values();
            long[][] in = new long[sources.length][];
            for (int s = 0; s < sources.length; s++) {
                in[s] = sources[s] == null ? null : ((LongVector) sources[s]).values();
            }
            for (int i = 0; i < rows; i++) {
                if (!nulls[i]) {
                    values[i] = in[choice[i]][i];
                }
            }
        }
        else if (out instanceof Decimal128Vector v) {
            for (int i = 0; i < rows; i++) {
                if (!nulls[i]) {
                    Decimal128Vector source = (Decimal128Vector) sources[choice[i]];
                    v.high()[i] = source.high(i);
                    v.low()[i] = source.low(i);
                }
            }
        }
        else if (out instanceof DoubleVector v) {
            double[] values = v.values();
            double[][] in = new double[sources.length][];
            for (int s = 0; s < sources.length; s++) {
                in[s] = sources[s] == null ? null : ((DoubleVector) sources[s]).values();
            }
            for (int i = 0; i < rows; i++) {
                if (!nulls[i]) {
                    values[i] = in[choice[i]][i];
                }
            }
        }
        out.setNulls(anyNull ? nulls : null);
        return out;
    }
}
