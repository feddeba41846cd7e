package io.spindle.planner.physical;

import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.types.Schema;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Sorts all rows of its partition by {@code orders}. */
public final class SortExec
        extends PhysicalPlan
{
    private final PhysicalPlan child;
    private final List<SortOrder> orders;

    public SortExec(PhysicalPlan child, List<SortOrder> orders)
    {
        this.child = requireNonNull(child, "child is null");
        this.orders = List.copyOf(requireNonNull(orders, "orders is null"));
    }

    public PhysicalPlan child()
    {
        return child;
    }

    public List<SortOrder> orders()
    {
        return orders;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new SortExec(children.get(0), orders);
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
        return orders;
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitSort(this, context);
    }

    @Override
    public String describe()
    {
        return "Sort " + orders;
    }
}
