package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.Sort;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class RemoveRedundantSortsTest
{
    private final RemoveRedundantSorts rule = new RemoveRedundantSorts();
    private final FileRelation scan = TestPlans.orders(1);
    private final ColumnRef price = new ColumnRef(2, "o_price", DataType.DOUBLE, true);
    private final ColumnRef status = new ColumnRef(1, "o_status", DataType.STRING, true);

    private Aggregate byStatus(Sort input, AggregateFunction function)
    {
        return new Aggregate(input, List.of(status), List.of(status, new Alias(new AggregateCall(function, Optional.of(price)), "agg")));
    }

    @Test
    void sortUnderSortIsRemoved()
    {
        Sort outer = new Sort(new Sort(scan, List.of(SortOrder.ascending(price))), List.of(SortOrder.descending(status)));

        Sort rewritten = (Sort) rule.apply(outer);

        assertEquals(outer.orders(), rewritten.orders());
        assertSame(scan, rewritten.child());
    }

    @Test
    void sortUnderAggregateIsRemoved()
    {
        Aggregate aggregate = byStatus(new Sort(scan, List.of(SortOrder.ascending(price))), AggregateFunction.SUM);

        Aggregate rewritten = (Aggregate) rule.apply(aggregate);

        assertEquals(aggregate.aggregates(), rewritten.aggregates());
        assertSame(scan, rewritten.child());
    }

    @Test
    void doesNotFire()
    {
        // FIRST returns the first row's value: the order below decides it
        assertDoesNotFire(rule, byStatus(new Sort(scan, List.of(SortOrder.ascending(price))), AggregateFunction.FIRST));
        // a limit keeps the first rows of the order below it
        assertDoesNotFire(rule, new Limit(new Sort(scan, List.of(SortOrder.ascending(price))), 10));
        assertDoesNotFire(rule, new Sort(scan, List.of(SortOrder.ascending(price))));
    }
}
