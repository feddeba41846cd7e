package io.spindle.planner.logical;

/** Visits each kind of logical plan node. */
public interface LogicalPlanVisitor<R, C>
{
    R visitFileRelation(FileRelation node, C context);

    R visitFilter(Filter node, C context);

    R visitProject(Project node, C context);

    R visitAggregate(Aggregate node, C context);

    R visitSort(Sort node, C context);

    R visitLimit(Limit node, C context);
}
