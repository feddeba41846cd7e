package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.Logical;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.LogicalPlan;

/**
 * Merges a filter over a filter into one filter on the AND of both conditions, inner first. Declines when
 * either condition is not deterministic: the outer one would then see rows the inner one dropped.
 */
public final class CombineFilters
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (node instanceof Filter outer && outer.child() instanceof Filter inner
                && Predicates.deterministic(outer.condition()) && Predicates.deterministic(inner.condition())) {
            return new Filter(inner.child(), Logical.and(inner.condition(), outer.condition()));
        }
        return node;
    }
}
