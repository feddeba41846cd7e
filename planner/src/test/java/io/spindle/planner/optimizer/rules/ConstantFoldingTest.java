package io.spindle.planner.optimizer.rules;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Project;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.spindle.planner.optimizer.rules.RuleAssertions.assertDoesNotFire;
import static io.spindle.planner.optimizer.rules.RuleAssertions.col;
import static io.spindle.planner.optimizer.rules.RuleAssertions.gt;
import static io.spindle.planner.optimizer.rules.RuleAssertions.rewrite;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ConstantFoldingTest
{
    private final ConstantFolding rule = new ConstantFolding();
    private final FileRelation scan = TestPlans.orders(1);

    private Expression fold(Expression expression)
    {
        return rewrite(rule, scan, expression);
    }

    private static Arithmetic arithmetic(Arithmetic.Operator op, Literal left, Literal right, DataType type)
    {
        return new Arithmetic(op, left, right, type);
    }

    @Test
    void integersWrapAsTheExecutorsDo()
    {
        Expression sum = arithmetic(Arithmetic.Operator.ADD, Literal.of(Integer.MAX_VALUE), Literal.of(1), DataType.INT);
        assertEquals(Literal.of(true), fold(new Comparison(Comparison.Operator.LESS_THAN, sum, Literal.of(0))));
        Project project = new Project(scan, List.of(sum));
        Project folded = (Project) rule.apply(project);
        assertEquals(new Alias(new Literal(Integer.MIN_VALUE, DataType.INT), sum.defaultName()), folded.expressions().get(0));
        assertEquals(project.schema().names(), folded.schema().names());
    }

    @Test
    void divisionByZeroIsATypedNull()
    {
        assertEquals(Literal.nullOf(DataType.DOUBLE),
                ((Alias) ((Project) rule.apply(new Project(scan, List.of(
                        arithmetic(Arithmetic.Operator.DIVIDE, Literal.of(1.0), Literal.of(0.0), DataType.DOUBLE))))).expressions().get(0)).child());
        assertEquals(Literal.nullOf(DataType.LONG),
                ((Alias) ((Project) rule.apply(new Project(scan, List.of(
                        arithmetic(Arithmetic.Operator.MODULO, Literal.of(7L), Literal.of(0L), DataType.LONG))))).expressions().get(0)).child());
    }

    @Test
    void decimalsKeepTheResultScaleRoundingHalfUp()
    {
        Literal a = Literal.of(new BigDecimal("1.25"));
        Literal b = Literal.of(new BigDecimal("0.10"));
        Expression product = arithmetic(Arithmetic.Operator.MULTIPLY, a, b, DataType.decimal(8, 3));
        Project folded = (Project) rule.apply(new Project(scan, List.of(product)));
        assertEquals(new Literal(new BigDecimal("0.125"), DataType.decimal(8, 3)), ((Alias) folded.expressions().get(0)).child());

        Expression quotient = arithmetic(Arithmetic.Operator.DIVIDE, Literal.of(new BigDecimal("2.00")), Literal.of(new BigDecimal("3.00")),
                DataType.decimal(10, 6));
        folded = (Project) rule.apply(new Project(scan, List.of(quotient)));
        assertEquals(new Literal(new BigDecimal("0.666667"), DataType.decimal(10, 6)), ((Alias) folded.expressions().get(0)).child());
    }

    @Test
    void comparisonsLogicAndCastsOfLiteralsFold()
    {
        Expression dates = new Comparison(Comparison.Operator.LESS_THAN, Literal.of(LocalDate.of(1994, 1, 1)), Literal.of(LocalDate.of(1995, 1, 1)));
        assertEquals(Literal.of(true), fold(dates));
        Expression nan = new Comparison(Comparison.Operator.GREATER_THAN, Literal.of(Double.NaN), Literal.of(1e300));
        assertEquals(Literal.of(true), fold(nan));
        Expression strings = new Comparison(Comparison.Operator.LESS_THAN, Literal.of("Z"), Literal.of("é"));
        assertEquals(Literal.of(true), fold(strings));
        Expression logic = Logical.or(new Literal(null, DataType.BOOLEAN), Literal.of(true));
        assertEquals(Literal.of(true), fold(logic));
        Expression castLong = new Comparison(Comparison.Operator.EQUAL, new Cast(Literal.of(3), DataType.LONG), Literal.of(3L));
        assertEquals(Literal.of(true), fold(castLong));
    }

    @Test
    void castToANarrowDecimalThatDoesNotFitIsNull()
    {
        Expression cast = new Cast(Literal.of(123456), DataType.decimal(4, 2));
        Project folded = (Project) rule.apply(new Project(scan, List.of(cast)));
        assertEquals(Literal.nullOf(DataType.decimal(4, 2)), ((Alias) folded.expressions().get(0)).child());
    }

    @Test
    void doesNotFire()
    {
        assertDoesNotFire(rule, new Filter(scan, gt(scan, "o_price", 10.0)));
        // decimal products beyond 18 digits fail at run time with a message naming the expression
        Literal big = Literal.of(new BigDecimal("999999999999.99"));
        assertDoesNotFire(rule, new Project(scan, List.of(arithmetic(Arithmetic.Operator.MULTIPLY, big, big, DataType.decimal(29, 4)))));
        // casts to string format values; they are left to run
        assertDoesNotFire(rule, new Project(scan, List.of(new Cast(Literal.of(1.5), DataType.STRING))));
        assertDoesNotFire(rule, new Project(scan, List.of(col(scan, "o_price"))));
    }
}
