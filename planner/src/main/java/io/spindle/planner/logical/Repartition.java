package io.spindle.planner.logical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Its child's rows spread over {@code numPartitions} partitions: by hash of {@code keys}, or round-robin when
 * there are none. Changes only where rows are, never which rows.
 */
public final class Repartition
        extends LogicalPlan
{
    private final LogicalPlan child;
    private final int numPartitions;
    private final List<Expression> keys;

    public Repartition(LogicalPlan child, int numPartitions, List<Expression> keys)
    {
        this.child = requireNonNull(child, "child is null");
        this.keys = List.copyOf(requireNonNull(keys, "keys is null"));
        if (numPartitions < 1) {
            throw new IllegalArgumentException("number of partitions must be positive, not " + numPartitions);
        }
        this.numPartitions = numPartitions;
    }

    public LogicalPlan child()
    {
        return child;
    }

    public int numPartitions()
    {
        return numPartitions;
    }

    /** The hash keys, resolved against the child; empty for round-robin. */
    public List<Expression> keys()
    {
        return keys;
    }

    @Override
    public List<LogicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return new Repartition(children.get(0), numPartitions, keys);
    }

    @Override
    public Schema schema()
    {
        return child.schema();
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitRepartition(this, context);
    }

    @Override
    public String describe()
    {
        return "Repartition " + numPartitions + (keys.isEmpty() ? " round-robin" : " by " + keys);
    }
}
