package io.spindle.planner.stages;

import io.spindle.planner.TestPlans;
import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.optimizer.Optimizer;
import io.spindle.planner.physical.PhysicalPlanner;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormattedExplainTest
{
    @Test
    void operatorsAreNumberedLeavesFirstWithTheirStages()
    {
        FileRelation scan = TestPlans.orders(3);
        Filter filter = new Filter(scan, ExpressionAnalyzer.resolve(
                new Comparison(Comparison.Operator.GREATER_THAN, new UnresolvedColumn("o_price"), Literal.of(10.0)), scan.schema()));
        Aggregate aggregate = new Aggregate(filter, List.of(ExpressionAnalyzer.resolve(new UnresolvedColumn("o_status"), filter.schema())),
                List.of(new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty())));
        StageGraph graph = StagePlanner.plan(new PhysicalPlanner(4).plan(Optimizer.optimize(aggregate)));

        String explain = FormattedExplain.of(graph);

        String outline = explain.substring(0, explain.indexOf("\n\n"));
        assertEquals("""
                == Physical Plan ==
                HashAggregate(final) (5)
                +- Exchange (4)
                   +- HashAggregate(partial) (3)
                      +- Filter (2)
                         +- FileScan parquet (1)""", outline);
        assertTrue(explain.contains("(1) FileScan parquet [stage 0]\n"), explain);
        assertTrue(explain.contains("Splits: 3 of 3 (300 rows)\nPushedFilters: [(o_price#2 > 10.0)]\n"), explain);
        assertTrue(explain.contains("(4) Exchange [stage 0 -> 1]\n"), explain);
        assertTrue(explain.contains("(5) HashAggregate(final) [stage 1]\n"), explain);
    }
}
