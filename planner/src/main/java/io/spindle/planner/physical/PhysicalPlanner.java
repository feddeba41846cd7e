package io.spindle.planner.physical;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.CachedRelation;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinHint;
import io.spindle.planner.logical.EnforceSingleRow;
import io.spindle.planner.logical.Expand;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.Offset;
import io.spindle.planner.logical.LocalRelation;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.LogicalPlanVisitor;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Repartition;
import io.spindle.planner.logical.Sort;
import io.spindle.planner.logical.SubqueryAlias;
import io.spindle.planner.logical.Union;
import io.spindle.planner.logical.Window;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.RowGroupFilter;
import io.spindle.planner.statistics.StatisticsEstimator;

import io.spindle.storage.CachedBlocks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Chooses operators for an optimized logical plan: aggregation becomes a partial and a final aggregation; a
 * global sort or limit gathers into one partition first, and a limit over a sort keeps the top rows of each
 * partition before it gathers them. An equi-join broadcasts a small side, else sorts and merges both sides or,
 * when sort-merge joins are not preferred, builds a hash table of one. Exchanges and sorts that operators need of
 * their inputs (aggregations, shuffled and sort-merge joins) are then added by {@link EnsureRequirements} where
 * not already met.
 */
public final class PhysicalPlanner
{
    /** Spark's default for {@code autoBroadcastJoinThreshold}: 10 MB. */
    public static final long DEFAULT_BROADCAST_THRESHOLD = 10L * 1024 * 1024;

    /** How many times the threshold a side's decoded bytes may be when it is sent whole to every task. */
    static final int DECODED_BROADCAST_LIMIT = 4;

    private final int shufflePartitions;
    private final long broadcastThreshold;
    private final boolean preferSortMergeJoin;
    private CachedBlocks cachedBlocks;
    private boolean pageIndexFilter = true;

    public PhysicalPlanner(int shufflePartitions)
    {
        this(shufflePartitions, DEFAULT_BROADCAST_THRESHOLD);
    }

    public PhysicalPlanner(int shufflePartitions, long broadcastThreshold)
    {
        this(shufflePartitions, broadcastThreshold, true);
    }

    /**
     * @param broadcastThreshold largest estimated bytes of a join side to broadcast; 0 or less broadcasts only hinted sides
     * @param preferSortMergeJoin whether an unhinted equi-join that broadcasts neither side is a sort-merge join
     * rather than a shuffled hash join
     */
    public PhysicalPlanner(int shufflePartitions, long broadcastThreshold, boolean preferSortMergeJoin)
    {
        if (shufflePartitions < 1) {
            throw new IllegalArgumentException("shuffle partitions must be positive: " + shufflePartitions);
        }
        this.shufflePartitions = shufflePartitions;
        this.broadcastThreshold = broadcastThreshold;
        this.preferSortMergeJoin = preferSortMergeJoin;
        this.cachedBlocks = CachedBlocks.NONE;
    }

    /** Lets the planner read caches whose blocks {@code blocks} knows the places of. */
    public PhysicalPlanner withCachedBlocks(CachedBlocks blocks)
    {
        this.cachedBlocks = requireNonNull(blocks, "blocks is null");
        return this;
    }

    /** Whether Parquet scans skip the pages their pushed filters rule out by the files' column indexes (on unless turned off). */
    public PhysicalPlanner withPageIndexFilter(boolean enabled)
    {
        this.pageIndexFilter = enabled;
        return this;
    }

    public PhysicalPlan plan(LogicalPlan logical)
    {
        return EnsureRequirements.apply(logical.accept(new Planner(), null), shufflePartitions);
    }

