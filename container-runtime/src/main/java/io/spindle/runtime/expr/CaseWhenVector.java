package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;

import java.util.Arrays;
import java.util.List;

/**
 * CASE WHEN: marks for each row the first branch whose condition is true, then copies each row from its
 * branch's value. A value is computed only when some row takes its branch, but then for the whole batch.
 */
final class CaseWhenVector
        implements VectorExpression
{
    private final DataType type;
    private final List<VectorExpression> conditions;
    /** The branch values, then the else value when there is one. */
    private final List<VectorExpression> values;

    CaseWhenVector(DataType type, List<VectorExpression> conditions, List<VectorExpression> values)
    {
        this.type = type;
        this.conditions = List.copyOf(conditions);
        this.values = List.copyOf(values);
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        int[] choice = new int[rows];
        Arrays.fill(choice, -1);
        int undecided = rows;
        boolean[] taken = new boolean[values.size()];
        for (int b = 0; b < conditions.size() && undecided > 0; b++) {
            BooleanVector condition = (BooleanVector) conditions.get(b).evaluate(batch);
            boolean[] v = condition.values();
            for (int i = 0; i < rows; i++) {
                if (choice[i] < 0 && v[i] && !condition.isNull(i)) {
                    choice[i] = b;
                    taken[b] = true;
                    undecided--;
                }
            }
        }
        if (undecided > 0 && values.size() > conditions.size()) {
            int elseBranch = conditions.size();
            for (int i = 0; i < rows; i++) {
                if (choice[i] < 0) {
                    choice[i] = elseBranch;
                }
            }
            taken[elseBranch] = true;
        }
        ColumnVector[] sources = new ColumnVector[values.size()];
        for (int b = 0; b < sources.length; b++) {
            if (taken[b]) {
                sources[b] = values.get(b).evaluate(batch);
            }
        }
        return RowPicker.pick(type, sources, choice, rows);
    }
}
