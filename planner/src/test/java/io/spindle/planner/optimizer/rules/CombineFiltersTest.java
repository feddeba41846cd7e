package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static io.spindle.planner.optimizer.rules.RuleAssertions.col;
import static io.spindle.planner.optimizer.rules.RuleAssertions.compare;
import static io.spindle.planner.optimizer.rules.RuleAssertions.gt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class CombineFiltersTest
{
    private final CombineFilters rule = new CombineFilters();
    private final FileRelation scan = TestPlans.orders(1);

    @Test
    void filterOverFilterBecomesOneFilterInnerConditionFirst()
    {
        Expression inner = gt(scan, "o_price", 10.0);
        Expression outer = compare(scan, Comparison.Operator.EQUAL, col(scan, "o_status"), "F");
        LogicalPlan combined = rule.apply(new Filter(new Filter(scan, inner), outer));

        Filter filter = (Filter) combined;
        assertSame(scan, filter.child());
        assertEquals(Logical.and(inner, outer), filter.condition());
    }

    @Test
    void doesNotFire()
    {
        assertDoesNotFire(rule, new Filter(scan, gt(scan, "o_price", 10.0)));
        Project project = new Project(new Filter(scan, gt(scan, "o_price", 10.0)), List.of(col(scan, "o_price")));
        assertDoesNotFire(rule, new Filter(project, gt(project, "o_price", 20.0)));
    }
}
