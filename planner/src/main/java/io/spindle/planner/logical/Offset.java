package io.spindle.planner.logical;

import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Its child's rows but the first {@code count} (in the child's order, if it has one), as SQL's OFFSET. */
public final class Offset
        extends LogicalPlan
{
    private final LogicalPlan child;
    private final long count;

    public Offset(LogicalPlan child, long count)
    {
        this.child = requireNonNull(child, "child is null");
        if (count < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + count);
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
        return new Offset(children.get(0), count);
    }

    @Override
    public Schema schema()
    {
        return child.schema();
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitOffset(this, context);
    }

    @Override
    public String describe()
    {
        return "Offset " + count;
    }
}
