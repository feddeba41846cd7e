package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.LogicalPlan;

import java.util.List;

/**
 * Turns an outer join under a filter that drops every null-padded row into a less outer one: a left outer
 * join whose filter rejects rows with the right side all null becomes inner, and likewise for the other
 * sides; a full outer join loses the side or sides whose padding the filter rejects. The filter stays, and
 * {@link PushFilterThroughJoin} can then move more of it below the join.
 */
public final class EliminateOuterJoin
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (!(node instanceof Filter filter) || !(filter.child() instanceof Join join)) {
            return node;
        }
        JoinType type = join.type();
        if (type != JoinType.LEFT_OUTER && type != JoinType.RIGHT_OUTER && type != JoinType.FULL_OUTER) {
            return node;
        }
        int leftWidth = join.left().schema().size();
        int width = leftWidth + join.right().schema().size();
        List<Expression> conjuncts = Predicates.conjuncts(filter.condition());
        // A padded left (a right row kept unmatched) is dropped when a conjunct rejects all-null left columns.
        boolean leftPaddingRejected = type.keepsUnmatchedRight() && conjuncts.stream().anyMatch(c -> rejectsNulls(c, 0, leftWidth));
        boolean rightPaddingRejected = type.keepsUnmatchedLeft() && conjuncts.stream().anyMatch(c -> rejectsNulls(c, leftWidth, width));
        if (!leftPaddingRejected && !rightPaddingRejected) {
            return node;
        }
        boolean keepsUnmatchedLeft = type.keepsUnmatchedLeft() && !rightPaddingRejected;
        boolean keepsUnmatchedRight = type.keepsUnmatchedRight() && !leftPaddingRejected;
        JoinType narrowed = keepsUnmatchedLeft ? (keepsUnmatchedRight ? JoinType.FULL_OUTER : JoinType.LEFT_OUTER)
                : (keepsUnmatchedRight ? JoinType.RIGHT_OUTER : JoinType.INNER);
        return new Filter(new Join(join.left(), join.right(), narrowed, join.condition()), filter.condition());
    }

    /**
     * Whether {@code condition} is false or null on every row whose columns {@code [from, to)} are all null, so
     * the filter drops that row. A filter keeps only rows where its condition is true, and a null-intolerant
     * expression (column, comparison, arithmetic, cast, NOT) is null when an operand is null: such a predicate
     * over a padded column can never be true on a padded row. IS NOT NULL of such an expression is false there.
     * IS NULL, OR with a side that accepts nulls, CASE and functions (COALESCE) can turn a null into true, so they
     * do not count.
     */
    static boolean rejectsNulls(Expression condition, int from, int to)
    {
        if (condition instanceof Logical logical) {
            boolean left = rejectsNulls(logical.left(), from, to);
            boolean right = rejectsNulls(logical.right(), from, to);
            return logical.operator() == Logical.Operator.AND ? left || right : left && right;
        }
        if (condition instanceof Not not && not.child() instanceof IsNull isNull) {
            return nullWhenPadded(isNull.child(), from, to);
        }
        return nullWhenPadded(condition, from, to);
    }

    /** Whether {@code expression} is null whenever the columns {@code [from, to)} are null. */
    private static boolean nullWhenPadded(Expression expression, int from, int to)
    {
        if (expression instanceof ColumnRef ref) {
            return ref.index() >= from && ref.index() < to;
        }
        if (expression instanceof Comparison comparison) {
            return nullWhenPadded(comparison.left(), from, to) || nullWhenPadded(comparison.right(), from, to);
        }
        if (expression instanceof Arithmetic arithmetic) {
            return nullWhenPadded(arithmetic.left(), from, to) || nullWhenPadded(arithmetic.right(), from, to);
        }
        if (expression instanceof Cast cast) {
            return nullWhenPadded(cast.child(), from, to);
        }
        if (expression instanceof Not not) {
            return nullWhenPadded(not.child(), from, to);
        }
        return false;
    }
}
