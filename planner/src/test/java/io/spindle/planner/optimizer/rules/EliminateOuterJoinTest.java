package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class EliminateOuterJoinTest
{
    private final EliminateOuterJoin rule = new EliminateOuterJoin();
    private final FileRelation left = TestPlans.orders(1);
    private final FileRelation right = TestPlans.orders(1);

    /** o_price of the left side (position 2) or of the right side (position 5 + 2) of the join's output. */
    private static ColumnRef price(int position)
    {
        return new ColumnRef(position, "o_price", DataType.DOUBLE, true);
    }

    private static Expression priceAbove(int position, double value)
    {
        return new Comparison(Comparison.Operator.GREATER_THAN, price(position), Literal.of(value));
    }

    private Join join(JoinType type)
    {
        Expression keys = new Comparison(Comparison.Operator.EQUAL,
                new ColumnRef(0, "o_orderkey", DataType.LONG, false), new ColumnRef(5, "o_orderkey", DataType.LONG, false));
        return new Join(left, right, type, Optional.of(keys));
    }

    private JoinType typeAfter(JoinType type, Expression condition)
    {
        Filter filter = (Filter) rule.apply(new Filter(join(type), condition));
        assertEquals(condition, filter.condition(), "the filter stays");
        Join rewritten = (Join) filter.child();
        assertSame(left, rewritten.left());
        assertSame(right, rewritten.right());
        return rewritten.type();
    }

    @Test
    void nullRejectingFilterOnThePaddedSideMakesTheJoinInner()
    {
        assertEquals(JoinType.INNER, typeAfter(JoinType.LEFT_OUTER, priceAbove(7, 1.0)));
        assertEquals(JoinType.INNER, typeAfter(JoinType.RIGHT_OUTER, priceAbove(2, 1.0)));
        assertEquals(JoinType.INNER, typeAfter(JoinType.LEFT_OUTER, new Not(new IsNull(price(7)))));
        Expression sumAbove = new Comparison(Comparison.Operator.GREATER_THAN,
                new Arithmetic(Arithmetic.Operator.ADD, price(7), Literal.of(1.0), DataType.DOUBLE), Literal.of(2.0));
        assertEquals(JoinType.INNER, typeAfter(JoinType.LEFT_OUTER, Logical.and(new IsNull(price(2)), sumAbove)));
    }

    @Test
    void fullOuterJoinLosesTheRejectedPadding()
    {
        assertEquals(JoinType.LEFT_OUTER, typeAfter(JoinType.FULL_OUTER, priceAbove(2, 1.0)));
        assertEquals(JoinType.RIGHT_OUTER, typeAfter(JoinType.FULL_OUTER, priceAbove(7, 1.0)));
        assertEquals(JoinType.INNER, typeAfter(JoinType.FULL_OUTER, Logical.and(priceAbove(2, 1.0), priceAbove(7, 1.0))));
    }

    @Test
    void doesNotFire()
    {
        // a filter on the preserved side keeps the padded rows it accepts
        assertDoesNotFire(rule, new Filter(join(JoinType.LEFT_OUTER), priceAbove(2, 1.0)));
        // IS NULL and an OR with a null-accepting side are true on padded rows
        assertDoesNotFire(rule, new Filter(join(JoinType.LEFT_OUTER), new IsNull(price(7))));
        assertDoesNotFire(rule, new Filter(join(JoinType.LEFT_OUTER), Logical.or(priceAbove(7, 1.0), new IsNull(price(7)))));
        assertDoesNotFire(rule, new Filter(join(JoinType.INNER), priceAbove(7, 1.0)));
        assertDoesNotFire(rule, join(JoinType.LEFT_OUTER));
    }
}
