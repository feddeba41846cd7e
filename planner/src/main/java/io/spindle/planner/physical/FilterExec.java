package io.spindle.planner.physical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.types.Schema;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Keeps the rows of each batch for which {@code condition} is true. */
public final class FilterExec
        extends PhysicalPlan
{
    private final PhysicalPlan child;
    private final Expression condition;

    public FilterExec(PhysicalPlan child, Expression condition)
    {
        this.child = requireNonNull(child, "child is null");
        this.condition = requireNonNull(condition, "condition is null");
    }

    public PhysicalPlan child()
    {
        return child;
    }

    public Expression condition()
    {
        return condition;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new FilterExec(children.get(0), condition);
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
        return visitor.visitFilter(this, context);
    }

    @Override
    public String describe()
    {
        return "Filter " + condition;
    }
}
