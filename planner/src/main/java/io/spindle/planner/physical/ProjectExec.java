package io.spindle.planner.physical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.logical.Project;
import io.spindle.planner.types.Schema;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Computes one output column per expression over each batch. */
public final class ProjectExec
        extends PhysicalPlan
{
    private final PhysicalPlan child;
    private final List<Expression> expressions;

    public ProjectExec(PhysicalPlan child, List<Expression> expressions)
    {
        this.child = requireNonNull(child, "child is null");
        this.expressions = List.copyOf(requireNonNull(expressions, "expressions is null"));
    }

    public PhysicalPlan child()
    {
        return child;
    }

    public List<Expression> expressions()
    {
        return expressions;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return new ProjectExec(children.get(0), expressions);
    }

    @Override
    public Schema schema()
    {
        return Project.schemaOf(expressions);
    }

    @Override
    public Optional<Partitioning> outputPartitioning()
    {
        return PartitionKeys.throughOutputs(child.outputPartitioning(), expressions);
    }

    @Override
    public List<SortOrder> outputOrdering()
    {
        return Orderings.throughOutputs(child.outputOrdering(), expressions);
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitProject(this, context);
    }

    @Override
    public String describe()
    {
        return "Project " + expressions;
    }
}
