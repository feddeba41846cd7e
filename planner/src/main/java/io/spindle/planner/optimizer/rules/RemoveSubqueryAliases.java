package io.spindle.planner.optimizer.rules;

import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.SubqueryAlias;

/** Drops the names {@code df.alias(...)} gave: they only served to resolve qualified columns, already done. */
public final class RemoveSubqueryAliases
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        return node instanceof SubqueryAlias alias ? alias.child() : node;
    }
}
