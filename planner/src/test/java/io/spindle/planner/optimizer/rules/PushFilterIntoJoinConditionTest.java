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

class PushFilterIntoJoinConditionTest
{
    private final PushFilterIntoJoinCondition rule = new PushFilterIntoJoinCondition();
    private final FileRelation left = TestPlans.orders(1);
    private final FileRelation right = TestPlans.orders(1);

    /** Left o_orderkey (position 0) equals right o_orderkey (position 5). */
    private static final Expression KEYS = new Comparison(Comparison.Operator.EQUAL,
            new ColumnRef(0, "o_orderkey", DataType.LONG, false), new ColumnRef(5, "o_orderkey", DataType.LONG, false));
    private static final Expression LEFT_ONLY = new Comparison(Comparison.Operator.GREATER_THAN,
            new ColumnRef(2, "o_price", DataType.DOUBLE, true), Literal.of(1.0));

    @Test
    void crossJoinUnderAnEqualityBecomesAnInnerJoinOnIt()
    {
        LogicalPlan rewritten = rule.apply(new Filter(new Join(left, right, JoinType.CROSS, Optional.empty()), Logical.and(KEYS, LEFT_ONLY)));

        Filter above = (Filter) rewritten;
        assertEquals(LEFT_ONLY, above.condition(), "a conjunct of one side stays for PushFilterThroughJoin");
        Join join = (Join) above.child();
        assertEquals(JoinType.INNER, join.type());
        assertEquals(Optional.of(KEYS), join.condition());
    }

    @Test
    void innerJoinKeepsItsConditionFirst()
    {
        Expression other = new Comparison(Comparison.Operator.LESS_THAN,
                new ColumnRef(2, "o_price", DataType.DOUBLE, true), new ColumnRef(7, "o_price", DataType.DOUBLE, true));
        Join join = (Join) rule.apply(new Filter(new Join(left, right, JoinType.INNER, Optional.of(KEYS)), other));
        assertEquals(Optional.of(Logical.and(KEYS, other)), join.condition());
    }

    @Test
    void doesNotFire()
    {
        // an outer join's condition decides which rows are padded; a filter above does not
        assertDoesNotFire(rule, new Filter(new Join(left, right, JoinType.LEFT_OUTER, Optional.of(KEYS)), KEYS));
        assertDoesNotFire(rule, new Filter(new Join(left, right, JoinType.LEFT_SEMI, Optional.of(KEYS)), LEFT_ONLY));
        assertDoesNotFire(rule, new Filter(new Join(left, right, JoinType.CROSS, Optional.empty()), LEFT_ONLY));
    }
}
