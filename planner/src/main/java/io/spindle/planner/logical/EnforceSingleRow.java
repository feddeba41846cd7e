package io.spindle.planner.logical;

import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Its child's rows, of which there must be at most one: the query fails when a second arrives. Guards a
 * scalar subquery whose plan does not already promise one row, so that a subquery meant as a value never
 * multiplies the rows of the query around it, as Spark's "more than one row returned by a subquery".
 */
public final class EnforceSingleRow
        extends LogicalPlan
{
    private final LogicalPlan child;

    public EnforceSingleRow(LogicalPlan child)
    {
        this.child = requireNonNull(child, "child is null");
    }

    public LogicalPlan child()
    {
        return child;
    }

    /** True when {@code plan} yields at most one row whatever its input: a global aggregate, a limit of one, one local row. */
    public static boolean atMostOneRow(LogicalPlan plan)
    {
        if (plan instanceof Aggregate aggregate) {
            return aggregate.groupingKeys().isEmpty();
        }
        if (plan instanceof Limit limit) {
            return limit.count() <= 1 || atMostOneRow(limit.child());
        }
        if (plan instanceof LocalRelation local) {
            return local.rows().size() <= 1;
        }
        if (plan instanceof EnforceSingleRow) {
            return true;
        }
        if (plan instanceof Project || plan instanceof Filter || plan instanceof SubqueryAlias || plan instanceof Sort) {
            return atMostOneRow(plan.children().get(0));
        }
        return false;
    }

    @Override
    public List<LogicalPlan> children()
    {
        return List.of(child);
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return new EnforceSingleRow(children.get(0));
    }

    @Override
    public Schema schema()
    {
        return child.schema();
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitEnforceSingleRow(this, context);
    }

    @Override
    public String describe()
    {
        return "EnforceSingleRow";
    }
}
