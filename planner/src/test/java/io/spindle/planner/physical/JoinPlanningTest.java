package io.spindle.planner.physical;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.logical.JoinHint;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.optimizer.Optimizer;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.stages.Stage;
import io.spindle.planner.stages.StageGraph;
import io.spindle.planner.stages.StagePlanner;
import io.spindle.planner.types.DataType;
import io.spindle.sql.AnalysisException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinPlanningTest
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

    private static PhysicalPlan plan(LogicalPlan logical)
    {
        return new PhysicalPlanner(8, 10 * MB).plan(Optimizer.optimize(logical));
    }

    /** Planned with sort-merge joins not preferred, so a shuffled equi-join is a hash join. */
    private static PhysicalPlan planHashJoins(LogicalPlan logical)
    {
        return new PhysicalPlanner(8, 10 * MB, false).plan(Optimizer.optimize(logical));
    }

    private static long count(PhysicalPlan plan, Class<?> kind)
    {
        long own = kind.isInstance(plan) ? 1 : 0;
        return own + plan.children().stream().mapToLong(c -> count(c, kind)).sum();
    }

    @Test
    void smallSideJoinsByBroadcastWithoutShufflingTheBigSide()
    {
        Join join = new Join(table(10_000 * MB), table(MB), JoinType.INNER, Optional.of(equal(key(0), key(5))));
        HashJoinExec hashJoin = assertInstanceOf(HashJoinExec.class, plan(join));
        assertEquals(HashJoinExec.BuildSide.RIGHT, hashJoin.buildSide());
        assertInstanceOf(BroadcastExchangeExec.class, hashJoin.right());
        assertInstanceOf(FileScanExec.class, hashJoin.left());
        assertEquals(0, count(hashJoin, ExchangeExec.class));

        StageGraph stages = StagePlanner.plan(hashJoin);
        assertEquals(2, stages.stages().size());
        Stage broadcast = stages.stages().get(0);
        assertTrue(broadcast.broadcast() && !broadcast.isResult());
        Stage result = stages.resultStage();
        assertEquals(List.of(broadcast.id()), result.parents());
        assertEquals(4, result.numTasks(), "one task per split of the streamed side; every task reads the whole broadcast");
        assertInstanceOf(BroadcastReadExec.class, result.fragment().children().get(1));
        assertTrue(stages.describe().contains("Stage 0 (broadcast)"), stages.describe());
    }

    @Test
    void bigSidesJoinByShuffledHashJoinWithOneExchangePerSide()
    {
        Join join = new Join(table(100 * MB), table(200 * MB), JoinType.INNER, Optional.of(equal(key(0), key(5))));
        HashJoinExec hashJoin = assertInstanceOf(HashJoinExec.class, planHashJoins(join));
        assertEquals(2, count(hashJoin, ExchangeExec.class));
        assertEquals(0, count(hashJoin, BroadcastExchangeExec.class));
        ExchangeExec left = assertInstanceOf(ExchangeExec.class, hashJoin.left());
        ExchangeExec right = assertInstanceOf(ExchangeExec.class, hashJoin.right());
        assertEquals(new Partitioning.Hash(List.of(key(0)), 8), left.partitioning());
        assertEquals(new Partitioning.Hash(List.of(key(0)), 8), right.partitioning(), "right keys are renumbered to the right's own columns");

        StageGraph stages = StagePlanner.plan(hashJoin);
        assertEquals(3, stages.stages().size());
        assertEquals(8, stages.resultStage().numTasks());
        assertEquals(2, stages.resultStage().parents().size());
    }

    @Test
    void shuffleHashHintShufflesSidesSmallEnoughToBroadcastAndBuildsFromTheHintedSide()
    {
        Join hintedLeft = new Join(JoinHint.shuffleHash(table(MB)), table(MB), JoinType.INNER, Optional.of(equal(key(0), key(5))));
        HashJoinExec left = assertInstanceOf(HashJoinExec.class, plan(hintedLeft));
        assertEquals(0, count(left, BroadcastExchangeExec.class));
        assertEquals(2, count(left, ExchangeExec.class));
        assertEquals(HashJoinExec.BuildSide.LEFT, left.buildSide());

        // a left outer join keeps unmatched left rows, so it builds from the right whatever the hint
        Join leftOuter = new Join(JoinHint.shuffleHash(table(MB)), table(MB), JoinType.LEFT_OUTER, Optional.of(equal(key(0), key(5))));
        HashJoinExec outer = assertInstanceOf(HashJoinExec.class, plan(leftOuter));
        assertEquals(0, count(outer, BroadcastExchangeExec.class));
        assertEquals(HashJoinExec.BuildSide.RIGHT, outer.buildSide());

        // a broadcast hint wins over a shuffle_hash hint on the other side, as in Spark
        Join both = new Join(JoinHint.shuffleHash(table(MB)), JoinHint.broadcast(table(MB)), JoinType.INNER, Optional.of(equal(key(0), key(5))));
        assertEquals(1, count(plan(both), BroadcastExchangeExec.class));
    }

    @Test
    void conditionSplitsIntoEquiKeysAndResidual()
    {
        Expression priceAbove = new Comparison(Comparison.Operator.GREATER_THAN, price(2), price(7));
        Expression leftOnly = equal(price(2), Literal.of(1.0));
        Expression condition = Logical.and(Logical.and(equal(key(5), key(0)), priceAbove), Logical.and(leftOnly, equal(price(2), price(7))));
        EquiJoinKeys keys = EquiJoinKeys.split(Optional.of(condition), 5);
        assertEquals(List.of(key(0), price(2)), keys.leftKeys());
        assertEquals(List.of(key(0), price(2)), keys.rightKeys());
        assertEquals(Optional.of(Logical.and(priceAbove, leftOnly)), keys.residual());

        Join join = new Join(table(100 * MB), table(100 * MB), JoinType.LEFT_OUTER, Optional.of(condition));
        HashJoinExec hashJoin = assertInstanceOf(HashJoinExec.class, planHashJoins(join));
        assertEquals(2, hashJoin.leftKeys().size());
        assertTrue(hashJoin.residual().isPresent());
        SortMergeJoinExec mergeJoin = assertInstanceOf(SortMergeJoinExec.class, plan(join));
        assertEquals(hashJoin.leftKeys(), mergeJoin.leftKeys());
        assertEquals(hashJoin.rightKeys(), mergeJoin.rightKeys());
        assertEquals(hashJoin.residual(), mergeJoin.residual());
    }

    @Test
    void onlyASideWhoseUnmatchedRowsAreDroppedIsBroadcast()
    {
        Expression keys = equal(key(0), key(5));
        PhysicalPlan full = plan(new Join(table(MB), table(MB), JoinType.FULL_OUTER, Optional.of(keys)));
        assertEquals(0, count(full, BroadcastExchangeExec.class));
        assertEquals(2, count(full, ExchangeExec.class));

        HashJoinExec right = assertInstanceOf(HashJoinExec.class, plan(new Join(table(MB), table(100 * MB), JoinType.RIGHT_OUTER, Optional.of(keys))));
        assertEquals(HashJoinExec.BuildSide.LEFT, right.buildSide());
        assertInstanceOf(BroadcastExchangeExec.class, right.left());

        PhysicalPlan leftOuterSmallLeft = plan(new Join(table(MB), table(100 * MB), JoinType.LEFT_OUTER, Optional.of(keys)));
        assertEquals(0, count(leftOuterSmallLeft, BroadcastExchangeExec.class), "a left join keeps unmatched left rows, so it cannot build the left");

        HashJoinExec semi = assertInstanceOf(HashJoinExec.class, plan(new Join(table(100 * MB), table(MB), JoinType.LEFT_SEMI, Optional.of(keys))));
        assertEquals(HashJoinExec.BuildSide.RIGHT, semi.buildSide());
    }

    @Test
    void hintBroadcastsOverTheThresholdAndThresholdZeroTurnsItOff()
    {
        Expression keys = equal(key(0), key(5));
        Join hinted = new Join(table(100 * MB), JoinHint.broadcast(table(100 * MB)), JoinType.INNER, Optional.of(keys));
        HashJoinExec hashJoin = assertInstanceOf(HashJoinExec.class, plan(hinted));
        assertInstanceOf(BroadcastExchangeExec.class, hashJoin.right());

        Join small = new Join(table(100 * MB), table(MB), JoinType.INNER, Optional.of(keys));
        PhysicalPlan off = new PhysicalPlanner(8, 0).plan(Optimizer.optimize(small));
        assertEquals(0, count(off, BroadcastExchangeExec.class));
        assertEquals(2, count(off, ExchangeExec.class));
    }

    @Test
    void scanSizeCountsOnlyTheColumnsRead()
    {
        // 50 MB of files over 5 columns, of which the join reads one: about 10 MB, at the threshold
        Join join = new Join(table(50 * MB), table(1000 * MB), JoinType.INNER, Optional.of(equal(key(0), key(5))));
        LogicalPlan keyOnly = new io.spindle.planner.logical.Project(join, List.of(key(5)));
        assertEquals(1, count(plan(keyOnly), BroadcastExchangeExec.class));
    }

    @Test
    void joinsWithoutEquiKeysUseANestedLoop()
    {
        Expression priceAbove = new Comparison(Comparison.Operator.GREATER_THAN, price(2), price(7));
        NestedLoopJoinExec broadcast = assertInstanceOf(NestedLoopJoinExec.class,
                plan(new Join(table(100 * MB), table(MB), JoinType.LEFT_OUTER, Optional.of(priceAbove))));
        assertInstanceOf(BroadcastExchangeExec.class, broadcast.right());

        NestedLoopJoinExec cross = assertInstanceOf(NestedLoopJoinExec.class,
                plan(new Join(table(100 * MB), table(100 * MB), JoinType.CROSS, Optional.empty())));
        assertEquals(new Partitioning.Single(), assertInstanceOf(ExchangeExec.class, cross.left()).partitioning());
        assertEquals(new Partitioning.Single(), assertInstanceOf(ExchangeExec.class, cross.right()).partitioning());
        assertEquals(1, StagePlanner.plan(cross).resultStage().numTasks());
    }

    @Test
    void outputSchemaMakesTheOptionalSideNullable()
    {
        Join left = new Join(table(MB), table(MB), JoinType.LEFT_OUTER, Optional.of(equal(key(0), key(5))));
        assertEquals(10, left.schema().size());
        assertFalse(left.schema().field(0).nullable());
        assertTrue(left.schema().field(5).nullable());
        Join right = new Join(table(MB), table(MB), JoinType.RIGHT_OUTER, Optional.of(equal(key(0), key(5))));
        assertTrue(right.schema().field(0).nullable());
        assertFalse(right.schema().field(5).nullable());
        assertEquals(5, new Join(table(MB), table(MB), JoinType.LEFT_ANTI, Optional.of(equal(key(0), key(5)))).schema().size());
    }

    @Test
    void pruningReadsOnlyTheColumnsTheJoinAndItsParentUse()
    {
        Join join = new Join(table(100 * MB), table(100 * MB), JoinType.INNER, Optional.of(equal(key(0), key(5))));
        LogicalPlan pruned = Optimizer.optimize(new io.spindle.planner.logical.Project(join, List.of(price(7))));
        Join prunedJoin = (Join) pruned.children().get(0);
        assertEquals(List.of(0), ((FileRelation) prunedJoin.left()).columns());
        assertEquals(List.of(0, 2), ((FileRelation) prunedJoin.right()).columns());
        assertEquals(Optional.of(equal(key(0), key(1))), prunedJoin.condition());
    }

    @Test
    void joinTypesAreSpelledAsInSpark()
    {
        assertEquals(JoinType.FULL_OUTER, JoinType.fromString("outer"));
        assertEquals(JoinType.FULL_OUTER, JoinType.fromString("full_outer"));
        assertEquals(JoinType.LEFT_OUTER, JoinType.fromString("LeftOuter"));
        assertEquals(JoinType.RIGHT_OUTER, JoinType.fromString("right_outer"));
        assertEquals(JoinType.LEFT_SEMI, JoinType.fromString("semi"));
        assertEquals(JoinType.LEFT_ANTI, JoinType.fromString("leftanti"));
        assertEquals(JoinType.CROSS, JoinType.fromString("cross"));
        AnalysisException bad = assertThrows(AnalysisException.class, () -> JoinType.fromString("lefty"));
        assertTrue(bad.getMessage().contains("'lefty'") && bad.getMessage().contains("left_anti"), bad.getMessage());
    }
}
