package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.LogicalPlan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Moves the conjuncts of a filter over an inner or cross join that read both sides into the join's condition,
 * so that {@code FROM a, b WHERE a.k = b.k} becomes an equi-join instead of a cross product filtered
 * afterwards; a cross join that gains a condition becomes an inner join. Outer, semi and anti joins are left
 * alone: there a condition decides which rows are padded or kept, which a filter above does not.
 */
public final class PushFilterIntoJoinCondition
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (!(node instanceof Filter filter) || !(filter.child() instanceof Join join)
                || (join.type() != JoinType.INNER && join.type() != JoinType.CROSS)) {
            return node;
        }
        int leftWidth = join.left().schema().size();
        List<Expression> moved = new ArrayList<>();
        List<Expression> kept = new ArrayList<>();
        for (Expression conjunct : Predicates.conjuncts(filter.condition())) {
            BitSet references = Predicates.references(conjunct);
            boolean readsLeft = !references.isEmpty() && references.nextSetBit(0) < leftWidth;
            boolean readsRight = references.nextSetBit(leftWidth) >= 0;
            if (readsLeft && readsRight && Predicates.deterministic(conjunct)) {
                moved.add(conjunct);
            }
            else {
                kept.add(conjunct);
            }
        }
        if (moved.isEmpty()) {
            return node;
        }
        join.condition().ifPresent(existing -> moved.addAll(0, Predicates.conjuncts(existing)));
        LogicalPlan joined = new Join(join.left(), join.right(), JoinType.INNER, Optional.of(Predicates.and(moved)));
        return kept.isEmpty() ? joined : new Filter(joined, Predicates.and(kept));
    }
}
