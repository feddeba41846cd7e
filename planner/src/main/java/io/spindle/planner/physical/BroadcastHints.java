package io.spindle.planner.physical;

import io.spindle.planner.logical.BroadcastHint;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.ShuffleHashHint;
import io.spindle.planner.logical.SubqueryAlias;

/** Finds the user's join hints on a join side: {@code broadcast(df)} and {@code df.hint("shuffle_hash")}. */
final class BroadcastHints
{
    private BroadcastHints()
    {
    }

    /** Whether the user hinted that {@code plan} be broadcast, looking through row-wise nodes above the hint. */
    static boolean hinted(LogicalPlan plan)
    {
        return hinted(plan, BroadcastHint.class);
    }

    /** Whether the user hinted that a join build its hash table from {@code plan} after a shuffle. */
    static boolean shuffleHashHinted(LogicalPlan plan)
    {
        return hinted(plan, ShuffleHashHint.class);
    }

    private static boolean hinted(LogicalPlan plan, Class<? extends LogicalPlan> hint)
    {
        if (hint.isInstance(plan)) {
            return true;
        }
        if (plan instanceof Filter || plan instanceof Project || plan instanceof SubqueryAlias
                || plan instanceof BroadcastHint || plan instanceof ShuffleHashHint) {
            return hinted(plan.children().get(0), hint);
        }
        return false;
    }
}
