package io.spindle.planner.logical;

/**
 * Visits each kind of logical plan node. A kind added later gets a default method that falls back to
 * {@link #visitNode}, which refuses; visitors that must handle every kind (the optimizer's rules, the
 * physical planner) override it.
 */
public interface LogicalPlanVisitor<R, C>
{
    default R visitNode(LogicalPlan node, C context)
    {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not handle " + node.describe());
    }

    R visitFileRelation(FileRelation node, C context);

    R visitFilter(Filter node, C context);

    R visitProject(Project node, C context);

    R visitAggregate(Aggregate node, C context);

    R visitSort(Sort node, C context);

    R visitLimit(Limit node, C context);

    default R visitJoin(Join node, C context)
    {
        return visitNode(node, context);
    }

    default R visitJoinHint(JoinHint node, C context)
    {
        return visitNode(node, context);
    }

    default R visitSubqueryAlias(SubqueryAlias node, C context)
    {
        return visitNode(node, context);
    }

    default R visitUnion(Union node, C context)
    {
        return visitNode(node, context);
    }

    default R visitRepartition(Repartition node, C context)
    {
        return visitNode(node, context);
    }

    default R visitWindow(Window node, C context)
    {
        return visitNode(node, context);
    }

    default R visitCachedRelation(CachedRelation node, C context)
    {
        return visitNode(node, context);
    }

    default R visitLocalRelation(LocalRelation node, C context)
    {
        return visitNode(node, context);
    }

    default R visitEnforceSingleRow(EnforceSingleRow node, C context)
    {
        return visitNode(node, context);
    }

    default R visitExpand(Expand node, C context)
    {
        return visitNode(node, context);
    }

    default R visitOffset(Offset node, C context)
    {
        return visitNode(node, context);
    }
}
