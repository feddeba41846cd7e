package io.spindle.planner.optimizer.rules;

import io.spindle.planner.logical.LogicalPlan;

/**
 * One rewrite of a logical plan node into an equivalent, cheaper one. The optimizer offers every node of the
 * plan to every rule until none fires. A rule looks only at the node it is given and its direct
 * descendants, and leaves alone node kinds it does not know (new ones are added without telling it).
 */
public interface Rule
{
    /** The node rewritten, or the very same instance when the rule does not apply. */
    LogicalPlan apply(LogicalPlan node);

    default String name()
    {
        return getClass().getSimpleName();
    }
}
