package io.spindle.planner.physical;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinHint;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Sort;
import io.spindle.planner.optimizer.Optimizer;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.stages.FormattedExplain;
import io.spindle.planner.stages.StageGraph;
import io.spindle.planner.stages.StagePlanner;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SortMergeJoinPlanningTest
{
    private static final long MB = 1024 * 1024;

    /** The orders table of {@link TestPlans} with 4 splits and {@code bytes} of files. */
    private static FileRelation table(long bytes)
    {
        FileSource source = TestPlans.orders(4).source();
        return FileRelation.allColumns(new FileSource(source.format(), source.paths(), source.schema(), source.splits(), bytes, source.totalRows()));
    }

    private static ColumnRef key(int index)
    {
        return new ColumnRef(index, "o_orderkey", DataType.LONG, false);
    }

    private static ColumnRef price(int index)
    {
        return new ColumnRef(index, "o_price", DataType.DOUBLE, true);
    }

    private static Expression equal(Expression a, Expression b)
    {
        return new Comparison(Comparison.Operator.EQUAL, a, b);
    }

    private static Join join(LogicalPlan left, LogicalPlan right, JoinType type)
    {
        return new Join(left, right, type, Optional.of(equal(key(0), key(left.schema().size()))));
    }

    private static PhysicalPlan plan(LogicalPlan logical, boolean preferSortMergeJoin)
    {
        return new PhysicalPlanner(8, 10 * MB, preferSortMergeJoin).plan(Optimizer.optimize(logical, false));
    }

    private static <T> List<T> find(PhysicalPlan plan, Class<T> kind)
    {
        List<T> found = new ArrayList<>();
        if (kind.isInstance(plan)) {
            found.add(kind.cast(plan));
        }
        plan.children().forEach(child -> found.addAll(find(child, kind)));
        return found;
    }

    /** Asserts {@code side} is a local sort ascending on the key at 0 over a hash exchange on it into 8 partitions. */
    private static void assertSortedOverExchange(PhysicalPlan side)
    {
        SortExec sort = assertInstanceOf(SortExec.class, side);
        assertEquals(List.of(SortOrder.ascending(key(0))), sort.orders());
        ExchangeExec exchange = assertInstanceOf(ExchangeExec.class, sort.child());
        assertEquals(new Partitioning.Hash(List.of(key(0)), 8), exchange.partitioning());
    }

    @Test
    void sidesTooBigToBroadcastJoinBySortMergeJoinWithOneExchangeAndOneLocalSortPerSide()
    {
        for (JoinType type : List.of(JoinType.INNER, JoinType.LEFT_OUTER, JoinType.RIGHT_OUTER, JoinType.FULL_OUTER, JoinType.LEFT_SEMI, JoinType.LEFT_ANTI)) {
            SortMergeJoinExec join = assertInstanceOf(SortMergeJoinExec.class, plan(join(table(100 * MB), table(200 * MB), type), true), type.toString());
            assertEquals(type, join.type());
            assertSortedOverExchange(join.left());
            assertSortedOverExchange(join.right());
            assertEquals(0, find(join, BroadcastExchangeExec.class).size());
            assertTrue(join.describe().startsWith("SortMergeJoin " + type.sqlName()), join.describe());

            StageGraph stages = StagePlanner.plan(join);
            assertEquals(3, stages.stages().size(), "one map stage per side; the sorts run in the joining stage");
            assertEquals(8, stages.resultStage().numTasks());
            assertTrue(FormattedExplain.of(stages).contains("SortMergeJoin"), FormattedExplain.of(stages));
        }
    }

    @Test
    void aSmallSideIsStillBroadcastAndNotPreferringSortMergeGivesAShuffledHashJoin()
    {
        HashJoinExec broadcast = assertInstanceOf(HashJoinExec.class, plan(join(table(100 * MB), table(MB), JoinType.INNER), true));
        assertInstanceOf(BroadcastExchangeExec.class, broadcast.right());

        HashJoinExec shuffled = assertInstanceOf(HashJoinExec.class, plan(join(table(100 * MB), table(200 * MB), JoinType.INNER), false));
        assertEquals(0, find(shuffled, SortExec.class).size());
        assertEquals(2, find(shuffled, ExchangeExec.class).size());
    }

    @Test
    void hintsChooseTheStrategyAsInSpark()
    {
        // shuffle_hash forces a hash join although sort-merge is preferred
        HashJoinExec hashed = assertInstanceOf(HashJoinExec.class, plan(join(JoinHint.shuffleHash(table(100 * MB)), table(200 * MB), JoinType.INNER), true));
        assertEquals(HashJoinExec.BuildSide.LEFT, hashed.buildSide());

        // merge forces a sort-merge join although it is not preferred, on either side, and keeps small sides from being broadcast
        assertInstanceOf(SortMergeJoinExec.class, plan(join(table(100 * MB), JoinHint.merge(table(200 * MB)), JoinType.INNER), false));
        SortMergeJoinExec small = assertInstanceOf(SortMergeJoinExec.class, plan(join(JoinHint.merge(table(MB)), table(MB), JoinType.LEFT_OUTER), false));
        assertEquals(0, find(small, BroadcastExchangeExec.class).size());

        // merge wins over shuffle_hash; broadcast wins over merge
        assertInstanceOf(SortMergeJoinExec.class, plan(join(JoinHint.shuffleHash(table(MB)), JoinHint.merge(table(MB)), JoinType.INNER), true));
        HashJoinExec broadcast = assertInstanceOf(HashJoinExec.class, plan(join(JoinHint.merge(table(MB)), JoinHint.broadcast(table(MB)), JoinType.INNER), true));
        assertInstanceOf(BroadcastExchangeExec.class, broadcast.right());
    }

    @Test
    void aSecondJoinOnTheSameKeysAddsNoSecondExchangeOrSort()
    {
        LogicalPlan ab = join(table(100 * MB), table(100 * MB), JoinType.INNER);
        SortMergeJoinExec abc = assertInstanceOf(SortMergeJoinExec.class, plan(join(ab, table(100 * MB), JoinType.INNER), true));
        assertInstanceOf(SortMergeJoinExec.class, abc.left(), "the lower join's output is hashed and sorted on the key already");
        assertEquals(3, find(abc, ExchangeExec.class).size(), abc.treeString());
        assertEquals(3, find(abc, SortExec.class).size(), abc.treeString());
        assertEquals(List.of(SortOrder.ascending(key(0))), abc.left().outputOrdering());

        // a right join's output is ordered and hashed on its right key, at the right's position in the output
        LogicalPlan rightJoin = join(table(100 * MB), table(100 * MB), JoinType.RIGHT_OUTER);
        Join onRightKey = new Join(rightJoin, table(100 * MB), JoinType.LEFT_OUTER, Optional.of(equal(key(5), key(10))));
        PhysicalPlan reused = plan(onRightKey, true);
        assertEquals(3, find(reused, ExchangeExec.class).size(), reused.treeString());
        assertEquals(3, find(reused, SortExec.class).size(), reused.treeString());

        // through a projection that moves the key
        Project moved = new Project(ab, List.of(price(2), new Alias(key(0), "k")));
        PhysicalPlan projected = plan(new Join(moved, table(100 * MB), JoinType.LEFT_SEMI, Optional.of(equal(key(1), key(2)))), true);
        assertEquals(3, find(projected, ExchangeExec.class).size(), projected.treeString());
        assertEquals(3, find(projected, SortExec.class).size(), projected.treeString());

        // a full join's keys come out null-extended from either side, so nothing is known of its spread or order
        LogicalPlan full = join(table(100 * MB), table(100 * MB), JoinType.FULL_OUTER);
        PhysicalPlan afterFull = plan(join(full, table(100 * MB), JoinType.INNER), true);
        assertEquals(4, find(afterFull, ExchangeExec.class).size(), afterFull.treeString());
        assertEquals(4, find(afterFull, SortExec.class).size(), afterFull.treeString());
    }

    @Test
    void ensureRequirementsSortsOnlyAnInputNotOrderedAsRequired()
    {
        PhysicalPlan scan = new FileScanExec(table(100 * MB).source(), List.of(0, 1, 2, 3, 4), List.of(), 4);
        PhysicalPlan hashed = new ExchangeExec(scan, new Partitioning.Hash(List.of(key(0)), 8));
        PhysicalPlan sorted = new SortExec(hashed, List.of(SortOrder.ascending(key(0)), SortOrder.ascending(price(2))));
        PhysicalPlan descending = new SortExec(new ExchangeExec(scan, new Partitioning.Hash(List.of(key(0)), 8)), List.of(SortOrder.descending(key(0))));
        SortMergeJoinExec join = new SortMergeJoinExec(sorted, descending, JoinType.INNER, List.of(key(0)), List.of(key(0)), Optional.empty());

        SortMergeJoinExec ensured = assertInstanceOf(SortMergeJoinExec.class, EnsureRequirements.apply(join, 8));
        assertSame(sorted, ensured.left(), "ordered on the key and more: left alone");
        SortExec added = assertInstanceOf(SortExec.class, ensured.right(), "descending does not meet ascending");
        assertSame(descending, added.child());
        assertEquals(List.of(SortOrder.ascending(key(0))), added.orders());

        SortExec nullsLast = new SortExec(hashed, List.of(new SortOrder(key(0), true, false)));
        SortMergeJoinExec again = assertInstanceOf(SortMergeJoinExec.class,
                EnsureRequirements.apply(new SortMergeJoinExec(nullsLast, sorted, JoinType.INNER, List.of(key(0)), List.of(key(0)), Optional.empty()), 8));
        assertInstanceOf(SortExec.class, again.left(), "nulls last does not meet nulls first");
        assertSame(nullsLast, ((SortExec) again.left()).child());
    }

    @Test
    void aLimitOverASortKeepsTheTopRowsOfEachPartitionBeforeGatheringThem()
    {
        List<SortOrder> byPriceDescending = List.of(SortOrder.descending(price(2)));
        PhysicalPlan topN = plan(new Limit(new Sort(table(100 * MB), byPriceDescending), 10), true);
        TakeOrderedExec last = assertInstanceOf(TakeOrderedExec.class, topN);
        assertEquals(10, last.limit());
        ExchangeExec gather = assertInstanceOf(ExchangeExec.class, last.child());
        assertEquals(new Partitioning.Single(), gather.partitioning());
        TakeOrderedExec perPartition = assertInstanceOf(TakeOrderedExec.class, gather.child());
        assertEquals(byPriceDescending, perPartition.orders());
        assertInstanceOf(FileScanExec.class, perPartition.child());
        assertEquals(0, find(topN, SortExec.class).size(), "nothing sorts every row");
        assertTrue(topN.treeString().startsWith("TakeOrdered(limit=10, orderBy=[o_price"), topN.treeString());

        StageGraph stages = StagePlanner.plan(topN);
        assertEquals(4, stages.stages().get(0).numTasks());
        assertEquals(1, stages.resultStage().numTasks());
        assertTrue(FormattedExplain.of(stages).contains("TakeOrdered"), FormattedExplain.of(stages));

        // a projection between the limit and the sort is computed on the survivors
        Project project = new Project(new Sort(table(100 * MB), byPriceDescending), List.of(new Alias(key(0), "k")));
        PhysicalPlan projected = plan(new Limit(project, 5), true);
        ProjectExec top = assertInstanceOf(ProjectExec.class, projected);
        assertEquals(5, assertInstanceOf(TakeOrderedExec.class, top.child()).limit());
        assertEquals(0, find(projected, SortExec.class).size());

        // one partition already: no exchange, one top-N
        PhysicalPlan single = plan(new Limit(new Sort(TestPlans.orders(1), byPriceDescending), 3), true);
        assertInstanceOf(FileScanExec.class, assertInstanceOf(TakeOrderedExec.class, single).child());

        // a limit without a sort is still a plain limit
        assertInstanceOf(LimitExec.class, plan(new Limit(table(100 * MB), 3), true));
    }
}
