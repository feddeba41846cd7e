package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PushLimitThroughProjectTest
{
    private final PushLimitThroughProject rule = new PushLimitThroughProject();
    private final FileRelation scan = TestPlans.orders(1);

    @Test
    void limitMovesBelowTheProjection()
    {
        Project project = new Project(scan, List.of(new ColumnRef(2, "o_price", DataType.DOUBLE, true)));

        LogicalPlan rewritten = rule.apply(new Limit(project, 10));

        Project newProject = (Project) rewritten;
        assertEquals(project.expressions(), newProject.expressions());
        Limit limit = (Limit) newProject.child();
        assertEquals(10, limit.count());
        assertSame(scan, limit.child());
    }

    @Test
    void doesNotFire()
    {
        Project opaque = new Project(scan, List.of(new OpaqueExpression(new ColumnRef(2, "o_price", DataType.DOUBLE, true))));
        assertDoesNotFire(rule, new Limit(opaque, 10));
        assertDoesNotFire(rule, new Limit(scan, 10));
        assertDoesNotFire(rule, new Project(new Limit(scan, 10), List.of(new ColumnRef(0, "o_orderkey", DataType.LONG, false))));
    }
}
