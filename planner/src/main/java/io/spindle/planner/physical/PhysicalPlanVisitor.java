package io.spindle.planner.physical;

/**
 * Visits each kind of physical plan node. A kind added later gets a default method that falls back to
 * {@link #visitNode}, which refuses; the executors' operator builder overrides every kind.
 */
public interface PhysicalPlanVisitor<R, C>
{
    default R visitNode(PhysicalPlan node, C context)
    {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not handle " + node.describe());
    }

    R visitFileScan(FileScanExec node, C context);

    R visitFilter(FilterExec node, C context);

    R visitProject(ProjectExec node, C context);

    R visitHashAggregate(HashAggregateExec node, C context);

    R visitExchange(ExchangeExec node, C context);

    R visitShuffleRead(ShuffleReadExec node, C context);

    R visitSort(SortExec node, C context);

    R visitLimit(LimitExec node, C context);

    default R visitHashJoin(HashJoinExec node, C context)
    {
        return visitNode(node, context);
    }

    default R visitNestedLoopJoin(NestedLoopJoinExec node, C context)
    {
        return visitNode(node, context);
    }

    default R visitBroadcastExchange(BroadcastExchangeExec node, C context)
    {
        return visitNode(node, context);
    }

    default R visitBroadcastRead(BroadcastReadExec node, C context)
    {
        return visitNode(node, context);
    }

    default R visitUnion(UnionExec node, C context)
    {
        return visitNode(node, context);
    }

    default R visitWindow(WindowExec node, C context)
    {
        return visitNode(node, context);
    }

    default R visitInMemoryScan(InMemoryScanExec node, C context)
    {
        return visitNode(node, context);
    }

    default R visitSortMergeJoin(SortMergeJoinExec node, C context)
    {
        return visitNode(node, context);
    }

    default R visitTakeOrdered(TakeOrderedExec node, C context)
    {
        return visitNode(node, context);
    }

    default R visitLocalTableScan(LocalTableScanExec node, C context)
    {
        return visitNode(node, context);
    }

    default R visitEnforceSingleRow(EnforceSingleRowExec node, C context)
    {
        return visitNode(node, context);
    }

    default R visitExpand(ExpandExec node, C context)
    {
        return visitNode(node, context);
    }

    default R visitOffset(OffsetExec node, C context)
    {
        return visitNode(node, context);
    }
}
