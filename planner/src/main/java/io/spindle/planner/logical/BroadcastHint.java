package io.spindle.planner.logical;

import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The user's hint that {@code child} is small enough to send whole to every task of a join that reads it
 * ({@code df.hint("broadcast")}, {@code functions.broadcast(df)}). Changes no rows.
 */
public final class BroadcastHint
        extends LogicalPlan
{
    private final LogicalPlan child;

    public BroadcastHint(LogicalPlan child)
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
        return new BroadcastHint(children.get(0));
    }

    @Override
    public Schema schema()
    {
        return child.schema();
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitBroadcastHint(this, context);
    }

    @Override
    public String describe()
    {
        return "BroadcastHint";
    }
}
