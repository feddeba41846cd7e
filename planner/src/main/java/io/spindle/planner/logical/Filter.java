package io.spindle.planner.logical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Keeps the rows for which {@code condition} is true (not false, not null). */
public final class Filter
        extends LogicalPlan
{
    private final LogicalPlan child;
    private final Expression condition;

    public Filter(LogicalPlan child, Expression condition)
    {
        this.child = requireNonNull(child, "child is null");
        this.condition = requireNonNull(condition, "condition is null");
    }

    public LogicalPlan child()
    {
        return child;
    }

    public Expression condition()
    {
        return condition;
    }

    @Override
    public List<LogicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return new Filter(children.get(0), condition);
    }

    @Override
    public Schema schema()
    {
        return child.schema();
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitFilter(this, context);
    }

    @Override
    public String describe()
    {
        return "Filter " + condition;
    }
}
