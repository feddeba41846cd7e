package io.spindle.planner.logical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Computes one output column per expression; each expression's {@code defaultName()} names its column. */
public final class Project
        extends LogicalPlan
{
    private final LogicalPlan child;
    private final List<Expression> expressions;

    public Project(LogicalPlan child, List<Expression> expressions)
    {
        this.child = requireNonNull(child, "child is null");
        this.expressions = List.copyOf(requireNonNull(expressions, "expressions is null"));
    }

    public LogicalPlan child()
    {
        return child;
    }

    public List<Expression> expressions()
    {
        return expressions;
    }

    @Override
    public List<LogicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return new Project(children.get(0), expressions);
    }

    @Override
    public Schema schema()
    {
        return schemaOf(expressions);
    }

    public static Schema schemaOf(List<Expression> expressions)
    {
        return new Schema(expressions.stream()
                .map(e -> new StructField(e.defaultName(), e.type(), e.nullable()))
                .toList());
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitProject(this, context);
    }

    @Override
    public String describe()
    {
        return "Project " + expressions;
    }
}
