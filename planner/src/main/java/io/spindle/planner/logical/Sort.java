package io.spindle.planner.logical;

import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Orders all rows by {@code orders}. */
public final class Sort
        extends LogicalPlan
{
    private final LogicalPlan child;
    private final List<SortOrder> orders;

    public Sort(LogicalPlan child, List<SortOrder> orders)
    {
        this.child = requireNonNull(child, "child is null");
        this.orders = List.copyOf(requireNonNull(orders, "orders is null"));
    }

    public LogicalPlan child()
    {
        return child;
    }

    public List<SortOrder> orders()
    {
        return orders;
    }

    @Override
    public List<LogicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return new Sort(children.get(0), orders);
    }

    @Override
    public Schema schema()
    {
        return child.schema();
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitSort(this, context);
    }

    @Override
    public String describe()
    {
        return "Sort " + orders;
    }
}
