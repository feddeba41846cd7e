package io.spindle.planner.physical;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Repartition;
import io.spindle.planner.logical.Sort;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.stages.StageGraph;
import io.spindle.planner.stages.StagePlanner;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class EnsureRequirementsTest
{
    /** A table {@code (k keyType, v double, s string)} of {@code splits} splits, too big to broadcast. */
    private static FileRelation table(String name, int splits, DataType keyType)
    {
        Schema schema = Schema.of(new StructField("k", keyType, false), new StructField("v", DataType.DOUBLE, true),
                new StructField("s", DataType.STRING, true));
        List<FileSplit> fileSplits = new ArrayList<>();
        for (int i = 0; i < splits; i++) {
            fileSplits.add(new FileSplit("/data/" + name + "/part-" + i + ".parquet", List.of(0), 1L << 30, 1_000_000, List.of("host" + i)));
        }
        return FileRelation.allColumns(new FileSource("parquet", List.of("/data/" + name), schema, fileSplits, (1L << 30) * splits, 1_000_000L * splits));
    }

    private static ColumnRef ref(int index, String name, DataType type)
    {
        return new ColumnRef(index, name, type, false);
    }

    private static Expression equal(Expression a, Expression b)
    {
        return new Comparison(Comparison.Operator.EQUAL, a, b);
    }

    private static Join join(LogicalPlan left, LogicalPlan right, JoinType type, Expression condition)
    {
        return new Join(left, right, type, Optional.of(condition));
    }

    private static Aggregate sumOfVGroupedBy(LogicalPlan child, Expression key, int vIndex)
    {
        return new Aggregate(child, List.of(key), List.of(new AggregateCall(AggregateFunction.SUM, Optional.of(ref(vIndex, "v", DataType.DOUBLE)))));
    }

    private static PhysicalPlan plan(LogicalPlan logical)
    {
        return new PhysicalPlanner(8, 0).plan(logical);
    }

    /** Planned with sort-merge joins not preferred, so a shuffled equi-join is a hash join. */
    private static PhysicalPlan planHashJoins(LogicalPlan logical)
    {
        return new PhysicalPlanner(8, 0, false).plan(logical);
    }

    private static List<ExchangeExec> exchanges(PhysicalPlan plan)
    {
        List<ExchangeExec> found = new ArrayList<>();
        if (plan instanceof ExchangeExec exchange) {
            found.add(exchange);
        }
        plan.children().forEach(child -> found.addAll(exchanges(child)));
        return found;
    }

    @Test
    void aggregationGroupedOnTheJoinKeyReusesTheJoinsShuffleThroughAProjectionThatMovesTheKey()
    {
        Join join = join(table("a", 4, DataType.LONG), table("b", 3, DataType.LONG), JoinType.INNER,
                equal(ref(0, "k", DataType.LONG), ref(3, "k", DataType.LONG)));
        // the key moves from position 0 to 1
        Project project = new Project(join, List.of(ref(4, "v", DataType.DOUBLE), new Alias(ref(0, "k", DataType.LONG), "key")));
        PhysicalPlan plan = plan(sumOfVGroupedBy(project, ref(1, "key", DataType.LONG), 0));

        assertEquals(2, exchanges(plan).size(), plan.treeString());
        HashAggregateExec last = assertInstanceOf(HashAggregateExec.class, plan);
        HashAggregateExec partial = assertInstanceOf(HashAggregateExec.class, last.child(), "no exchange between partial and final");
        assertEquals(HashAggregateExec.Mode.PARTIAL, partial.mode());
        assertEquals(Optional.of(new Partitioning.Hash(List.of(ref(0, "key", DataType.LONG)), 8)), last.outputPartitioning());

        StageGraph stages = StagePlanner.plan(plan);
        assertEquals(3, stages.stages().size(), "one map stage per join side, then joining and aggregating in one stage");
        assertEquals(8, stages.resultStage().numTasks());
    }

    @Test
    void aggregationGroupedOnAnotherColumnOrAComputedKeyStillShuffles()
    {
        Join join = join(table("a", 4, DataType.LONG), table("b", 3, DataType.LONG), JoinType.INNER,
                equal(ref(0, "k", DataType.LONG), ref(3, "k", DataType.LONG)));
        assertEquals(3, exchanges(plan(sumOfVGroupedBy(join, ref(2, "s", DataType.STRING), 1))).size());

        Expression plusOne = new Arithmetic(Arithmetic.Operator.ADD, ref(0, "k", DataType.LONG), Literal.of(1L), DataType.LONG);
        Project computed = new Project(join, List.of(new Alias(plusOne, "k1"), ref(1, "v", DataType.DOUBLE)));
        assertEquals(3, exchanges(plan(sumOfVGroupedBy(computed, ref(0, "k1", DataType.LONG), 1))).size());

        Join full = join(table("a", 4, DataType.LONG), table("b", 3, DataType.LONG), JoinType.FULL_OUTER,
                equal(ref(0, "k", DataType.LONG), ref(3, "k", DataType.LONG)));
        assertEquals(3, exchanges(plan(sumOfVGroupedBy(full, ref(0, "k", DataType.LONG), 1))).size(),
                "a full join's left keys come out null for unmatched right rows, wherever those lie");
    }

    @Test
    void rightJoinKeepsTheRightSidesPartitioningAtItsOutputPositions()
    {
        Join right = join(table("a", 4, DataType.LONG), table("b", 3, DataType.LONG), JoinType.RIGHT_OUTER,
                equal(ref(0, "k", DataType.LONG), ref(3, "k", DataType.LONG)));
        PhysicalPlan plan = plan(sumOfVGroupedBy(right, ref(3, "k", DataType.LONG), 4));
        assertEquals(2, exchanges(plan).size(), plan.treeString());
    }

    @Test
    void joinOfInputsAlreadyHashedOnTheKeysWithEqualCountsAddsNoExchange()
    {
        LogicalPlan left = new Repartition(table("a", 4, DataType.LONG), 8, List.of(ref(0, "k", DataType.LONG)));
        LogicalPlan right = new Repartition(table("b", 3, DataType.LONG), 8, List.of(ref(0, "k", DataType.LONG)));
        HashJoinExec join = assertInstanceOf(HashJoinExec.class,
                planHashJoins(join(left, right, JoinType.INNER, equal(ref(0, "k", DataType.LONG), ref(3, "k", DataType.LONG)))));
        assertEquals(2, exchanges(join).size(), "only the two repartitions");
    }

    @Test
    void anIntKeyHashedAsIsMeetsTheJoinOnItsWideningToLong()
    {
        LogicalPlan left = new Repartition(table("a", 4, DataType.INT), 8, List.of(ref(0, "k", DataType.INT)));
        LogicalPlan right = new Repartition(table("b", 3, DataType.LONG), 8, List.of(ref(0, "k", DataType.LONG)));
        PhysicalPlan plan = plan(join(left, right, JoinType.INNER, equal(new Cast(ref(0, "k", DataType.INT), DataType.LONG), ref(3, "k", DataType.LONG))));
        assertEquals(2, exchanges(plan).size(), plan.treeString());
    }

    @Test
    void narrowingALongKeyToIntIsNotTheSameKey()
    {
        LogicalPlan left = new Repartition(table("a", 4, DataType.LONG), 8, List.of(ref(0, "k", DataType.LONG)));
        LogicalPlan right = new Repartition(table("b", 3, DataType.INT), 8, List.of(ref(0, "k", DataType.INT)));
        PhysicalPlan plan = plan(join(left, right, JoinType.INNER, equal(new Cast(ref(0, "k", DataType.LONG), DataType.INT), ref(3, "k", DataType.INT))));
        assertEquals(3, exchanges(plan).size(), plan.treeString());
    }

    @Test
    void onlyTheInputNotHashedRightIsShuffledIntoTheOthersPartitionCount()
    {
        LogicalPlan left = new Repartition(table("a", 4, DataType.LONG), 6, List.of(ref(0, "k", DataType.LONG)));
        HashJoinExec join = assertInstanceOf(HashJoinExec.class,
                planHashJoins(join(left, table("b", 3, DataType.LONG), JoinType.INNER, equal(ref(0, "k", DataType.LONG), ref(3, "k", DataType.LONG)))));
        assertEquals(2, exchanges(join).size());
        ExchangeExec right = assertInstanceOf(ExchangeExec.class, join.right());
        assertEquals(new Partitioning.Hash(List.of(ref(0, "k", DataType.LONG)), 6), right.partitioning());
        assertEquals(6, StagePlanner.plan(join).resultStage().numTasks());

        LogicalPlan otherKey = new Repartition(table("a", 4, DataType.LONG), 8, List.of(ref(1, "v", DataType.DOUBLE)));
        PhysicalPlan shuffled = plan(join(otherKey, table("b", 3, DataType.LONG), JoinType.INNER, equal(ref(0, "k", DataType.LONG), ref(3, "k", DataType.LONG))));
        assertEquals(3, exchanges(shuffled).size(), "hashed on another column does not meet the join");
    }

    @Test
    void aShuffledJoinOfSingleSplitInputsIsNotOnePartitionSoASortAboveGathers()
    {
        Join join = join(table("a", 1, DataType.LONG), table("b", 1, DataType.LONG), JoinType.INNER,
                equal(ref(0, "k", DataType.LONG), ref(3, "k", DataType.LONG)));
        PhysicalPlan plan = plan(new Limit(new Sort(join, List.of(SortOrder.ascending(ref(1, "v", DataType.DOUBLE)))), 10));
        assertEquals(2, exchanges(plan).stream().filter(e -> e.partitioning() instanceof Partitioning.Hash).count(), plan.treeString());
        assertEquals(1, exchanges(plan).stream().filter(e -> e.partitioning() instanceof Partitioning.Single).count(), plan.treeString());
        assertEquals(1, StagePlanner.plan(plan).resultStage().numTasks());
    }

    @Test
    void aggregationOverOnePartitionAddsNoExchange()
    {
        FileRelation oneSplit = TestPlans.orders(1);
        PhysicalPlan global = plan(new Aggregate(oneSplit, List.of(), List.of(new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty()))));
        assertEquals(0, exchanges(global).size(), global.treeString());
        PhysicalPlan grouped = plan(new Aggregate(oneSplit, List.of(ref(1, "o_status", DataType.STRING)),
                List.of(new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty()))));
        assertEquals(0, exchanges(grouped).size(), grouped.treeString());

        PhysicalPlan manySplits = plan(new Aggregate(TestPlans.orders(3), List.of(), List.of(new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty()))));
        assertEquals(List.of(new Partitioning.Single()), exchanges(manySplits).stream().map(ExchangeExec::partitioning).toList());
    }
}
