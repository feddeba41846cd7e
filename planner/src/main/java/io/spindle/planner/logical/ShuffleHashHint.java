package io.spindle.planner.logical;

import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The user's hint that a join reading {@code child} hash it after a shuffle, building its hash table from this
 * side, rather than broadcast either side ({@code df.hint("shuffle_hash")}, Spark's name). A broadcast hint on
 * the other side still wins, as in Spark. Changes no rows.
 */
public final class ShuffleHashHint
        extends LogicalPlan
{
    private final LogicalPlan child;

    public ShuffleHashHint(LogicalPlan child)
    {
        this.child = requireNonNull(child, "child is null");
    }

    public LogicalPlan child()
    {
        return child;
    }

    @Override
    public List<LogicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return new ShuffleHashHint(children.get(0));
    }

    @Override
    public Schema schema()
    {
        return child.schema();
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitShuffleHashHint(this, context);
    }

    @Override
    public String describe()
    {
        return "ShuffleHashHint";
    }
}