    private final class Planner
            implements LogicalPlanVisitor<PhysicalPlan, Void>
    {
        @Override
        public PhysicalPlan visitFileRelation(FileRelation node, Void context)
        {
            // also drops the row-group statistics, which executors do not need
            FileSource kept = RowGroupFilter.prune(node.source(), node.pushedFilters());
            return new FileScanExec(kept, node.columns(), node.pushedFilters(), node.source().splits().size(), pageIndexFilter);
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
            // EnsureRequirements hash-exchanges the partial rows on the keys unless they are spread that way already
            return new HashAggregateExec(partial, HashAggregateExec.Mode.FINAL, keyRefs, keyNames, calls, names);
        }

        @Override
        public PhysicalPlan visitSort(Sort node, Void context)
        {
            PhysicalPlan child = node.child().accept(this, context);
            return new SortExec(gather(child), node.orders());
        }

        /**
         * A limit over a sort, perhaps through a projection, keeps the top rows of each partition, gathers them and
         * keeps the top rows of those; the projection is computed on the survivors.
         */
        @Override
        public PhysicalPlan visitLimit(Limit node, Void context)
        {
            if (node.child() instanceof Sort sort) {
                return takeOrdered(sort, node.count());
            }
            if (node.child() instanceof Project project && project.child() instanceof Sort sort) {
                return new ProjectExec(takeOrdered(sort, node.count()), project.expressions());
            }
            PhysicalPlan child = node.child().accept(this, context);
            if (isSinglePartition(child)) {
                return new LimitExec(child, node.count());
            }
            return new LimitExec(new ExchangeExec(new LimitExec(child, node.count()), new Partitioning.Single()), node.count());
        }

        private PhysicalPlan takeOrdered(Sort sort, long count)
        {
            PhysicalPlan child = sort.child().accept(this, null);
            if (isSinglePartition(child)) {
                return new TakeOrderedExec(child, sort.orders(), count);
            }
            PhysicalPlan perPartition = new TakeOrderedExec(child, sort.orders(), count);
            return new TakeOrderedExec(new ExchangeExec(perPartition, new Partitioning.Single()), sort.orders(), count);
        }

        /** Each input is shuffled round-robin into the shuffle partitions, so one stage reads them all, partition by partition. */
        @Override
        public PhysicalPlan visitUnion(Union node, Void context)
        {
            List<PhysicalPlan> inputs = node.children().stream()
                    .map(child -> (PhysicalPlan) new ExchangeExec(child.accept(this, context), new Partitioning.RoundRobin(shufflePartitions)))
                    .toList();
            return new UnionExec(inputs, node.schema());
        }

        /** Reads the cache's blocks when the driver knows where every partition is; otherwise computes and caches them. */
        @Override
        public PhysicalPlan visitCachedRelation(CachedRelation node, Void context)
        {
            PhysicalPlan compute = plan(node.cachedPlan());
            int partitions = InMemoryScanExec.outputPartitions(compute);
            return cachedBlocks.locations(node.cacheId(), partitions)
                    .<PhysicalPlan>map(executors -> InMemoryScanExec.reading(node.cacheId(), node.level(), compute.schema(), compute.outputPartitioning(),
                            executors))
                    .orElseGet(() -> InMemoryScanExec.computing(node.cacheId(), node.level(), compute, partitions));
        }

        /** The rows to skip are the first of all: one partition, in the child's order. */
        @Override
        public PhysicalPlan visitOffset(Offset node, Void context)
        {
            return new OffsetExec(gather(node.child().accept(this, context)), node.count());
        }

        @Override
        public PhysicalPlan visitExpand(Expand node, Void context)
        {
            return new ExpandExec(node.child().accept(this, context), node.projections(), node.schema());
        }

        /** Two rows at most from each partition are enough to tell one row from more. */
        @Override
        public PhysicalPlan visitEnforceSingleRow(EnforceSingleRow node, Void context)
        {
            PhysicalPlan child = node.child().accept(this, context);
            if (!isSinglePartition(child)) {
                child = new ExchangeExec(new LimitExec(child, 2), new Partitioning.Single());
            }
            return new EnforceSingleRowExec(child);
        }

        @Override
        public PhysicalPlan visitLocalRelation(LocalRelation node, Void context)
        {
            return LocalTableScanExec.of(node);
        }

        @Override
        public PhysicalPlan visitRepartition(Repartition node, Void context)
        {
            PhysicalPlan child = node.child().accept(this, context);
            Partitioning partitioning = node.keys().isEmpty()
                    ? new Partitioning.RoundRobin(node.numPartitions())
                    : new Partitioning.Hash(node.keys(), node.numPartitions());
            return new ExchangeExec(child, partitioning);
        }

        /**
         * Brings each window partition into one task (a hash exchange on the partition keys unless the input is
         * spread that way already, or one partition when there are none), sorts it by partition and order keys, and computes the window over the sorted rows.
         */
        @Override
        public PhysicalPlan visitWindow(Window node, Void context)
        {
            PhysicalPlan child = node.child().accept(this, context);
            PhysicalPlan partitioned;
            if (node.partitionKeys().isEmpty()) {
                partitioned = gather(child);
            }
            else if (new Distribution.Clustered(node.partitionKeys()).satisfiedBy(child.outputPartitioning())) {
                partitioned = child;
            }
            else {
                partitioned = new ExchangeExec(child, new Partitioning.Hash(node.partitionKeys(), shufflePartitions));
            }
            List<SortOrder> orders = new ArrayList<>();
            node.partitionKeys().forEach(key -> orders.add(SortOrder.ascending(key)));
            orders.addAll(node.orderKeys());
            return new WindowExec(new SortExec(partitioned, orders), node.windowExpressions());
        }

        @Override
        public PhysicalPlan visitSubqueryAlias(SubqueryAlias node, Void context)
        {
            return node.child().accept(this, context);
        }

        @Override
        public PhysicalPlan visitJoinHint(JoinHint node, Void context)
        {
            return node.child().accept(this, context);
        }

        @Override
        public PhysicalPlan visitJoin(Join node, Void context)
        {
            PhysicalPlan left = node.left().accept(this, context);
            PhysicalPlan right = node.right().accept(this, context);
            EquiJoinKeys keys = EquiJoinKeys.split(node.condition(), left.schema().size());
            Optional<HashJoinExec.BuildSide> broadcast = broadcastSide(node);
            if (keys.leftKeys().isEmpty()) {
                if (broadcast.isPresent()) {
                    HashJoinExec.BuildSide side = broadcast.get();
                    return new NestedLoopJoinExec(side == HashJoinExec.BuildSide.LEFT ? new BroadcastExchangeExec(left) : left,
                            side == HashJoinExec.BuildSide.RIGHT ? new BroadcastExchangeExec(right) : right, node.type(), node.condition(), side);
                }
                // no key to partition by and no side to broadcast: every row of one side meets every row of the other in one task
                return new NestedLoopJoinExec(gather(left), gather(right), node.type(), node.condition(), HashJoinExec.BuildSide.RIGHT);
            }
            if (broadcast.isPresent()) {
                HashJoinExec.BuildSide side = broadcast.get();
                return new HashJoinExec(side == HashJoinExec.BuildSide.LEFT ? new BroadcastExchangeExec(left) : left,
                        side == HashJoinExec.BuildSide.RIGHT ? new BroadcastExchangeExec(right) : right, node.type(),
                        keys.leftKeys(), keys.rightKeys(), keys.residual(), side);
            }
            // EnsureRequirements hash-exchanges each side on its keys unless both are spread that way already, and
            // for a sort-merge join sorts each side on its keys unless it is ordered so already
            if (sortMerges(node)) {
                return new SortMergeJoinExec(left, right, node.type(), keys.leftKeys(), keys.rightKeys(), keys.residual());
            }
            return new HashJoinExec(left, right, node.type(), keys.leftKeys(), keys.rightKeys(), keys.residual(), shuffledBuildSide(node));
        }
    }

