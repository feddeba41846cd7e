package io.spindle.planner.physical;

import io.spindle.planner.logical.BroadcastHint;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.SubqueryAlias;

/** Finds the user's {@code broadcast(df)} hints on a join side. */
final class BroadcastHints
{
    private BroadcastHints()
    {
    }

    /** Whether the user hinted that {@code plan} be broadcast, looking through row-wise nodes above the hint. */
    static boolean hinted(LogicalPlan plan)
    {
        if (plan instanceof BroadcastHint) {
            return true;
        }
        if (plan instanceof Filter || plan instanceof Project || plan instanceof SubqueryAlias) {
            return hinted(plan.children().get(0));
        }
        return false;
    }
}
