package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PushFilterThroughJoinTest
{
    private final PushFilterThroughJoin rule = new PushFilterThroughJoin();
    private final FileRelation left = TestPlans.orders(1);
    private final FileRelation right = TestPlans.orders(1);

    /** o_price of the left side (position 2) or of the right side (position 5 + 2) of the join's output. */
    private static Expression priceAbove(int position, double value)
    {
        return new Comparison(Comparison.Operator.GREATER_THAN, new ColumnRef(position, "o_price", DataType.DOUBLE, true), Literal.of(value));
    }

    private Join join(JoinType type)
    {
        Expression keys = new Comparison(Comparison.Operator.EQUAL,
                new ColumnRef(0, "o_orderkey", DataType.LONG, false), new ColumnRef(5, "o_orderkey", DataType.LONG, false));
        return new Join(left, right, type, Optional.of(keys));
    }

    @Test
    void innerJoinTakesEachSidesConjunctsOnThatSide()
    {
        Join join = join(JoinType.INNER);
        Expression both = new Comparison(Comparison.Operator.LESS_THAN,
                new ColumnRef(2, "o_price", DataType.DOUBLE, true), new ColumnRef(7, "o_price", DataType.DOUBLE, true));
        LogicalPlan rewritten = rule.apply(new Filter(join, Logical.and(Logical.and(priceAbove(2, 1.0), priceAbove(7, 2.0)), both)));

        Filter above = (Filter) rewritten;
        assertEquals(both, above.condition());
        Join newJoin = (Join) above.child();
        assertEquals(join.condition(), newJoin.condition());
        assertEquals(priceAbove(2, 1.0), ((Filter) newJoin.left()).condition());
        assertSame(left, ((Filter) newJoin.left()).child());
        assertEquals(priceAbove(2, 2.0), ((Filter) newJoin.right()).condition(), "right references are renumbered to the right's columns");
    }

    @Test
    void outerJoinsTakeOnlyThePreservedSide()
    {
        Join leftOuter = (Join) rule.apply(new Filter(join(JoinType.LEFT_OUTER), priceAbove(2, 1.0)));
        assertEquals(priceAbove(2, 1.0), ((Filter) leftOuter.left()).condition());

        Join rightOuter = (Join) rule.apply(new Filter(join(JoinType.RIGHT_OUTER), priceAbove(7, 1.0)));
        assertEquals(priceAbove(2, 1.0), ((Filter) rightOuter.right()).condition());
    }

    @Test
    void doesNotFire()
    {
        // the null-padded side: the filter must see the nulls the outer join adds
        assertDoesNotFire(rule, new Filter(join(JoinType.LEFT_OUTER), priceAbove(7, 1.0)));
        assertDoesNotFire(rule, new Filter(join(JoinType.RIGHT_OUTER), priceAbove(2, 1.0)));
        assertDoesNotFire(rule, new Filter(join(JoinType.FULL_OUTER), priceAbove(2, 1.0)));
        assertDoesNotFire(rule, new Filter(join(JoinType.INNER), Literal.of(false)));
        assertDoesNotFire(rule, join(JoinType.INNER));
    }
}
