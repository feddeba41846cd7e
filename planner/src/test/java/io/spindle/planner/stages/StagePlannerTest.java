package io.spindle.planner.stages;

import io.spindle.planner.TestPlans;
import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Sort;
import io.spindle.planner.physical.HashAggregateExec;
import io.spindle.planner.physical.Partitioning;
import io.spindle.planner.physical.PhysicalPlanner;
import io.spindle.planner.physical.ShuffleReadExec;
import io.spindle.planner.physical.SortExec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StagePlannerTest
{
    @Test
    void groupedAggregationWithSortIsCutIntoThreeStages()
    {
        FileRelation scan = TestPlans.orders(5);
        Aggregate aggregate = new Aggregate(scan, List.of(ExpressionAnalyzer.resolve(new UnresolvedColumn("o_status"), scan.schema())),
                List.of(new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty())));
        Sort sort = new Sort(aggregate, List.of(SortOrder.ascending(ExpressionAnalyzer.resolve(new UnresolvedColumn("o_status"), aggregate.schema()))));

        StageGraph graph = StagePlanner.plan(new PhysicalPlanner(4).plan(sort));

        assertEquals(3, graph.stages().size());
        Stage scanStage = graph.stages().get(0);
        assertEquals(5, scanStage.numTasks(), "one task per split");
        assertInstanceOf(HashAggregateExec.class, scanStage.fragment());
        assertEquals(HashAggregateExec.Mode.PARTIAL, ((HashAggregateExec) scanStage.fragment()).mode());
        assertInstanceOf(Partitioning.Hash.class, scanStage.outputPartitioning().orElseThrow());

        Stage finalStage = graph.stages().get(1);
        assertEquals(4, finalStage.numTasks(), "one task per shuffle partition");
        assertEquals(List.of(0), finalStage.parents());
        HashAggregateExec finalAggregate = (HashAggregateExec) finalStage.fragment();
        assertEquals(HashAggregateExec.Mode.FINAL, finalAggregate.mode());
        assertInstanceOf(ShuffleReadExec.class, finalAggregate.child());
        assertInstanceOf(Partitioning.Single.class, finalStage.outputPartitioning().orElseThrow());

        Stage result = graph.resultStage();
        assertTrue(result.isResult());
        assertEquals(1, result.numTasks());
        assertInstanceOf(SortExec.class, result.fragment());
        assertEquals(List.of(1), result.parents());
    }

    @Test
    void globalAggregationGathersIntoOnePartition()
    {
        FileRelation scan = TestPlans.orders(3);
        Aggregate aggregate = new Aggregate(scan, List.of(), List.of(new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty())));

        StageGraph graph = StagePlanner.plan(new PhysicalPlanner(8).plan(aggregate));

        assertEquals(2, graph.stages().size());
        assertInstanceOf(Partitioning.Single.class, graph.stages().get(0).outputPartitioning().orElseThrow());
        assertEquals(1, graph.resultStage().numTasks());
    }

    @Test
    void scanAloneIsOneStage()
    {
        StageGraph graph = StagePlanner.plan(new PhysicalPlanner(8).plan(TestPlans.orders(7)));
        assertEquals(1, graph.stages().size());
        assertEquals(7, graph.resultStage().numTasks());
    }
}
