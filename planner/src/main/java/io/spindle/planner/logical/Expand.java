package io.spindle.planner.logical;

import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One output row per input row and projection: each projection computes every output column over the input row.
 * How {@code GROUP BY ROLLUP | CUBE | GROUPING SETS} feed one aggregation with a copy of each row per grouping
 * set, the keys a set leaves out set to null and a grouping id telling the sets apart, as Spark's Expand. All
 * projections have the same width and types; the first one names the columns.
 */
public final class Expand
        extends LogicalPlan
{
    private final LogicalPlan child;
    private final List<List<Expression>> projections;

    public Expand(LogicalPlan child, List<List<Expression>> projections)
    {
        this.child = requireNonNull(child, "child is null");
        this.projections = requireNonNull(projections, "projections is null").stream().map(List::copyOf).toList();
        if (this.projections.isEmpty()) {
            throw new IllegalArgumentException("an expand needs at least one projection");
        }
        List<Expression> first = this.projections.get(0);
        for (List<Expression> projection : this.projections) {
            if (projection.size() != first.size()) {
                throw new IllegalArgumentException("projections of one expand differ in width: " + projections);
            }
            for (int i = 0; i < first.size(); i++) {
                if (!projection.get(i).type().equals(first.get(i).type())) {
                    throw new IllegalArgumentException("column " + i + " of an expand is " + first.get(i).type().sqlName() + " in one projection and "
                            + projection.get(i).type().sqlName() + " in another");
                }
            }
        }
    }

    public LogicalPlan child()
    {
        return child;
    }

    public List<List<Expression>> projections()
    {
        return projections;
    }

    @Override
    public List<LogicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return new Expand(children.get(0), projections);
    }

    @Override
    public Schema schema()
    {
        List<Expression> first = projections.get(0);
        List<StructField> fields = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            Expression named = first.get(i);
            String name = named instanceof Alias alias ? alias.name() : named.defaultName();
            int column = i;
            boolean nullable = projections.stream().anyMatch(projection -> projection.get(column).nullable());
            fields.add(new StructField(name, named.type(), nullable));
        }
        return new Schema(fields);
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitExpand(this, context);
    }

    @Override
    public String describe()
    {
        return "Expand " + projections.size() + " projections " + schema().names();
    }
}
