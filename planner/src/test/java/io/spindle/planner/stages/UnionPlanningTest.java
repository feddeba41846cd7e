package io.spindle.planner.stages;

import io.spindle.planner.TestPlans;
import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.analyzer.UnionAnalyzer;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Repartition;
import io.spindle.planner.logical.Union;
import io.spindle.planner.optimizer.PruneColumns;
import io.spindle.planner.physical.ExchangeExec;
import io.spindle.planner.physical.Partitioning;
import io.spindle.planner.physical.PhysicalPlan;
import io.spindle.planner.physical.PhysicalPlanner;
import io.spindle.planner.physical.ShuffleReadExec;
import io.spindle.planner.physical.UnionExec;
import io.spindle.planner.types.DataType;
import io.spindle.sql.AnalysisException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How union and repartition are analyzed, pruned, planned and cut into stages. */
class UnionPlanningTest
{
    private static Expression col(LogicalPlan input, String name)
    {
        return ExpressionAnalyzer.resolve(new UnresolvedColumn(name), input.schema());
    }

    private static LogicalPlan select(LogicalPlan input, String... names)
    {
        return new Project(input, java.util.Arrays.stream(names).map(n -> col(input, n)).toList());
    }

    @Test
    void byPositionWidensNumericColumnsOnTheNarrowerSide()
    {
        FileRelation orders = TestPlans.orders(2);
        Union union = (Union) UnionAnalyzer.byPosition(select(orders, "o_status", "o_price"), select(orders, "o_status", "o_orderkey"));
        assertEquals(DataType.DOUBLE, union.schema().field(1).type());
        Project right = (Project) union.children().get(1);
        assertInstanceOf(Cast.class, ((io.spindle.planner.expressions.Alias) right.expressions().get(1)).child());
        assertEquals(List.of("o_status", "o_price"), union.schema().names());
    }

    @Test
    void byPositionRejectsOtherTypeMismatches()
    {
        FileRelation orders = TestPlans.orders(2);
        AnalysisException e = assertThrows(AnalysisException.class,
                () -> UnionAnalyzer.byPosition(select(orders, "o_status"), select(orders, "o_date")));
        assertTrue(e.getMessage().contains("union column 1 is 'o_status' (string) in the first input but 'o_date' (date) in the second"), e.getMessage());
    }

    @Test
    void byNameReordersTheSecondInput()
    {
        FileRelation orders = TestPlans.orders(2);
        LogicalPlan union = UnionAnalyzer.byName(select(orders, "o_status", "o_price"), select(orders, "o_price", "o_status"));
        assertEquals(DataType.STRING, union.schema().field(0).type());
        assertEquals(DataType.DOUBLE, union.schema().field(1).type());
    }

    @Test
    void pruningKeepsTheSameColumnsOfEveryInput()
    {
        FileRelation orders = TestPlans.orders(2);
        Union union = new Union(List.of(orders, orders));
        LogicalPlan pruned = PruneColumns.apply(new Project(union, List.of(col(union, "o_price"))));
        Union prunedUnion = (Union) pruned.children().get(0);
        assertEquals(List.of("o_price"), prunedUnion.schema().names());
        for (LogicalPlan input : prunedUnion.children()) {
            FileRelation scan = (FileRelation) input.children().get(0);
            assertEquals(1, scan.schema().size(), scan.describe());
        }
    }

    @Test
    void eachInputIsShuffledRoundRobinAndOneStageReadsThemAll()
    {
        Union union = new Union(List.of(TestPlans.orders(5), TestPlans.orders(2)));
        PhysicalPlan physical = new PhysicalPlanner(3).plan(union);
        UnionExec unionExec = assertInstanceOf(UnionExec.class, physical);
        for (PhysicalPlan input : unionExec.children()) {
            assertEquals(new Partitioning.RoundRobin(3), ((ExchangeExec) input).partitioning());
        }
        StageGraph graph = StagePlanner.plan(physical);
        assertEquals(3, graph.stages().size());
        assertEquals(5, graph.stages().get(0).numTasks());
        assertEquals(2, graph.stages().get(1).numTasks());
        Stage result = graph.resultStage();
        assertEquals(3, result.numTasks());
        assertEquals(List.of(0, 1), result.parents());
        result.fragment().children().forEach(child -> assertInstanceOf(ShuffleReadExec.class, child));
    }

    @Test
    void repartitionIsAnExchange()
    {
        FileRelation orders = TestPlans.orders(5);
        PhysicalPlan roundRobin = new PhysicalPlanner(3).plan(new Repartition(orders, 7, List.of()));
        assertEquals(new Partitioning.RoundRobin(7), ((ExchangeExec) roundRobin).partitioning());
        PhysicalPlan hashed = new PhysicalPlanner(3).plan(new Repartition(orders, 2, List.of(col(orders, "o_status"))));
        assertEquals(new Partitioning.Hash(List.of(col(orders, "o_status")), 2), ((ExchangeExec) hashed).partitioning());
        assertEquals(2, StagePlanner.plan(hashed).resultStage().numTasks());
    }
}
