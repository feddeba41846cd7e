package io.spindle.planner.optimizer;

import io.spindle.planner.TestPlans;
import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class PruneColumnsTest
{
    private static Expression col(LogicalPlan input, String name)
    {
        return ExpressionAnalyzer.resolve(new UnresolvedColumn(name), input.schema());
    }

    @Test
    void scanKeepsOnlyColumnsUsedAboveAndReferencesAreRenumbered()
    {
        FileRelation scan = TestPlans.orders(2);
        Filter filter = new Filter(scan, new Comparison(Comparison.Operator.GREATER_THAN, col(scan, "o_price"), Literal.of(10.0)));
        Aggregate aggregate = new Aggregate(filter, List.of(col(filter, "o_status")),
                List.of(new Alias(new AggregateCall(AggregateFunction.SUM, Optional.of(col(filter, "o_amount"))), "total")));

        LogicalPlan pruned = PruneColumns.apply(aggregate);

        Aggregate newAggregate = (Aggregate) pruned;
        Filter newFilter = (Filter) newAggregate.child();
        FileRelation newScan = (FileRelation) newFilter.child();
        assertEquals(List.of(1, 2, 3), newScan.columns());
        assertEquals(List.of("o_status", "o_price", "o_amount"), newScan.schema().names());
        ColumnRef price = (ColumnRef) ((Comparison) newFilter.condition()).left();
        assertEquals(1, price.index());
        assertEquals(0, ((ColumnRef) newAggregate.groupingKeys().get(0)).index());
        ColumnRef amount = (ColumnRef) ((AggregateCall) ((Alias) newAggregate.aggregates().get(0)).child()).argument().orElseThrow();
        assertEquals(2, amount.index());
        assertEquals(aggregate.schema(), pruned.schema());
    }

    @Test
    void unusedProjectionsAreDroppedBelowAnAggregate()
    {
        FileRelation scan = TestPlans.orders(1);
        Project project = new Project(scan, List.of(col(scan, "o_orderkey"), col(scan, "o_date"), col(scan, "o_price")));
        Aggregate aggregate = new Aggregate(project, List.of(),
                List.of(new Alias(new AggregateCall(AggregateFunction.MAX, Optional.of(col(project, "o_price"))), "m")));

        Aggregate pruned = (Aggregate) PruneColumns.apply(aggregate);

        Project newProject = (Project) pruned.child();
        assertEquals(1, newProject.expressions().size());
        assertEquals(List.of(2), ((FileRelation) newProject.child()).columns());
    }

    @Test
    void countStarStillReadsOneColumn()
    {
        FileRelation scan = TestPlans.orders(1);
        Aggregate aggregate = new Aggregate(scan, List.of(), List.of(new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty())));

        Aggregate pruned = (Aggregate) PruneColumns.apply(aggregate);

        assertEquals(List.of(0), ((FileRelation) pruned.child()).columns());
    }

    @Test
    void doesNotFireWhenEveryColumnIsUsed()
    {
        FileRelation scan = TestPlans.orders(1);
        LogicalPlan pruned = PruneColumns.apply(scan);
        assertInstanceOf(FileRelation.class, pruned);
        assertEquals(scan.columns(), ((FileRelation) pruned).columns());
        assertSame(scan.source(), ((FileRelation) pruned).source());
    }
}