    /**
     * The side of a join to send whole to every task, if any: a hinted side first, else the smaller of the sides
     * that {@linkplain #broadcastable can be sent}; only a side whose unmatched rows the join drops can be built
     * this way.
     */
    private Optional<HashJoinExec.BuildSide> broadcastSide(Join join)
    {
        boolean canBuildLeft = join.type().outputsRight() && !join.type().keepsUnmatchedLeft();
        boolean canBuildRight = !join.type().keepsUnmatchedRight();
        if (canBuildRight && BroadcastHints.hinted(join.right())) {
            return Optional.of(HashJoinExec.BuildSide.RIGHT);
        }
        if (canBuildLeft && BroadcastHints.hinted(join.left())) {
            return Optional.of(HashJoinExec.BuildSide.LEFT);
        }
        if (BroadcastHints.shuffleHashHinted(join.left()) || BroadcastHints.shuffleHashHinted(join.right())
                || BroadcastHints.mergeHinted(join.left()) || BroadcastHints.mergeHinted(join.right())
                || broadcastThreshold <= 0) {
            return Optional.empty();
        }
        StatisticsEstimator estimator = new StatisticsEstimator();
        boolean left = canBuildLeft && broadcastable(estimator, join.left(), join.right(), broadcastThreshold);
        boolean right = canBuildRight && broadcastable(estimator, join.right(), join.left(), broadcastThreshold);
        if (left && right) {
            double leftBytes = estimator.of(join.left()).sizeInBytes();
            double rightBytes = estimator.of(join.right()).sizeInBytes();
            return Optional.of(rightBytes <= leftBytes ? HashJoinExec.BuildSide.RIGHT : HashJoinExec.BuildSide.LEFT);
        }
        if (left || right) {
            return Optional.of(left ? HashJoinExec.BuildSide.LEFT : HashJoinExec.BuildSide.RIGHT);
        }
        return Optional.empty();
    }

