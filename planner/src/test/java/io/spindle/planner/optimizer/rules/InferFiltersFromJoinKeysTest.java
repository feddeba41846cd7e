package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.optimizer.Optimizer;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class InferFiltersFromJoinKeysTest
{
    private final InferFiltersFromJoinKeys rule = new InferFiltersFromJoinKeys();
    private final FileRelation left = TestPlans.orders(1);
    private final FileRelation right = TestPlans.orders(1);

    private static ColumnRef orderKey(int position)
    {
        return new ColumnRef(position, "o_orderkey", DataType.LONG, false);
    }

    private static Expression keyAbove(int position, long value)
    {
        return new Comparison(Comparison.Operator.GREATER_THAN, orderKey(position), Literal.of(value));
    }

    private static Join join(LogicalPlan left, LogicalPlan right, JoinType type)
    {
        int width = left.schema().size();
        return new Join(left, right, type, Optional.of(new Comparison(Comparison.Operator.EQUAL, orderKey(0), orderKey(width))));
    }

    @Test
    void leftKeyFilterIsCopiedToTheRight()
    {
        Join join = join(new Filter(left, keyAbove(0, 10)), right, JoinType.INNER);

        Join rewritten = (Join) rule.apply(join);

        assertSame(join.left(), rewritten.left());
        assertEquals(keyAbove(0, 10), ((Filter) rewritten.right()).condition());
        assertSame(right, ((Filter) rewritten.right()).child());
        assertEquals(join.condition(), rewritten.condition());
    }

    @Test
    void rightKeyFilterIsCopiedToTheLeftOfASemiJoin()
    {
        Expression atMost = new Comparison(Comparison.Operator.LESS_THAN_OR_EQUAL, Literal.of(3L), orderKey(0));
        Join join = join(left, new Filter(right, atMost), JoinType.LEFT_SEMI);

        Join rewritten = (Join) rule.apply(join);

        assertEquals(atMost, ((Filter) rewritten.left()).condition());
        assertSame(join.right(), rewritten.right());
    }

    @Test
    void copiesThroughAProjectionAndOnlyOnce()
    {
        Project renamed = new Project(right, List.of(new ColumnRef(2, "o_price", DataType.DOUBLE, true), orderKey(0)));
        Join join = new Join(new Filter(left, keyAbove(0, 10)), renamed, JoinType.INNER,
                Optional.of(new Comparison(Comparison.Operator.EQUAL, orderKey(0), orderKey(6))));

        Join once = (Join) rule.apply(join);
        assertEquals(new Comparison(Comparison.Operator.GREATER_THAN, orderKey(1), Literal.of(10L)), ((Filter) once.right()).condition());

        // after the copy is pushed below the projection, it is still known on the right: nothing is copied again
        LogicalPlan settled = Optimizer.applyRules(join, List.of(rule, new PushFilterThroughProject(), new PushFilterIntoScan()));
        Project project = assertInstanceOf(Project.class, ((Join) settled).right());
        Filter pushed = assertInstanceOf(Filter.class, project.child());
        assertEquals(keyAbove(0, 10), pushed.condition());
        assertInstanceOf(FileRelation.class, pushed.child());
    }

    @Test
    void doesNotFire()
    {
        // the other side already has the conjunct
        assertDoesNotFire(rule, join(new Filter(left, keyAbove(0, 10)), new Filter(right, keyAbove(0, 10)), JoinType.INNER));
        // outer and anti joins keep unmatched rows of the other side, which the copy would drop
        assertDoesNotFire(rule, join(new Filter(left, keyAbove(0, 10)), right, JoinType.LEFT_OUTER));
        assertDoesNotFire(rule, join(left, new Filter(right, keyAbove(0, 10)), JoinType.LEFT_ANTI));
        assertDoesNotFire(rule, join(new Filter(left, keyAbove(0, 10)), right, JoinType.FULL_OUTER));
        // the other key cannot be null: IS NOT NULL holds there already
        assertDoesNotFire(rule, join(new Filter(left, new Not(new IsNull(orderKey(0)))), right, JoinType.INNER));
        // a conjunct on a column that is not a key
        Expression priceAbove = new Comparison(Comparison.Operator.GREATER_THAN, new ColumnRef(2, "o_price", DataType.DOUBLE, true), Literal.of(1.0));
        assertDoesNotFire(rule, join(new Filter(left, priceAbove), right, JoinType.INNER));
        // a filter pushed through an aggregate would drop out of sight and be copied again
        Aggregate grouped = new Aggregate(right, List.of(orderKey(0)), List.of(orderKey(0)));
        assertDoesNotFire(rule, join(new Filter(left, keyAbove(0, 10)), grouped, JoinType.INNER));
    }
}
