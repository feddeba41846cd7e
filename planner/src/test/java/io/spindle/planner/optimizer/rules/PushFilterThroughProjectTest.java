package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Project;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static io.spindle.planner.optimizer.rules.RuleAssertions.col;
import static io.spindle.planner.optimizer.rules.RuleAssertions.gt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PushFilterThroughProjectTest
{
    private final PushFilterThroughProject rule = new PushFilterThroughProject();
    private final FileRelation scan = TestPlans.orders(1);

    @Test
    void filterMovesBelowTheProjectionWithTheExpressionsSubstituted()
    {
        Expression doubled = ExpressionAnalyzer.resolve(
                Arithmetic.unresolved(Arithmetic.Operator.MULTIPLY, col(scan, "o_price"), Literal.of(2.0)), scan.schema());
        Project project = new Project(scan, List.of(col(scan, "o_status"), new Alias(doubled, "twice")));
        Filter filter = new Filter(project, gt(project, "twice", 100.0));

        Project pushed = (Project) rule.apply(filter);

        Filter below = (Filter) pushed.child();
        assertSame(scan, below.child());
        assertEquals(gt(scan, "o_price", 100.0).withChildren(List.of(doubled, Literal.of(100.0))), below.condition());
        assertEquals(project.expressions(), pushed.expressions());
    }

    @Test
    void doesNotFire()
    {
        assertDoesNotFire(rule, new Filter(scan, gt(scan, "o_price", 1.0)));
        Project project = new Project(scan, List.of(col(scan, "o_price")));
        assertDoesNotFire(rule, project);
        // an expression kind the rule does not know may not be deterministic: it is not moved
        Project opaque = new Project(scan, List.of(new Alias(new OpaqueExpression(col(scan, "o_price")), "r")));
        assertDoesNotFire(rule, new Filter(opaque, gt(opaque, "r", 0.5)));
    }
}
