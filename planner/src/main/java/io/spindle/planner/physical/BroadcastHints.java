package io.spindle.planner.physical;

import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.JoinHint;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.SubqueryAlias;

/** Finds the user's join hints on a join side: {@code broadcast(df)}, {@code df.hint("shuffle_hash")} and {@code df.hint("merge")}. */
final class BroadcastHints
{
    private BroadcastHints()
    {
    }

    /** Whether the user hinted that {@code plan} be broadcast, looking through row-wise nodes above the hint. */
    static boolean hinted(LogicalPlan plan)
    {
        return hinted(plan, JoinHint.Strategy.BROADCAST);
    }

    /** Whether the user hinted that a join build its hash table from {@code plan} after a shuffle. */
    static boolean shuffleHashHinted(LogicalPlan plan)
    {
        return hinted(plan, JoinHint.Strategy.SHUFFLE_HASH);
    }

    /** Whether the user hinted that a join reading {@code plan} sort and merge its sides. */
    static boolean mergeHinted(LogicalPlan plan)
    {
        return hinted(plan, JoinHint.Strategy.MERGE);
    }

    private static boolean hinted(LogicalPlan plan, JoinHint.Strategy strategy)
    {
        if (plan instanceof JoinHint hint && hint.strategy() == strategy) {
            return true;
        }
        if (plan instanceof Filter || plan instanceof Project || plan instanceof SubqueryAlias || plan instanceof JoinHint) {
            return hinted(plan.children().get(0), strategy);
        }
        return false;
    }
}
