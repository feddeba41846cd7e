package io.spindle.planner.physical;

import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Sends all of its child's rows to every task that reads it: the stage graph cuts here into a stage whose
 * rows the driver collects and ships, encoded, with each task of the stages above.
 */
public final class BroadcastExchangeExec
        extends PhysicalPlan
{
    private final PhysicalPlan child;

    public BroadcastExchangeExec(PhysicalPlan child)
    {
        this.child = requireNonNull(child, "child is null");
    }

    public PhysicalPlan child()
    {
        return child;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new BroadcastExchangeExec(children.get(0));
    }

    @Override
    public Schema schema()
    {
        return child.schema();
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitBroadcastExchange(this, context);
    }

    @Override
    public String describe()
    {
        return "BroadcastExchange";
    }
}
