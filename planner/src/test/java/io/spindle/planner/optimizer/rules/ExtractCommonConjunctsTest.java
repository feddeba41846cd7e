package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import org.junit.jupiter.api.Test;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static io.spindle.planner.optimizer.rules.RuleAssertions.condition;
import static io.spindle.planner.optimizer.rules.RuleAssertions.gt;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ExtractCommonConjunctsTest
{
    private final ExtractCommonConjuncts rule = new ExtractCommonConjuncts();
    private final FileRelation orders = TestPlans.orders(1);

    @Test
    void sharedConjunctMovesOutOfEveryBranch()
    {
        Expression a = gt(orders, "o_orderkey", 10L);
        Expression b = gt(orders, "o_price", 1.0);
        Expression c = gt(orders, "o_price", 5.0);
        Expression d = gt(orders, "o_orderkey", 99L);
        Expression written = Logical.or(Logical.or(Logical.and(a, b), Logical.and(c, a)), Logical.and(Logical.and(d, a), b));
        Expression rewritten = condition(rule.apply(new Filter(orders, written)));
        assertEquals(Logical.and(a, Logical.or(Logical.or(b, c), Logical.and(d, b))), rewritten);
    }

    @Test
    void branchThatIsOnlyTheCommonPartAbsorbsTheOthers()
    {
        Expression a = gt(orders, "o_orderkey", 10L);
        Expression b = gt(orders, "o_price", 1.0);
        assertEquals(a, condition(rule.apply(new Filter(orders, Logical.or(Logical.and(a, b), a)))));
    }

    @Test
    void doesNotFire()
    {
        Expression a = gt(orders, "o_orderkey", 10L);
        Expression b = gt(orders, "o_price", 1.0);
        assertDoesNotFire(rule, new Filter(orders, Logical.or(a, b)));
        assertDoesNotFire(rule, new Filter(orders, Logical.and(a, b)));
        assertDoesNotFire(rule, new Filter(orders, new Comparison(Comparison.Operator.EQUAL, a, b)));
    }
}
