package io.spindle.planner.physical;

import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.types.Schema;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The first {@code limit} rows of its partition by {@code orders}, in that order, without sorting the whole
 * partition: a limit over a sort. The planner puts one in each map task and one over the gathered rows, so at most
 * {@code limit} rows per map task cross the shuffle. Spark's TakeOrderedAndProjectExec (a projection, if any,
 * stays a node above).
 */
public final class TakeOrderedExec
        extends PhysicalPlan
{
    private final PhysicalPlan child;
    private final List<SortOrder> orders;
    private final long limit;

    public TakeOrderedExec(PhysicalPlan child, List<SortOrder> orders, long limit)
    {
        this.child = requireNonNull(child, "child is null");
        this.orders = List.copyOf(requireNonNull(orders, "orders is null"));
        if (orders.isEmpty()) {
            throw new IllegalArgumentException("a take-ordered needs at least one sort key");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    public PhysicalPlan child()
    {
        return child;
    }

    public List<SortOrder> orders()
    {
        return orders;
    }

    public long limit()
    {
        return limit;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new TakeOrderedExec(children.get(0), orders, limit);
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
        return visitor.visitTakeOrdered(this, context);
    }

    @Override
    public String operatorName()
    {
        return "TakeOrdered";
    }

    @Override
    public String describe()
    {
        return "TakeOrdered(limit=" + limit + ", orderBy=" + orders + ")";
    }
}
