package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;

import java.util.Arrays;
import java.util.List;

/**
 * greatest and least: for each row the argument that orders last (or first), skipping nulls; null only where
 * every argument is. Doubles order as Spark orders them, NaN above every number.
 */
final class GreatestLeastVector
        implements VectorExpression
{
    private final DataType type;
    private final List<VectorExpression> arguments;
    private final boolean greatest;

    GreatestLeastVector(DataType type, List<VectorExpression> arguments, boolean greatest)
    {
        this.type = type;
        this.arguments = List.copyOf(arguments);
        this.greatest = greatest;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        ColumnVector[] sources = new ColumnVector[arguments.size()];
        int[] choice = new int[rows];
        Arrays.fill(choice, -1);
        for (int a = 0; a < sources.length; a++) {
            sources[a] = arguments.get(a).evaluate(batch);
            ColumnVector source = sources[a];
            // each loop keeps, per row, the argument chosen so far; the sign of the comparison picks greatest or least
            int sign = greatest ? 1 : -1;
            if (source instanceof IntVector ints) {
                int[] values = ints.values();
                for (int i = 0; i < rows; i++) {
                    if (!source.isNull(i) && (choice[i] < 0 || sign * Integer.compare(values[i], ((IntVector) sources[choice[i]]).values()[i]) > 0)) {
                        choice[i] = a;
                    }
                }
            }
            else if (source instanceof LongVector longs) {
                long[] values = longs.values();
                for (int i = 0; i < rows; i++) {
                    if (!source.isNull(i) && (choice[i] < 0 || sign * Long.compare(values[i], ((LongVector) sources[choice[i]]).values()[i]) > 0)) {
                        choice[i] = a;
                    }
                }
            }
            else if (source instanceof DoubleVector doubles) {
                double[] values = doubles.values();
                for (int i = 0; i < rows; i++) {
                    if (!source.isNull(i) && (choice[i] < 0 || sign * Double.compare(values[i], ((DoubleVector) sources[choice[i]]).values()[i]) > 0)) {
                        choice[i] = a;
                    }
                }
            }
            else {
                StringVector strings = (StringVector) source;
                for (int i = 0; i < rows; i++) {
                    if (!source.isNull(i) && (choice[i] < 0 || sign * strings.compareAt(i, (StringVector) sources[choice[i]], i) > 0)) {
                        choice[i] = a;
                    }
                }
            }
        }
        return RowPicker.pick(type, sources, choice, rows);
    }
}
