package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PushLimitThroughOuterJoinTest
{
    private final PushLimitThroughOuterJoin rule = new PushLimitThroughOuterJoin();
    private final FileRelation left = TestPlans.orders(1);
    private final FileRelation right = TestPlans.orders(1);

    private Join join(JoinType type)
    {
        Expression keys = new Comparison(Comparison.Operator.EQUAL,
                new ColumnRef(0, "o_orderkey", DataType.LONG, false), new ColumnRef(5, "o_orderkey", DataType.LONG, false));
        return new Join(left, right, type, Optional.of(keys));
    }

    @Test
    void preservedSideIsLimitedAndTheTopLimitStays()
    {
        Limit leftOuter = (Limit) rule.apply(new Limit(join(JoinType.LEFT_OUTER), 7));
        assertEquals(7, leftOuter.count());
        Join join = (Join) leftOuter.child();
        assertEquals(JoinType.LEFT_OUTER, join.type());
        assertEquals(7, ((Limit) join.left()).count());
        assertSame(left, ((Limit) join.left()).child());
        assertSame(right, join.right());

        Join rightOuter = (Join) ((Limit) rule.apply(new Limit(join(JoinType.RIGHT_OUTER), 7))).child();
        assertSame(left, rightOuter.left());
        assertEquals(7, ((Limit) rightOuter.right()).count());
    }

    @Test
    void doesNotFire()
    {
        // an inner, full or semi join may drop any row of either side, so no side's first rows suffice
        assertDoesNotFire(rule, new Limit(join(JoinType.INNER), 7));
        assertDoesNotFire(rule, new Limit(join(JoinType.FULL_OUTER), 7));
        assertDoesNotFire(rule, new Limit(join(JoinType.LEFT_SEMI), 7));
        Join limitedLeft = new Join(new Limit(left, 7), right, JoinType.LEFT_OUTER, join(JoinType.LEFT_OUTER).condition());
        assertDoesNotFire(rule, new Limit(limitedLeft, 7));
    }
}
