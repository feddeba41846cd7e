package io.spindle.planner.physical;

import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The rows of each child, one child after the other. The physical planner puts an exchange under every
 * child, so all children of one stage have the same partitions and task i reads partition i of each.
 */
public final class UnionExec
        extends PhysicalPlan
{
    private final List<PhysicalPlan> children;
    private final Schema schema;

    public UnionExec(List<PhysicalPlan> children, Schema schema)
    {
        this.children = List.copyOf(requireNonNull(children, "children is null"));
        this.schema = requireNonNull(schema, "schema is null");
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return children;
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new UnionExec(children, schema);
    }

    @Override
    public Schema schema()
    {
        return schema;
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitUnion(this, context);
    }

    @Override
    public String describe()
    {
        return "Union " + children.size() + " inputs";
    }
}
