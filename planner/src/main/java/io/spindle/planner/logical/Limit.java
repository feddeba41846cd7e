package io.spindle.planner.logical;

import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** The first {@code count} rows of its child (in its order, if it has one). */
public final class Limit
        extends LogicalPlan
{
    private final LogicalPlan child;
    private final long count;

    public Limit(LogicalPlan child, long count)
    {
        this.child = requireNonNull(child, "child is null");
        if (count < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + count);
        }
        this.count = count;
    }

    public LogicalPlan child()
    {
        return child;
    }

    public long count()
    {
        return count;
    }

    @Override
    public List<LogicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return new Limit(children.get(0), count);
    }

    @Override
    public Schema schema()
    {
        return child.schema();
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitLimit(this, context);
    }

    @Override
    public String describe()
    {
        return "Limit " + count;
    }
}
