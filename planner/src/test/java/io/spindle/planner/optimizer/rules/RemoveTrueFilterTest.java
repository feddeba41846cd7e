package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static io.spindle.planner.optimizer.rules.RuleAssertions.condition;
import static io.spindle.planner.optimizer.rules.RuleAssertions.gt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class RemoveTrueFilterTest
{
    private final RemoveTrueFilter rule = new RemoveTrueFilter();
    private final FileRelation scan = TestPlans.orders(1);

    @Test
    void trueFilterIsRemoved()
    {
        assertSame(scan, rule.apply(new Filter(scan, Literal.of(true))));
    }

    @Test
    void nullConditionBecomesFalseAndTheFilterStays()
    {
        assertEquals(Literal.of(false), condition(rule.apply(new Filter(scan, Literal.nullOf(DataType.BOOLEAN)))));
    }

    @Test
    void doesNotFire()
    {
        assertDoesNotFire(rule, new Filter(scan, Literal.of(false)));
        assertDoesNotFire(rule, new Filter(scan, gt(scan, "o_price", 1.0)));
        assertDoesNotFire(rule, scan);
    }
}
