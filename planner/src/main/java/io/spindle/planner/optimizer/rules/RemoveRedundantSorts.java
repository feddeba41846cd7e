package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Sort;

import java.util.List;

/**
 * Drops a sort whose order nobody sees: a sort directly under another sort, which reorders every row again,
 * and a sort directly under an aggregate whose functions give the same result in any order (all but FIRST).
 * A sort under a limit or a window must stay: the limit keeps the first rows and the window's frames run in
 * order, so there the order decides the result.
 */
public final class RemoveRedundantSorts
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (node instanceof Sort sort && sort.child() instanceof Sort inner) {
            return sort.replaceChildren(List.of(inner.child()));
        }
        if (node instanceof Aggregate aggregate && aggregate.child() instanceof Sort inner && !readsOrder(aggregate)) {
            return aggregate.replaceChildren(List.of(inner.child()));
        }
        return node;
    }

    private static boolean readsOrder(Aggregate aggregate)
    {
        return aggregate.aggregates().stream()
                .anyMatch(e -> e.anyMatch(x -> x instanceof AggregateCall call && call.function() == AggregateFunction.FIRST));
    }
}
