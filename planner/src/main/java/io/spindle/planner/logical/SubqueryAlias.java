package io.spindle.planner.logical;

import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Names its child's rows {@code alias}, so that columns can be written {@code alias.column}
 * ({@code df.alias("o")}); changes no rows. Only the analyzer needs it: the optimizer removes it.
 */
public final class SubqueryAlias
        extends LogicalPlan
{
    private final String alias;
    private final LogicalPlan child;

    public SubqueryAlias(String alias, LogicalPlan child)
    {
        this.alias = requireNonNull(alias, "alias is null");
        this.child = requireNonNull(child, "child is null");
    }

    public String alias()
    {
        return alias;
    }

    public LogicalPlan child()
    {
        return child;
    }

    @Override
    public List<LogicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return new SubqueryAlias(alias, children.get(0));
    }

    @Override
    public Schema schema()
    {
        return child.schema();
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitSubqueryAlias(this, context);
    }

    @Override
    public String describe()
    {
        return "SubqueryAlias " + alias;
    }
}
