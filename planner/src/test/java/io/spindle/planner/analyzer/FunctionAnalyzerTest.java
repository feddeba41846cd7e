package io.spindle.planner.analyzer;

import io.spindle.planner.TestPlans;
import io.spindle.planner.expressions.CaseWhen;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.ScalarFunction;
import io.spindle.planner.types.DataType;
import io.spindle.sql.AnalysisException;
import io.spindle.sql.Column;
import org.junit.jupiter.api.Test;

import static io.spindle.sql.functions.coalesce;
import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.concat;
import static io.spindle.sql.functions.date_add;
import static io.spindle.sql.functions.datediff;
import static io.spindle.sql.functions.length;
import static io.spindle.sql.functions.lit;
import static io.spindle.sql.functions.substring;
import static io.spindle.sql.functions.to_date;
import static io.spindle.sql.functions.upper;
import static io.spindle.sql.functions.when;
import static io.spindle.sql.functions.year;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionAnalyzerTest
{
    private static Expression resolve(Column column)
    {
        Expression resolved = ExpressionAnalyzer.resolve(column.expression(), TestPlans.ORDERS);
        assertTrue(resolved.resolved(), resolved.toString());
        return resolved;
    }

    @Test
    void caseWhenWidensItsValues()
    {
        CaseWhen e = (CaseWhen) resolve(when(col("o_price").gt(10), col("o_orderkey")).when(col("o_status").equalTo("F"), 1).otherwise(col("o_amount")));
        assertEquals(DataType.decimal(22, 2), e.type());
        assertInstanceOf(Cast.class, e.values().get(0));
        assertEquals("CASE WHEN (o_price > 10.0) THEN CAST(o_orderkey AS DECIMAL(22,2)) WHEN (o_status = 'F') THEN 1.00"
                + " ELSE CAST(o_amount AS DECIMAL(22,2)) END", e.defaultName());
    }

    @Test
    void caseWhenWithoutElseIsNullable()
    {
        Expression e = resolve(when(col("o_orderkey").gt(1), lit(1)));
        assertEquals(DataType.INT, e.type());
        assertTrue(e.nullable());
        assertFalse(resolve(when(col("o_orderkey").gt(1), lit(1)).otherwise(lit(2))).nullable());
    }

    @Test
    void caseWhenRejectsANonBooleanConditionAndMixedTypes()
    {
        AnalysisException condition = assertThrows(AnalysisException.class, () -> resolve(when(col("o_price"), lit(1))));
        assertTrue(condition.getMessage().contains("WHEN condition o_price is double, not boolean"), condition.getMessage());
        AnalysisException mixed = assertThrows(AnalysisException.class, () -> resolve(when(col("o_price").gt(1), col("o_status")).otherwise(col("o_date"))));
        assertTrue(mixed.getMessage().contains("cannot combine o_status (string) with o_date (date)"), mixed.getMessage());
    }

    @Test
    void coalesceWidensNumbers()
    {
        ScalarFunction e = (ScalarFunction) resolve(coalesce(col("o_price"), col("o_orderkey")));
        assertEquals(DataType.DOUBLE, e.type());
        assertEquals(new Cast(ExpressionAnalyzer.resolveColumn("o_orderkey", TestPlans.ORDERS), DataType.DOUBLE), e.argument(1));
        assertFalse(resolve(coalesce(col("o_price"), col("o_orderkey"))).nullable());
    }

    @Test
    void stringFunctionsCastOtherArgumentsToString()
    {
        ScalarFunction e = (ScalarFunction) resolve(concat(col("o_status"), col("o_orderkey"), lit("-")));
        assertEquals(DataType.STRING, e.type());
        assertEquals(new Cast(ExpressionAnalyzer.resolveColumn("o_orderkey", TestPlans.ORDERS), DataType.STRING), e.argument(1));
        assertEquals(DataType.INT, resolve(length(col("o_status"))).type());
        assertEquals(DataType.STRING, resolve(upper(col("o_price"))).type());
        assertEquals("substring(o_status, 1, 2)", resolve(substring(col("o_status"), 1, 2)).defaultName());
        assertEquals(DataType.BOOLEAN, resolve(col("o_status").like("F%")).type());
    }

    @Test
    void dateFunctionsTakeDatesOrStrings()
    {
        assertEquals(DataType.INT, resolve(year(col("o_date"))).type());
        assertEquals(DataType.DATE, resolve(date_add(col("o_date"), 3)).type());
        ScalarFunction diff = (ScalarFunction) resolve(datediff(lit("2024-01-01"), col("o_date")));
        assertEquals(DataType.INT, diff.type());
        assertEquals(new Cast(lit("2024-01-01").expression(), DataType.DATE), diff.argument(0));
        assertEquals(DataType.DATE, resolve(to_date(col("o_status"))).type());
        assertTrue(resolve(to_date(lit("2024-02-30"))).nullable(), "a string that does not parse casts to null");
        assertFalse(resolve(col("o_orderkey").cast(DataType.STRING)).nullable());
        AnalysisException e = assertThrows(AnalysisException.class, () -> resolve(year(col("o_price"))));
        assertTrue(e.getMessage().contains("o_price in year(o_price) is double, not a date"), e.getMessage());
    }

    @Test
    void isinIsADisjunctionOfEqualities()
    {
        Expression e = resolve(col("o_orderkey").isin(1, 2L, 3));
        assertEquals(DataType.BOOLEAN, e.type());
        assertEquals("(((o_orderkey = 1) OR (o_orderkey = 2)) OR (o_orderkey = 3))", e.defaultName());
    }

    @Test
    void patternsMustBeConstants()
    {
        ScalarFunction like = new ScalarFunction(ScalarFunction.Name.LIKE, java.util.List.of(col("o_status").expression(), col("o_status").expression()));
        AnalysisException e = assertThrows(AnalysisException.class, () -> ExpressionAnalyzer.resolve(like, TestPlans.ORDERS));
        assertTrue(e.getMessage().contains("like needs a constant string as its pattern"), e.getMessage());
        AnalysisException regex = assertThrows(AnalysisException.class, () -> resolve(col("o_status").rlike("a(b")));
        assertTrue(regex.getMessage().contains("'a(b' in o_status RLIKE 'a(b' is not a valid Java regular expression"), regex.getMessage());
        AnalysisException escape = assertThrows(AnalysisException.class, () -> resolve(col("o_status").like("50\\")));
        assertTrue(escape.getMessage().contains("ends with the escape character"), escape.getMessage());
        assertEquals(DataType.BOOLEAN, resolve(col("o_status").like("50\\\\")).type());
    }
}
