package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static io.spindle.planner.optimizer.rules.RuleAssertions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RewriteDistinctAggregatesTest
{
    private final RewriteDistinctAggregates rule = new RewriteDistinctAggregates();
    private final FileRelation scan = TestPlans.orders(1);

    private Expression call(AggregateFunction function, String column, String name)
    {
        return new Alias(new AggregateCall(function, column == null ? Optional.empty() : Optional.of(col(scan, column))), name);
    }

    @Test
    void aDistinctCountBecomesAGroupingOnItsArgumentUnderAnOuterCount()
    {
        Aggregate aggregate = new Aggregate(scan, List.of(col(scan, "o_status")), List.of(
                call(AggregateFunction.COUNT_DISTINCT, "o_date", "dates"),
                call(AggregateFunction.SUM, "o_amount", "amount"),
                call(AggregateFunction.COUNT_STAR, null, "rows"),
                call(AggregateFunction.MAX, "o_price", "top")));

        LogicalPlan rewritten = rule.apply(aggregate);

        assertEquals(aggregate.schema(), rewritten.schema(), "same names and types as the aggregation it replaces");
        Project restore = (Project) rewritten;
        Aggregate outer = (Aggregate) restore.child();
        Aggregate inner = (Aggregate) outer.child();
        assertSame(scan, inner.child());
        assertEquals(List.of(col(scan, "o_status"), col(scan, "o_date")), inner.groupingKeys());
        assertEquals(List.of("o_status", "o_date", "partial_1", "partial_2", "partial_3"), inner.schema().names());
        assertEquals(List.of(AggregateFunction.COUNT, AggregateFunction.SUM, AggregateFunction.SUM, AggregateFunction.MAX),
                outer.aggregates().stream().map(a -> ((AggregateCall) ((Alias) a).child()).function()).toList());
        assertTrue(restore.expressions().get(3).toString().contains("coalesce"), "a count of no rows is 0: " + restore.expressions().get(3));
    }

    @Test
    void aggregationsWithoutDistinctAreLeftAlone()
    {
        assertDoesNotFire(rule, new Aggregate(scan, List.of(col(scan, "o_status")), List.of(call(AggregateFunction.COUNT, "o_date", "n"))));
        assertDoesNotFire(rule, scan);
    }

    @Test
    void distinctAggregatesOfDifferentColumnsAreJoinedOnTheKeys()
    {
        Aggregate twoColumns = new Aggregate(scan, List.of(col(scan, "o_status")), List.of(
                call(AggregateFunction.COUNT_DISTINCT, "o_date", "a"), call(AggregateFunction.MAX, "o_price", "m"),
                call(AggregateFunction.SUM_DISTINCT, "o_amount", "b"), call(AggregateFunction.COUNT_DISTINCT, "o_date", "c")));

        LogicalPlan rewritten = rule.apply(twoColumns);

        assertEquals(twoColumns.schema(), rewritten.schema());
        Project restore = (Project) rewritten;
        Join top = (Join) restore.child();
        assertEquals(JoinType.INNER, top.type());
        // o_status may be null: the key matches null to null
        assertTrue(top.condition().orElseThrow().anyMatch(e -> e instanceof IsNull), top.condition().toString());
        Join first = (Join) top.left();
        // the parts: distinct o_date (a and c), distinct o_amount (b), the plain max (m)
        assertEquals(List.of("o_status", "a", "c"), first.left().schema().names());
        assertEquals(List.of("o_status", "b"), first.right().schema().names());
        assertEquals(List.of("o_status", "m"), top.right().schema().names());
        assertInstanceOf(Aggregate.class, top.right());
    }

    @Test
    void aPlainAverageBesideADistinctAggregateIsComputedOnItsOwn()
    {
        Aggregate withAvg = new Aggregate(scan, List.of(), List.of(
                call(AggregateFunction.AVG, "o_price", "b"), call(AggregateFunction.AVG_DISTINCT, "o_price", "a")));

        Project restore = (Project) rule.apply(withAvg);

        assertEquals(withAvg.schema(), restore.schema());
        Join cross = (Join) restore.child();
        assertEquals(JoinType.CROSS, cross.type());
        Aggregate plain = (Aggregate) cross.right();
        assertSame(scan, plain.child());
        assertEquals(AggregateFunction.AVG, ((AggregateCall) ((Alias) plain.aggregates().get(0)).child()).function());
        // the distinct average is an average over the distinct prices
        assertTrue(cross.left().toString().contains("avg"), cross.left().toString());
    }
}
