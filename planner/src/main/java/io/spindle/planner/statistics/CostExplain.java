package io.spindle.planner.statistics;

import io.spindle.planner.logical.LogicalPlan;

/** A logical plan tree with each node's estimated statistics on its line, as Spark's {@code explain("cost")} prints it. */
public final class CostExplain
{
    private CostExplain()
    {
    }

    public static String treeString(LogicalPlan plan)
    {
        StringBuilder out = new StringBuilder();
        append(plan, new StatisticsEstimator(), out, 0);
        return out.toString();
    }

    private static void append(LogicalPlan node, StatisticsEstimator estimator, StringBuilder out, int depth)
    {
        out.append(depth == 0 ? "" : "   ".repeat(depth - 1) + "+- ").append(node.describe()).append(", ").append(estimator.of(node)).append('\n');
        for (LogicalPlan child : node.children()) {
            append(child, estimator, out, depth + 1);
        }
    }
}
