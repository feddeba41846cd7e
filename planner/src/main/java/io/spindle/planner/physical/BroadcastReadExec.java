package io.spindle.planner.physical;

import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The reading side of a broadcast exchange inside a stage fragment: every task of the stage reads all rows
 * of broadcast {@code broadcastId}, which its task description carries.
 */
public final class BroadcastReadExec
        extends PhysicalPlan
{
    private final int broadcastId;
    private final Schema schema;

    public BroadcastReadExec(int broadcastId, Schema schema)
    {
        this.broadcastId = broadcastId;
        this.schema = requireNonNull(schema, "schema is null");
    }

    public int broadcastId()
    {
        return broadcastId;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of();
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return this;
    }

    @Override
    public Schema schema()
    {
        return schema;
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitBroadcastRead(this, context);
    }

    @Override
    public String describe()
    {
        return "BroadcastRead broadcast=" + broadcastId;
    }
}