    /**
     * Whether {@code build} may be sent whole to every task that reads {@code probe}, unhinted: its estimated bytes
     * must be under the threshold (none is when it is 0 or less); and so must its
     * {@linkplain StatisticsEstimator#decodedBytes decoded bytes}, which compressed columns undercount, unless it is
     * no bigger decoded than the probe side, and at most {@link #DECODED_BROADCAST_LIMIT} times the threshold. A hash
     * table bigger than the rows that probe it costs more to send and build in every task than shuffling both sides
     * does (TPC-H Q4's EXISTS side, 3.8 million rows of lineitem against 57 thousand orders); one smaller than a much
     * bigger stream (Q9's orders against lineitem) still saves shuffling the stream.
     */
    public static boolean broadcastable(StatisticsEstimator estimator, LogicalPlan build, LogicalPlan probe, long broadcastThreshold)
    {
        if (broadcastThreshold <= 0 || estimator.of(build).sizeInBytes() > broadcastThreshold) {
            return false;
        }
        double decoded = estimator.decodedBytes(build);
        return decoded <= broadcastThreshold
                || (decoded <= (double) broadcastThreshold * DECODED_BROADCAST_LIMIT && decoded <= estimator.decodedBytes(probe));
    }

    /**
     * Whether a shuffled equi-join sorts and merges its sides: when either side is hinted {@code merge}, which wins
     * over {@code shuffle_hash} as in Spark; else unless a side is hinted {@code shuffle_hash}, when sort-merge joins
     * are preferred.
     */
    private boolean sortMerges(Join join)
    {
        if (BroadcastHints.mergeHinted(join.left()) || BroadcastHints.mergeHinted(join.right())) {
            return true;
        }
        if (BroadcastHints.shuffleHashHinted(join.left()) || BroadcastHints.shuffleHashHinted(join.right())) {
            return false;
        }
        return preferSortMergeJoin;
    }

    /** The right side, unless only the left is hinted {@code shuffle_hash} and the join can build from it. */
    private static HashJoinExec.BuildSide shuffledBuildSide(Join join)
    {
        boolean canBuildLeft = join.type().outputsRight() && !join.type().keepsUnmatchedLeft();
        if (canBuildLeft && BroadcastHints.shuffleHashHinted(join.left()) && !BroadcastHints.shuffleHashHinted(join.right())) {
            return HashJoinExec.BuildSide.LEFT;
        }
        return HashJoinExec.BuildSide.RIGHT;
    }

    private static PhysicalPlan gather(PhysicalPlan plan)
    {
        return isSinglePartition(plan) ? plan : new ExchangeExec(plan, new Partitioning.Single());
    }

    /** Whether the plan's output is known to be in one partition. */
    static boolean isSinglePartition(PhysicalPlan plan)
    {
        return plan.outputPartitioning().orElse(null) instanceof Partitioning.Single;
    }
}
