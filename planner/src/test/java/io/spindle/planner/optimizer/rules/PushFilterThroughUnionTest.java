package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Union;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static io.spindle.planner.optimizer.rules.RuleAssertions.col;
import static io.spindle.planner.optimizer.rules.RuleAssertions.compare;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PushFilterThroughUnionTest
{
    private final PushFilterThroughUnion rule = new PushFilterThroughUnion();
    private final FileRelation first = TestPlans.orders(1);
    private final FileRelation second = TestPlans.orders(2);

    @Test
    void theFilterIsCopiedOntoEveryInput()
    {
        Union union = new Union(List.of(first, second));
        Expression condition = compare(union, Comparison.Operator.EQUAL, col(union, "o_status"), "F");

        Union rewritten = (Union) rule.apply(new Filter(union, condition));

        for (int i = 0; i < 2; i++) {
            Filter filter = (Filter) rewritten.children().get(i);
            assertSame(union.children().get(i), filter.child());
            assertEquals(compare(filter.child(), Comparison.Operator.EQUAL, col(filter.child(), "o_status"), "F"), filter.condition());
        }
    }

    @Test
    void aFilterOverAnythingButAUnionIsLeftAlone()
    {
        assertDoesNotFire(rule, new Filter(first, compare(first, Comparison.Operator.EQUAL, col(first, "o_status"), "F")));
        assertDoesNotFire(rule, new Union(List.of(first, second)));
    }
}
