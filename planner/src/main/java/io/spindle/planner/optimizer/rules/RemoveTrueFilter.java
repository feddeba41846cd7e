package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.Literal;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.LogicalPlan;

/**
 * Drops a filter whose condition is the literal true, and turns a literal null condition into false (both
 * keep no row; false is what later rules and readers of the plan recognize).
 */
public final class RemoveTrueFilter
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (node instanceof Filter filter) {
            if (Predicates.isTrue(filter.condition())) {
                return filter.child();
            }
            if (Predicates.isNullLiteral(filter.condition())) {
                return new Filter(filter.child(), Literal.of(false));
            }
        }
        return node;
    }
}
