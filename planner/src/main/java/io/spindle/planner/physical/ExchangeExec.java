package io.spindle.planner.physical;

import io.spindle.planner.types.Schema;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Redistributes its child's rows by {@code partitioning}: a shuffle, where the stage graph cuts. */
public final class ExchangeExec
        extends PhysicalPlan
{
    private final PhysicalPlan child;
    private final Partitioning partitioning;

    public ExchangeExec(PhysicalPlan child, Partitioning partitioning)
    {
        this.child = requireNonNull(child, "child is null");
        this.partitioning = requireNonNull(partitioning, "partitioning is null");
    }

    public PhysicalPlan child()
    {
        return child;
    }

    public Partitioning partitioning()
    {
        return partitioning;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new ExchangeExec(children.get(0), partitioning);
    }

    @Override
    public Schema schema()
    {
        return child.schema();
    }

    /** Into one partition, by whatever scheme, is all rows in one partition. */
    @Override
    public Optional<Partitioning> outputPartitioning()
    {
        return Optional.of(partitioning.numPartitions() == 1 ? new Partitioning.Single() : partitioning);
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitExchange(this, context);
    }

    @Override
    public String describe()
    {
        return "Exchange " + partitioning;
    }
}
