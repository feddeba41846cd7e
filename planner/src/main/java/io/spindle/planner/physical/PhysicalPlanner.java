package io.spindle.planner.physical;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.LogicalPlanVisitor;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Sort;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses operators for an optimized logical plan: aggregation becomes a partial aggregation, a hash exchange
 * on the grouping keys and a final aggregation; a global sort or limit gathers into one partition first.
 */
public final class PhysicalPlanner
{
    private final int shufflePartitions;

    public PhysicalPlanner(int shufflePartitions)
    {
        if (shufflePartitions < 1) {
            throw new IllegalArgumentException("shuffle partitions must be positive: " + shufflePartitions);
        }
        this.shufflePartitions = shufflePartitions;
    }

    public PhysicalPlan plan(LogicalPlan logical)
    {
        return logical.accept(new Planner(), null);
    }

    private final class Planner
            implements LogicalPlanVisitor<PhysicalPlan, Void>
    {
        @Override
        public PhysicalPlan visitFileRelation(FileRelation node, Void context)
        {
            return new FileScanExec(node.source(), node.columns());
        }

        @Override
        public PhysicalPlan visitFilter(Filter node, Void context)
        {
            return new FilterExec(node.child().accept(this, context), node.condition());
        }

        @Override
        public PhysicalPlan visitProject(Project node, Void context)
        {
            return new ProjectExec(node.child().accept(this, context), node.expressions());
        }

        @Override
        public PhysicalPlan visitAggregate(Aggregate node, Void context)
        {
            PhysicalPlan child = node.child().accept(this, context);
            List<AggregateCall> calls = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Expression aggregate : node.aggregates()) {
                Expression call = aggregate instanceof Alias alias ? alias.child() : aggregate;
                if (!(call instanceof AggregateCall aggregateCall)) {
                    throw new IllegalStateException("aggregate output must be an aggregate call: " + aggregate);
                }
                calls.add(aggregateCall);
                names.add(aggregate.defaultName());
            }
            List<String> keyNames = node.groupingKeys().stream().map(Expression::defaultName).toList();
            HashAggregateExec partial = new HashAggregateExec(child, HashAggregateExec.Mode.PARTIAL, node.groupingKeys(), keyNames, calls, names);

            List<Expression> keyRefs = new ArrayList<>();
            for (int i = 0; i < node.groupingKeys().size(); i++) {
                Expression key = node.groupingKeys().get(i);
                keyRefs.add(new ColumnRef(i, keyNames.get(i), key.type(), key.nullable()));
            }
            Partitioning partitioning = keyRefs.isEmpty()
                    ? new Partitioning.Single()
                    : new Partitioning.Hash(keyRefs, shufflePartitions);
            ExchangeExec exchange = new ExchangeExec(partial, partitioning);
            return new HashAggregateExec(exchange, HashAggregateExec.Mode.FINAL, keyRefs, keyNames, calls, names);
        }

        @Override
        public PhysicalPlan visitSort(Sort node, Void context)
        {
            PhysicalPlan child = node.child().accept(this, context);
            return new SortExec(gather(child), node.orders());
        }

        @Override
        public PhysicalPlan visitLimit(Limit node, Void context)
        {
            PhysicalPlan child = node.child().accept(this, context);
            if (isSinglePartition(child)) {
                return new LimitExec(child, node.count());
            }
            return new LimitExec(new ExchangeExec(new LimitExec(child, node.count()), new Partitioning.Single()), node.count());
        }
    }

    private static PhysicalPlan gather(PhysicalPlan plan)
    {
        return isSinglePartition(plan) ? plan : new ExchangeExec(plan, new Partitioning.Single());
    }

    /** Whether the plan's output is known to be in one partition. */
    static boolean isSinglePartition(PhysicalPlan plan)
    {
        if (plan instanceof ExchangeExec exchange) {
            return exchange.partitioning() instanceof Partitioning.Single;
        }
        if (plan instanceof FileScanExec scan) {
            return scan.source().splits().size() <= 1;
        }
        List<PhysicalPlan> children = plan.children();
        return children.size() == 1 && isSinglePartition(children.get(0));
    }
}
