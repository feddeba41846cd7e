package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Union;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PushLimitThroughUnionTest
{
    private final PushLimitThroughUnion rule = new PushLimitThroughUnion();
    private final FileRelation first = TestPlans.orders(1);
    private final FileRelation second = TestPlans.orders(2);

    @Test
    void eachInputIsLimitedAndTheTopLimitStays()
    {
        Limit rewritten = (Limit) rule.apply(new Limit(new Union(List.of(first, new Limit(second, 20))), 5));

        assertEquals(5, rewritten.count());
        List<LogicalPlan> inputs = ((Union) rewritten.child()).children();
        assertEquals(5, ((Limit) inputs.get(0)).count());
        assertSame(first, ((Limit) inputs.get(0)).child());
        Limit second = (Limit) inputs.get(1);
        assertEquals(5, second.count());
        assertEquals(20, ((Limit) second.child()).count(), "a looser limit below stays where it was");
    }

    @Test
    void doesNotFire()
    {
        // every input already gives no more rows than the limit keeps: the rule has fired before
        assertDoesNotFire(rule, new Limit(new Union(List.of(new Limit(first, 5), new Limit(second, 3))), 5));
        // ... also when PushLimitThroughProject has since moved an input's limit below its projection
        Project projected = new Project(new Limit(first, 5), List.of(new ColumnRef(0, "o_orderkey", DataType.LONG, false)));
        assertDoesNotFire(rule, new Limit(new Union(List.of(projected, projected)), 5));
        assertDoesNotFire(rule, new Union(List.of(first, second)));
        assertDoesNotFire(rule, new Limit(first, 5));
    }
}
