package io.spindle.planner.optimizer;

import io.spindle.planner.logical.LogicalPlan;

/** Rewrites an analyzed logical plan into a cheaper equivalent one. */
public final class Optimizer
{
    private Optimizer()
    {
    }

    public static LogicalPlan optimize(LogicalPlan plan)
    {
        return PruneColumns.apply(plan);
    }
}
