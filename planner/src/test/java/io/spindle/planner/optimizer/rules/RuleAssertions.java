package io.spindle.planner.optimizer.rules;

import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.LogicalPlan;

import static org.junit.jupiter.api.Assertions.assertSame;

/** Helpers that keep rule tests reading like the plans they build. */
final class RuleAssertions
{
    private RuleAssertions()
    {
    }

    static Expression col(LogicalPlan input, String name)
    {
        return ExpressionAnalyzer.resolve(new UnresolvedColumn(name), input.schema());
    }

    /** {@code left op right}, resolved against {@code input} with the analyzer's casts. */
    static Expression compare(LogicalPlan input, Comparison.Operator operator, Expression left, Object right)
    {
        Expression value = right instanceof Expression e ? e : Literal.of(right);
        return ExpressionAnalyzer.resolve(new Comparison(operator, left, value), input.schema());
    }

    static Expression gt(LogicalPlan input, String column, Object value)
    {
        return compare(input, Comparison.Operator.GREATER_THAN, col(input, column), value);
    }

    static Expression condition(LogicalPlan plan)
    {
        return ((Filter) plan).condition();
    }

    static void assertDoesNotFire(Rule rule, LogicalPlan plan)
    {
        assertSame(plan, rule.apply(plan), rule.name() + " must not fire on\n" + plan);
    }

    /** Applies an expression rule to one expression through a filter. */
    static Expression rewrite(Rule rule, LogicalPlan input, Expression expression)
    {
        return condition(rule.apply(new Filter(input, expression)));
    }
}
