package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Project;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static io.spindle.planner.optimizer.rules.RuleAssertions.col;
import static io.spindle.planner.optimizer.rules.RuleAssertions.rewrite;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NullPropagationTest
{
    private final NullPropagation rule = new NullPropagation();
    private final FileRelation scan = TestPlans.orders(1);

    @Test
    void arithmeticWithANullIsANullOfItsType()
    {
        Expression price = col(scan, "o_price");
        Project project = new Project(scan, List.of(new Arithmetic(Arithmetic.Operator.ADD, price, Literal.nullOf(DataType.DOUBLE), DataType.DOUBLE)));
        Project rewritten = (Project) rule.apply(project);
        assertEquals(Literal.nullOf(DataType.DOUBLE), ((Alias) rewritten.expressions().get(0)).child());
        assertEquals(project.schema().names(), rewritten.schema().names());
    }

    @Test
    void comparisonWithANullIsANullBoolean()
    {
        Expression comparison = new Comparison(Comparison.Operator.EQUAL, col(scan, "o_status"), Literal.nullOf(DataType.STRING));
        assertEquals(Literal.nullOf(DataType.BOOLEAN), rewrite(rule, scan, comparison));
    }

    @Test
    void isNullOfANonNullableColumnIsFalse()
    {
        assertEquals(Literal.of(false), rewrite(rule, scan, new IsNull(col(scan, "o_orderkey"))));
    }

    @Test
    void doesNotFire()
    {
        assertDoesNotFire(rule, new Filter(scan, new IsNull(col(scan, "o_price"))));
        // a cast to decimal is null when the value does not fit, even from a non-null column
        assertDoesNotFire(rule, new Filter(scan, new IsNull(new Cast(col(scan, "o_orderkey"), DataType.decimal(5, 2)))));
        // an expression kind the rule does not know is not trusted to say it is never null
        assertDoesNotFire(rule, new Filter(scan, new IsNull(new OpaqueExpression(col(scan, "o_orderkey")))));
        // division by zero is null
        Expression quotient = new Arithmetic(Arithmetic.Operator.DIVIDE, new Cast(col(scan, "o_orderkey"), DataType.DOUBLE), Literal.of(2.0), DataType.DOUBLE);
        assertDoesNotFire(rule, new Filter(scan, new IsNull(quotient)));
    }
}
