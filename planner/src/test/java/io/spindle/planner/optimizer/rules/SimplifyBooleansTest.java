package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static io.spindle.planner.optimizer.rules.RuleAssertions.col;
import static io.spindle.planner.optimizer.rules.RuleAssertions.gt;
import static io.spindle.planner.optimizer.rules.RuleAssertions.rewrite;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SimplifyBooleansTest
{
    private final SimplifyBooleans rule = new SimplifyBooleans();
    private final FileRelation scan = TestPlans.orders(1);
    private final Expression x = gt(scan, "o_price", 10.0);

    private Expression simplify(Expression expression)
    {
        return rewrite(rule, scan, expression);
    }

    @Test
    void literalOperandsDecideOrDisappear()
    {
        assertEquals(x, simplify(Logical.and(Literal.of(true), x)));
        assertEquals(Literal.of(false), simplify(Logical.and(x, Literal.of(false))));
        assertEquals(Literal.of(true), simplify(Logical.or(x, Literal.of(true))));
        assertEquals(x, simplify(Logical.or(Literal.of(false), x)));
    }

    @Test
    void doubleNegationCancels()
    {
        assertEquals(x, simplify(new Not(new Not(x))));
    }

    @Test
    void negatedComparisonFlipsEvenOverNullableColumns()
    {
        Expression price = col(scan, "o_price");
        Expression lessThan = new Comparison(Comparison.Operator.LESS_THAN, price, Literal.of(5.0));
        assertEquals(new Comparison(Comparison.Operator.GREATER_THAN_OR_EQUAL, price, Literal.of(5.0)), simplify(new Not(lessThan)));
        Expression equal = new Comparison(Comparison.Operator.EQUAL, price, Literal.of(5.0));
        assertEquals(new Comparison(Comparison.Operator.NOT_EQUAL, price, Literal.of(5.0)), simplify(new Not(equal)));
    }

    @Test
    void doesNotFire()
    {
        assertDoesNotFire(rule, new Filter(scan, x));
        // null AND x is false or null depending on x
        assertDoesNotFire(rule, new Filter(scan, Logical.and(Literal.nullOf(DataType.BOOLEAN), x)));
        assertDoesNotFire(rule, new Filter(scan, new Not(Logical.and(x, x))));
    }
}
