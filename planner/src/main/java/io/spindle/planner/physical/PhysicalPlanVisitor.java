package io.spindle.planner.physical;

/** Visits each kind of physical plan node. */
public interface PhysicalPlanVisitor<R, C>
{
    R visitFileScan(FileScanExec node, C context);

    R visitFilter(FilterExec node, C context);

    R visitProject(ProjectExec node, C context);

    R visitHashAggregate(HashAggregateExec node, C context);

    R visitExchange(ExchangeExec node, C context);

    R visitShuffleRead(ShuffleReadExec node, C context);

    R visitSort(SortExec node, C context);

    R visitLimit(LimitExec node, C context);
}
