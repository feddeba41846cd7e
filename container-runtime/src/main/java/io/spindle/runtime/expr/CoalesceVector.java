package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;

import java.util.Arrays;
import java.util.List;

/** COALESCE: each row from the first argument not null there; later arguments are computed only while rows remain null. */
final class CoalesceVector
        implements VectorExpression
{
    private final DataType type;
    private final List<VectorExpression> arguments;

    CoalesceVector(DataType type, List<VectorExpression> arguments)
    {
        this.type = type;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        int[] choice = new int[rows];
        Arrays.fill(choice, -1);
        ColumnVector[] sources = new ColumnVector[arguments.size()];
        int undecided = rows;
        for (int a = 0; a < sources.length && undecided > 0; a++) {
            ColumnVector source = arguments.get(a).evaluate(batch);
            sources[a] = source;
            for (int i = 0; i < rows; i++) {
                if (choice[i] < 0 && !source.isNull(i)) {
                    choice[i] = a;
                    undecided--;
                }
            }
        }
        return RowPicker.pick(type, sources, choice, rows);
    }
}
