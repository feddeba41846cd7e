package io.spindle.planner.physical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** For each input batch, one output batch per projection (see the logical {@code Expand}). Keeps no partitioning or order. */
public final class ExpandExec
        extends PhysicalPlan
{
    private final PhysicalPlan child;
    private final List<List<Expression>> projections;
    private final Schema schema;

    public ExpandExec(PhysicalPlan child, List<List<Expression>> projections, Schema schema)
    {
        this.child = requireNonNull(child, "child is null");
        this.projections = requireNonNull(projections, "projections is null").stream().map(List::copyOf).toList();
        this.schema = requireNonNull(schema, "schema is null");
    }

    public PhysicalPlan child()
    {
        return child;
    }

    public List<List<Expression>> projections()
    {
        return projections;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new ExpandExec(children.get(0), projections, schema);
    }

    @Override
    public Schema schema()
    {
        return schema;
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitExpand(this, context);
    }

    @Override
    public String describe()
    {
        return "Expand " + projections.size() + " projections " + schema.names();
    }
}
