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
            ColumnVector source = arguments.get(a).evaluate(batch);
            sources[a] = source;
            for (int i = 0; i < rows; i++) {
                if (source.isNull(i)) {
                    continue;
                }
                if (choice[i] < 0) {
                    choice[i] = a;
                    continue;
                }
                int order = compare(source, sources[choice[i]], i);
                if (greatest ? order > 0 : order < 0) {
                    choice[i] = a;
                }
            }
        }
        return RowPicker.pick(type, sources, choice, rows);
    }

    private static int compare(ColumnVector candidate, ColumnVector chosen, int row)
    {
        if (candidate instanceof IntVector x) {
            return Integer.compare(x.values()[row], ((IntVector) chosen).values()[row]);
        }
        if (candidate instanceof LongVector x) {
            return Long.compare(x.values()[row], ((LongVector) chosen).values()[row]);
        }
        if (candidate instanceof DoubleVector x) {
            return Double.compare(x.values()[row], ((DoubleVector) chosen).values()[row]);
        }
        return ((StringVector) candidate).compareAt(row, (StringVector) chosen, row);
    }
}
