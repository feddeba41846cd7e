package io.spindle.planner.analyzer;

import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.expressions.WindowExpression;
import io.spindle.planner.expressions.WindowFrame;
import io.spindle.planner.expressions.WindowFunction;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.sql.AnalysisException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * INTERSECT and EXCEPT, matching rows by position with two nulls counting as the same value, as SQL's set
 * operations do. The DISTINCT forms are a left semi or anti join, then a distinct. The ALL forms keep
 * duplicates as bags do: {@code min(m, n)} copies of a row found m times on the left and n on the right for
 * INTERSECT ALL, {@code max(m - n, 0)} for EXCEPT ALL. Each side numbers the copies of every row
 * (row_number over a window partitioned by all columns), and the join matches copy numbers too: copy k of
 * a left row survives INTERSECT ALL when the right has a k-th copy, and EXCEPT ALL when it has not.
 */
public final class SetOperationAnalyzer
{
    private static final String COPY_COLUMN = "__copy";

    private SetOperationAnalyzer()
    {
    }

    public static LogicalPlan intersect(LogicalPlan left, LogicalPlan right, boolean all)
    {
        return matched(left, right, JoinType.LEFT_SEMI, all, "INTERSECT");
    }

    public static LogicalPlan except(LogicalPlan left, LogicalPlan right, boolean all)
    {
        return matched(left, right, JoinType.LEFT_ANTI, all, "EXCEPT");
    }

    private static LogicalPlan matched(LogicalPlan left, LogicalPlan right, JoinType type, boolean all, String operation)
    {
        int width = left.schema().size();
        if (width != right.schema().size()) {
            throw new AnalysisException(operation + " needs the same number of columns on both sides, not " + width + " and "
                    + right.schema().size());
        }
        if (!all) {
            return distinct(new Join(left, right, type, Optional.of(condition(left.schema(), right.schema(), width, false))));
        }
        LogicalPlan numberedLeft = numbered(left);
        LogicalPlan numberedRight = numbered(right);
        Expression condition = condition(numberedLeft.schema(), numberedRight.schema(), width, true);
        LogicalPlan joined = new Join(numberedLeft, numberedRight, type, Optional.of(condition));
        List<Expression> columns = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            columns.add(ref(joined.schema(), i));
        }
        return new Project(joined, columns);
    }

    /** Each column position equal (nulls equal to nulls), and with {@code copies} the copy numbers after them too. */
    private static Expression condition(Schema leftSchema, Schema rightSchema, int width, boolean copies)
    {
        Schema both = Join.conditionSchema(leftSchema, rightSchema);
        int rightStart = leftSchema.size();
        Expression condition = null;
        for (int i = 0; i < width + (copies ? 1 : 0); i++) {
            ColumnRef l = ref(both, i);
            ColumnRef r = ref(both, rightStart + i);
            Expression equal = new Comparison(Comparison.Operator.EQUAL, l, r);
            if (l.nullable() || r.nullable()) {
                equal = Logical.or(equal, Logical.and(new IsNull(l), new IsNull(r)));
            }
            condition = condition == null ? equal : Logical.and(condition, equal);
        }
        return ExpressionAnalyzer.resolve(condition, both);
    }

    /** The plan's columns and, after them, the copy number of each row among the rows equal to it. */
    private static LogicalPlan numbered(LogicalPlan plan)
    {
        List<Expression> columns = new ArrayList<>();
        List<SortOrder> order = new ArrayList<>();
        for (int i = 0; i < plan.schema().size(); i++) {
            ColumnRef column = ref(plan.schema(), i);
            columns.add(column);
            order.add(SortOrder.ascending(column));
        }
        WindowExpression copy = new WindowExpression(WindowFunction.ranking(WindowFunction.Kind.ROW_NUMBER), columns, order,
                WindowFrame.RUNNING);
        List<Expression> output = new ArrayList<>(columns);
        output.add(new Alias(copy, COPY_COLUMN));
        return WindowAnalyzer.project(plan, output);
    }

    private static LogicalPlan distinct(LogicalPlan plan)
    {
        List<Expression> columns = new ArrayList<>();
        for (int i = 0; i < plan.schema().size(); i++) {
            columns.add(ref(plan.schema(), i));
        }
        return new Aggregate(plan, columns, List.of());
    }

    private static ColumnRef ref(Schema schema, int index)
    {
        StructField field = schema.field(index);
        return new ColumnRef(index, field.name(), field.type(), field.nullable());
    }
}
