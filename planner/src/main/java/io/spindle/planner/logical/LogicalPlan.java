package io.spindle.planner.logical;

import io.spindle.planner.types.Schema;

import java.io.Serializable;
import java.util.List;

/**
 * A node of a resolved logical plan: what to compute, not how. Nodes are immutable; expressions in a node
 * refer to its children's output by position.
 */
public abstract class LogicalPlan
        implements Serializable
{
    public abstract List<LogicalPlan> children();

    public abstract LogicalPlan replaceChildren(List<LogicalPlan> children);

    public abstract Schema schema();

    public abstract <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context);

    /** The node's own line in a plan tree, without children. */
    public abstract String describe();

    public final String treeString()
    {
        StringBuilder out = new StringBuilder();
        appendTree(out, 0);
        return out.toString();
    }

    private void appendTree(StringBuilder out, int depth)
    {
        out.append(depth == 0 ? "" : "   ".repeat(depth - 1) + "+- ").append(describe()).append('\n');
        for (LogicalPlan child : children()) {
            child.appendTree(out, depth + 1);
        }
    }

    @Override
    public String toString()
    {
        return treeString();
    }
}
