package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.LogicalPlan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static io.spindle.planner.optimizer.rules.RuleAssertions.col;
import static io.spindle.planner.optimizer.rules.RuleAssertions.compare;
import static io.spindle.planner.optimizer.rules.RuleAssertions.gt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PushFilterThroughAggregateTest
{
    private final PushFilterThroughAggregate rule = new PushFilterThroughAggregate();
    private final FileRelation scan = TestPlans.orders(1);

    private Aggregate totalByStatus(LogicalPlan input, List<Expression> keys)
    {
        return new Aggregate(input, keys,
                List.of(new Alias(new AggregateCall(AggregateFunction.SUM, Optional.of(col(input, "o_price"))), "total")));
    }

    @Test
    void keyConjunctsMoveBelowAndTheOthersStay()
    {
        Aggregate aggregate = totalByStatus(scan, List.of(col(scan, "o_status")));
        Expression onKey = compare(aggregate, Comparison.Operator.EQUAL, col(aggregate, "o_status"), "F");
        Expression onTotal = gt(aggregate, "total", 100.0);
        LogicalPlan rewritten = rule.apply(new Filter(aggregate, Logical.and(onKey, onTotal)));

        Filter above = (Filter) rewritten;
        assertEquals(onTotal, above.condition());
        Aggregate newAggregate = (Aggregate) above.child();
        Filter below = (Filter) newAggregate.child();
        assertSame(scan, below.child());
        assertEquals(compare(scan, Comparison.Operator.EQUAL, col(scan, "o_status"), "F"), below.condition());
    }

    @Test
    void aFilterOnKeysOnlyLeavesNoFilterAbove()
    {
        Aggregate aggregate = totalByStatus(scan, List.of(col(scan, "o_status")));
        Expression onKey = compare(aggregate, Comparison.Operator.EQUAL, col(aggregate, "o_status"), "F");
        assertEquals(aggregate.schema(), rule.apply(new Filter(aggregate, onKey)).schema());
        assertSame(Aggregate.class, rule.apply(new Filter(aggregate, onKey)).getClass());
    }

    @Test
    void doesNotFire()
    {
        Aggregate grouped = totalByStatus(scan, List.of(col(scan, "o_status")));
        assertDoesNotFire(rule, new Filter(grouped, gt(grouped, "total", 100.0)));
        // a global aggregation returns a row even for no input: a filter below it is not the same
        Aggregate global = totalByStatus(scan, List.of());
        assertDoesNotFire(rule, new Filter(global, gt(global, "total", 100.0)));
    }
}
