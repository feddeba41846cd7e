package io.spindle.planner.logical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Groups rows by {@code groupingKeys} and computes {@code aggregates} per group. Each aggregate is an
 * {@code AggregateCall}, possibly under an {@code Alias}. Output: the keys, then the aggregates.
 */
public final class Aggregate
        extends LogicalPlan
{
    private final LogicalPlan child;
    private final List<Expression> groupingKeys;
    private final List<Expression> aggregates;

    public Aggregate(LogicalPlan child, List<Expression> groupingKeys, List<Expression> aggregates)
    {
        this.child = requireNonNull(child, "child is null");
        this.groupingKeys = List.copyOf(requireNonNull(groupingKeys, "groupingKeys is null"));
        this.aggregates = List.copyOf(requireNonNull(aggregates, "aggregates is null"));
    }

    public LogicalPlan child()
    {
        return child;
    }

    public List<Expression> groupingKeys()
    {
        return groupingKeys;
    }

    public List<Expression> aggregates()
    {
        return aggregates;
    }

    @Override
    public List<LogicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return new Aggregate(children.get(0), groupingKeys, aggregates);
    }

    @Override
    public Schema schema()
    {
        List<StructField> fields = new ArrayList<>();
        for (Expression key : groupingKeys) {
            fields.add(new StructField(key.defaultName(), key.type(), key.nullable()));
        }
        for (Expression aggregate : aggregates) {
            fields.add(new StructField(aggregate.defaultName(), aggregate.type(), aggregate.nullable()));
        }
        return new Schema(fields);
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitAggregate(this, context);
    }

    @Override
    public String describe()
    {
        return "Aggregate " + groupingKeys + " " + aggregates;
    }
}
