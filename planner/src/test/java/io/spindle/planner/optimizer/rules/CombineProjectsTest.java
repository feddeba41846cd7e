package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static io.spindle.planner.optimizer.rules.RuleAssertions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class CombineProjectsTest
{
    private final CombineProjects rule = new CombineProjects();
    private final FileRelation scan = TestPlans.orders(1);

    private static Expression plus(LogicalPlan input, Expression left, Object right)
    {
        return ExpressionAnalyzer.resolve(Arithmetic.unresolved(Arithmetic.Operator.ADD, left, Literal.of(right)), input.schema());
    }

    @Test
    void projectionsMergeAndColumnsKeepTheirNames()
    {
        Project inner = new Project(scan, List.of(col(scan, "o_orderkey"), new Alias(plus(scan, col(scan, "o_price"), 1.0), "p1")));
        Project outer = new Project(inner, List.of(new Alias(plus(inner, col(inner, "p1"), 2.0), "p3"), col(inner, "o_orderkey")));

        Project merged = (Project) rule.apply(outer);

        assertSame(scan, merged.child());
        assertEquals(outer.schema(), merged.schema());
        assertEquals(new Alias(plus(scan, plus(scan, col(scan, "o_price"), 1.0), 2.0), "p3"), merged.expressions().get(0));
        assertEquals(col(scan, "o_orderkey"), merged.expressions().get(1));
    }

    @Test
    void aRenamedColumnKeepsItsName()
    {
        Project inner = new Project(scan, List.of(new Alias(plus(scan, col(scan, "o_price"), 1.0), "p1")));
        Project outer = new Project(inner, List.of(col(inner, "p1")));

        Project merged = (Project) rule.apply(outer);

        assertEquals(List.of("p1"), merged.schema().names());
    }

    @Test
    void doesNotFireWhenInliningWouldComputeAnExpressionTwice()
    {
        Project inner = new Project(scan, List.of(new Alias(plus(scan, col(scan, "o_price"), 1.0), "p1")));
        Project outer = new Project(inner, List.of(plus(inner, col(inner, "p1"), 1.0), plus(inner, col(inner, "p1"), 2.0)));
        assertDoesNotFire(rule, outer);
        assertDoesNotFire(rule, inner);
    }
}
