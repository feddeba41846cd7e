package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.LogicalPlan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Moves the conjuncts of a filter over a join that read only one side below the join, onto that side. A side
 * qualifies only when the join never pads it with nulls: both sides of an inner or cross join, the left of a
 * left outer, semi or anti join, the right of a right outer join. On a padded side the filter must see the
 * nulls the join adds, so it stays above, as do conjuncts reading both sides or none.
 */
public final class PushFilterThroughJoin
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (!(node instanceof Filter filter) || !(filter.child() instanceof Join join)) {
            return node;
        }
        int leftWidth = join.left().schema().size();
        boolean leftOpen = !join.type().keepsUnmatchedRight();
        boolean rightOpen = join.type().outputsRight() && !join.type().keepsUnmatchedLeft();
        List<Expression> toLeft = new ArrayList<>();
        List<Expression> toRight = new ArrayList<>();
        List<Expression> kept = new ArrayList<>();
        for (Expression conjunct : Predicates.conjuncts(filter.condition())) {
            BitSet references = Predicates.references(conjunct);
            boolean deterministic = Predicates.deterministic(conjunct);
            if (deterministic && leftOpen && !references.isEmpty() && references.nextSetBit(leftWidth) < 0) {
                toLeft.add(conjunct);
            }
            else if (deterministic && rightOpen && !references.isEmpty() && references.nextSetBit(0) >= leftWidth) {
                toRight.add(conjunct.transformUp(e -> e instanceof ColumnRef ref ? ref.withIndex(ref.index() - leftWidth) : e));
            }
            else {
                kept.add(conjunct);
            }
        }
        if (toLeft.isEmpty() && toRight.isEmpty()) {
            return node;
        }
        LogicalPlan left = toLeft.isEmpty() ? join.left() : new Filter(join.left(), Predicates.and(toLeft));
        LogicalPlan right = toRight.isEmpty() ? join.right() : new Filter(join.right(), Predicates.and(toRight));
        LogicalPlan joined = join.replaceChildren(List.of(left, right));
        return kept.isEmpty() ? joined : new Filter(joined, Predicates.and(kept));
    }
}
