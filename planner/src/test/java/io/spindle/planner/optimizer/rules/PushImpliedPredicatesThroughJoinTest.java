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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Two orders tables joined on o_orderkey: the left's columns at positions 0-4, the right's at 5-9 in the condition. */
class PushImpliedPredicatesThroughJoinTest
{
    private final PushImpliedPredicatesThroughJoin rule = new PushImpliedPredicatesThroughJoin();
    private final FileRelation left = TestPlans.orders(1);
    private final FileRelation right = TestPlans.orders(1);

    private static final ColumnRef LEFT_KEY = new ColumnRef(0, "o_orderkey", DataType.LONG, false);
    private static final ColumnRef LEFT_STATUS = new ColumnRef(1, "o_status", DataType.STRING, true);
    private static final ColumnRef LEFT_PRICE = new ColumnRef(2, "o_price", DataType.DOUBLE, true);
    private static final ColumnRef RIGHT_KEY = new ColumnRef(5, "o_orderkey", DataType.LONG, false);
    private static final ColumnRef RIGHT_PRICE = new ColumnRef(7, "o_price", DataType.DOUBLE, true);
    private static final Expression KEYS = new Comparison(Comparison.Operator.EQUAL, LEFT_KEY, RIGHT_KEY);

    /** Q19's shape: {@code keys AND ((l.price > 1 AND l.status = 'A' AND r.price < 5) OR (r.price < 50 AND l.price > 10))}. */
    private static final Expression CASES = Logical.or(
            Logical.and(Logical.and(gt(LEFT_PRICE, 1.0), eq(LEFT_STATUS, "A")), lt(RIGHT_PRICE, 5.0)),
            Logical.and(lt(RIGHT_PRICE, 50.0), gt(LEFT_PRICE, 10.0)));
    private static final Expression CONDITION = Logical.and(KEYS, CASES);

    private static Expression gt(Expression column, Object value)
    {
        return new Comparison(Comparison.Operator.GREATER_THAN, column, Literal.of(value));
    }

    private static Expression lt(Expression column, Object value)
    {
        return new Comparison(Comparison.Operator.LESS_THAN, column, Literal.of(value));
    }

    private static Expression eq(Expression column, Object value)
    {
        return new Comparison(Comparison.Operator.EQUAL, column, Literal.of(value));
    }

    /** The left's implied predicate, over the left's columns. */
    private static final Expression LEFT_IMPLIED = Logical.or(Logical.and(gt(LEFT_PRICE, 1.0), eq(LEFT_STATUS, "A")), gt(LEFT_PRICE, 10.0));
    /** The right's implied predicate, over the right's own columns (o_price at position 2). */
    private static final Expression RIGHT_IMPLIED = Logical.or(lt(LEFT_PRICE, 5.0), lt(LEFT_PRICE, 50.0));

    @Test
    void innerJoinFiltersBothSidesAndKeepsItsCondition()
    {
        Join join = (Join) rule.apply(new Join(left, right, JoinType.INNER, Optional.of(CONDITION)));

        assertEquals(Optional.of(CONDITION), join.condition());
        Filter leftFilter = assertInstanceOf(Filter.class, join.left());
        assertEquals(LEFT_IMPLIED, leftFilter.condition());
        assertSame(left, leftFilter.child());
        Filter rightFilter = assertInstanceOf(Filter.class, join.right());
        assertEquals(RIGHT_IMPLIED, rightFilter.condition());
        assertSame(right, rightFilter.child());
    }

    @Test
    void onlyTheSidesWhoseUnmatchedRowsTheJoinDropsAreFiltered()
    {
        for (JoinType type : new JoinType[] {JoinType.LEFT_OUTER, JoinType.LEFT_ANTI}) {
            Join join = (Join) rule.apply(new Join(left, right, type, Optional.of(CONDITION)));
            assertSame(left, join.left(), type.sqlName());
            assertEquals(RIGHT_IMPLIED, assertInstanceOf(Filter.class, join.right()).condition(), type.sqlName());
        }
        Join rightOuter = (Join) rule.apply(new Join(left, right, JoinType.RIGHT_OUTER, Optional.of(CONDITION)));
        assertEquals(LEFT_IMPLIED, assertInstanceOf(Filter.class, rightOuter.left()).condition());
        assertSame(right, rightOuter.right());
        Join semi = (Join) rule.apply(new Join(left, right, JoinType.LEFT_SEMI, Optional.of(CONDITION)));
        assertEquals(LEFT_IMPLIED, assertInstanceOf(Filter.class, semi.left()).condition());
        assertEquals(RIGHT_IMPLIED, assertInstanceOf(Filter.class, semi.right()).condition());
    }

    @Test
    void aSideIsFilteredOnlyWhenEveryBranchSaysSomethingOfIt()
    {
        // the second branch says nothing of the right alone: only the left is filtered
        Expression cases = Logical.or(Logical.and(gt(LEFT_PRICE, 1.0), lt(RIGHT_PRICE, 5.0)),
                Logical.and(gt(LEFT_PRICE, 10.0), new Comparison(Comparison.Operator.LESS_THAN, LEFT_PRICE, RIGHT_PRICE)));
        Join join = (Join) rule.apply(new Join(left, right, JoinType.INNER, Optional.of(Logical.and(KEYS, cases))));

        assertEquals(Logical.or(gt(LEFT_PRICE, 1.0), gt(LEFT_PRICE, 10.0)), assertInstanceOf(Filter.class, join.left()).condition());
        assertSame(right, join.right());
    }

    @Test
    void doesNotFire()
    {
        // a full outer join keeps the unmatched rows of both sides
        assertDoesNotFire(rule, new Join(left, right, JoinType.FULL_OUTER, Optional.of(CONDITION)));
        // no disjunction, or one of a single side (another rule's job), or none without a join condition
        assertDoesNotFire(rule, new Join(left, right, JoinType.INNER, Optional.of(Logical.and(KEYS, gt(LEFT_PRICE, 1.0)))));
        assertDoesNotFire(rule, new Join(left, right, JoinType.INNER,
                Optional.of(Logical.and(KEYS, Logical.or(gt(LEFT_PRICE, 1.0), eq(LEFT_STATUS, "A"))))));
        assertDoesNotFire(rule, new Join(left, right, JoinType.CROSS, Optional.empty()));
        // every branch has a conjunct of both sides only
        Expression bothOnly = Logical.or(new Comparison(Comparison.Operator.LESS_THAN, LEFT_PRICE, RIGHT_PRICE),
                Logical.and(gt(LEFT_PRICE, 1.0), new Comparison(Comparison.Operator.GREATER_THAN, LEFT_PRICE, RIGHT_PRICE)));
        assertDoesNotFire(rule, new Join(left, right, JoinType.INNER, Optional.of(Logical.and(KEYS, bothOnly))));
        // a conjunct that is not known to be deterministic is not copied
        Expression opaque = Logical.or(Logical.and(new OpaqueExpression(gt(LEFT_PRICE, 1.0)), lt(RIGHT_PRICE, 5.0)),
                Logical.and(gt(LEFT_PRICE, 10.0), lt(RIGHT_PRICE, 50.0)));
        Join join = (Join) rule.apply(new Join(left, right, JoinType.INNER, Optional.of(Logical.and(KEYS, opaque))));
        assertSame(left, join.left());
        assertInstanceOf(Filter.class, join.right());
    }
}
