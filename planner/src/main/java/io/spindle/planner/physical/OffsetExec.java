package io.spindle.planner.physical;

import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.types.Schema;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Skips the first {@code count} rows of its single-partition child and passes on the rest, in order. */
public final class OffsetExec
        extends PhysicalPlan
{
    private final PhysicalPlan child;
    private final long count;

    public OffsetExec(PhysicalPlan child, long count)
    {
        this.child = requireNonNull(child, "child is null");
        this.count = count;
    }

    public PhysicalPlan child()
    {
        return child;
    }

    public long count()
    {
        return count;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new OffsetExec(children.get(0), count);
    }

    @Override
    public Schema schema()
    {
        return child.schema();
    }

    @Override
    public Optional<Partitioning> outputPartitioning()
    {
        return child.outputPartitioning();
    }

    @Override
    public List<SortOrder> outputOrdering()
    {
        return child.outputOrdering();
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitOffset(this, context);
    }

    @Override
    public String describe()
    {
        return "Offset " + count;
    }
}
