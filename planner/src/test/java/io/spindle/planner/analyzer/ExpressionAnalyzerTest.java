package io.spindle.planner.analyzer;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.types.DataType;
import io.spindle.sql.AnalysisException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpressionAnalyzerTest
{
    private static Expression resolve(Expression e)
    {
        return ExpressionAnalyzer.resolve(e, TestPlans.ORDERS);
    }

    @Test
    void bindsColumnsCaseInsensitively()
    {
        ColumnRef ref = (ColumnRef) resolve(new UnresolvedColumn("O_PRICE"));
        assertEquals(2, ref.index());
        assertEquals(DataType.DOUBLE, ref.type());
    }

    @Test
    void missingColumnNamesWhatExistsAndSuggests()
    {
        AnalysisException e = assertThrows(AnalysisException.class, () -> resolve(new UnresolvedColumn("o_prce")));
        assertTrue(e.getMessage().contains("column 'o_prce' not found"), e.getMessage());
        assertTrue(e.getMessage().contains("[o_orderkey, o_status, o_price, o_amount, o_date]"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'o_price'?"), e.getMessage());
    }

    @Test
    void noSuggestionForUnrelatedName()
    {
        AnalysisException e = assertThrows(AnalysisException.class, () -> resolve(new UnresolvedColumn("zzzzzzzz")));
        assertTrue(!e.getMessage().contains("did you mean"), e.getMessage());
    }

    @Test
    void integerLiteralWidensToDoubleColumn()
    {
        Arithmetic a = (Arithmetic) resolve(Arithmetic.unresolved(Arithmetic.Operator.SUBTRACT, Literal.of(1), new UnresolvedColumn("o_price")));
        assertEquals(DataType.DOUBLE, a.type());
        assertEquals(new Literal(1.0, DataType.DOUBLE), a.left());
    }

    @Test
    void integerDivisionIsDouble()
    {
        Arithmetic a = (Arithmetic) resolve(Arithmetic.unresolved(Arithmetic.Operator.DIVIDE, new UnresolvedColumn("o_orderkey"), Literal.of(2)));
        assertEquals(DataType.DOUBLE, a.type());
        assertInstanceOf(Cast.class, a.left());
    }

    @Test
    void decimalArithmeticFollowsSparkPrecisionRules()
    {
        DataType d152 = DataType.decimal(15, 2);
        assertEquals(DataType.decimal(16, 2), ExpressionAnalyzer.decimalResult(Arithmetic.Operator.ADD, d152, d152));
        assertEquals(DataType.decimal(31, 4), ExpressionAnalyzer.decimalResult(Arithmetic.Operator.MULTIPLY, d152, d152));
        assertEquals(DataType.decimal(33, 18), ExpressionAnalyzer.decimalResult(Arithmetic.Operator.DIVIDE, d152, d152));
        // beyond 38 digits the integral part is kept and the scale cut, but not below 6
        assertEquals(DataType.decimal(38, 13), ExpressionAnalyzer.boundedDecimal(45, 20));
        assertEquals(DataType.decimal(38, 6), ExpressionAnalyzer.boundedDecimal(60, 20));
        // decimal with an int literal: the int counts as decimal(10,0)
        Arithmetic a = (Arithmetic) resolve(Arithmetic.unresolved(Arithmetic.Operator.MULTIPLY, new UnresolvedColumn("o_amount"), Literal.of(2)));
        assertEquals(DataType.decimal(26, 2), a.type());
    }

    @Test
    void dateComparedWithStringLiteralParsesTheDate()
    {
        Comparison c = (Comparison) resolve(new Comparison(Comparison.Operator.LESS_THAN, new UnresolvedColumn("o_date"), Literal.of("1995-03-15")));
        assertEquals(new Literal(LocalDate.of(1995, 3, 15), DataType.DATE), c.right());
        AnalysisException e = assertThrows(AnalysisException.class,
                () -> resolve(new Comparison(Comparison.Operator.LESS_THAN, new UnresolvedColumn("o_date"), Literal.of("March"))));
        assertTrue(e.getMessage().contains("yyyy-MM-dd"), e.getMessage());
    }

    @Test
    void arithmeticOnStringsIsRejectedWithTheColumnNamed()
    {
        AnalysisException e = assertThrows(AnalysisException.class,
                () -> resolve(Arithmetic.unresolved(Arithmetic.Operator.ADD, new UnresolvedColumn("o_status"), Literal.of(1))));
        assertTrue(e.getMessage().contains("o_status of type string"), e.getMessage());
    }
}
