package io.spindle.planner.physical;

import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.types.Schema;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A node of a physical plan: how to compute, operator by operator. Immutable. Executors turn each node of a
 * stage's fragment into an operator; exchanges mark where stages are cut.
 */
public abstract class PhysicalPlan
        implements Serializable
{
    public abstract List<PhysicalPlan> children();

    public abstract PhysicalPlan replaceChildren(List<PhysicalPlan> children);

    public abstract Schema schema();

    public abstract <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context);

    /**
     * How this node's output rows are spread over partitions, as far as is known: hashed on keys over this node's
     * output columns, or all in one partition; empty when unknown, which is what a node says unless it knows better.
     */
    public Optional<Partitioning> outputPartitioning()
    {
        return Optional.empty();
    }

    /** What each input, in {@link #children()} order, needs of its spread; by default nothing. */
    public List<Distribution> requiredChildDistributions()
    {
        return Collections.nCopies(children().size(), Distribution.UNSPECIFIED);
    }

    /**
     * How the rows of each output partition are known to be ordered, most significant key first; empty when
     * no order is known, which is what a node says unless it knows better.
     */
    public List<SortOrder> outputOrdering()
    {
        return List.of();
    }

    /**
     * The order each input, in {@link #children()} order, must have within each of its partitions; by default
     * none. {@link EnsureRequirements} sorts an input locally where its {@link #outputOrdering()} does not begin
     * with what is required.
     */
    public List<List<SortOrder>> requiredChildOrderings()
    {
        return Collections.nCopies(children().size(), List.of());
    }

    /** The node's own line in a plan tree, without children. */
    public abstract String describe();

    /** A short name for summaries: the first word of {@link #describe()}. */
    public String operatorName()
    {
        String line = describe();
        int cut = line.indexOf(' ');
        return cut > 0 ? line.substring(0, cut) : line;
    }

    public final String treeString()
    {
        StringBuilder out = new StringBuilder();
        appendTree(out, 0);
        return out.toString();
    }

    private void appendTree(StringBuilder out, int depth)
    {
        out.append(depth == 0 ? "" : "   ".repeat(depth - 1) + "+- ").append(describe()).append('\n');
        for (PhysicalPlan child : children()) {
            child.appendTree(out, depth + 1);
        }
    }

    @Override
    public String toString()
    {
        return treeString();
    }
}
