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

import static io.spindle.sql.functions.abs;
import static io.spindle.sql.functions.add_months;
import static io.spindle.sql.functions.bround;
import static io.spindle.sql.functions.ceil;
import static io.spindle.sql.functions.coalesce;
import static io.spindle.sql.functions.concat_ws;
import static io.spindle.sql.functions.date_format;
import static io.spindle.sql.functions.date_trunc;
import static io.spindle.sql.functions.floor;
import static io.spindle.sql.functions.greatest;
import static io.spindle.sql.functions.instr;
import static io.spindle.sql.functions.least;
import static io.spindle.sql.functions.ln;
import static io.spindle.sql.functions.lpad;
import static io.spindle.sql.functions.nvl;
import static io.spindle.sql.functions.regexp_extract;
import static io.spindle.sql.functions.regexp_replace;
import static io.spindle.sql.functions.round;
import static io.spindle.sql.functions.signum;
import static io.spindle.sql.functions.sqrt;
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

    @Test
    void mathFunctionsKeepSparksResultTypes()
    {
        assertEquals(DataType.LONG, resolve(abs(col("o_orderkey"))).type());
        assertEquals(DataType.decimal(15, 2), resolve(abs(col("o_amount"))).type());
        assertEquals(DataType.DOUBLE, resolve(round(col("o_price"), 1)).type());
        // one more integral digit, as round(99.99) is 100
        assertEquals(DataType.decimal(15, 1), resolve(round(col("o_amount"), 1)).type());
        assertEquals(DataType.decimal(14, 0), resolve(round(col("o_amount"))).type());
        assertEquals(DataType.decimal(14, 0), resolve(round(col("o_amount"), -2)).type());
        assertEquals(DataType.decimal(16, 2), resolve(bround(col("o_amount"), 3)).type());
        assertEquals(DataType.LONG, resolve(floor(col("o_price"))).type());
        assertEquals(DataType.decimal(14, 0), resolve(ceil(col("o_amount"))).type());
        assertEquals(DataType.DOUBLE, resolve(sqrt(col("o_amount"))).type());
        assertEquals(DataType.DOUBLE, resolve(signum(col("o_orderkey"))).type());
        assertEquals(DataType.decimal(15, 2), resolve(greatest(col("o_amount"), col("o_orderkey").cast(DataType.INT), lit(0))).type());
        assertEquals(DataType.decimal(15, 2), resolve(nvl(col("o_amount"), lit(new java.math.BigDecimal("1.5")))).type());
        assertTrue(resolve(ln(col("o_price"))).nullable(), "ln of zero is null");
        assertFalse(resolve(greatest(col("o_orderkey"), col("o_price"))).nullable(), "greatest is null only where every argument is");
    }

    @Test
    void decimalsWiderThanALongAreRefusedUntilTheirVectorLands()
    {
        Column wide = col("o_amount").cast(DataType.decimal(20, 2));
        AnalysisException e = assertThrows(AnalysisException.class, () -> resolve(round(wide, 1)));
        assertTrue(e.getMessage().startsWith("round of a decimal wider than 18 digits is not supported yet; cast it to double (decimal(20,2) in round("),
                e.getMessage());
        assertThrows(AnalysisException.class, () -> resolve(abs(wide)));
        // decimal(15,2) and a long (decimal(20,0)) meet in decimal(22,2)
        AnalysisException common = assertThrows(AnalysisException.class, () -> resolve(greatest(col("o_amount"), col("o_orderkey"))));
        assertTrue(common.getMessage().contains("(decimal(22,2) in greatest(o_amount, o_orderkey))"), common.getMessage());
        // the result is wider than the argument: decimal(18,0) rounds into 19 digits
        AnalysisException result = assertThrows(AnalysisException.class, () -> resolve(round(col("o_amount").cast(DataType.decimal(18, 0)))));
        assertTrue(result.getMessage().contains("round of a decimal wider than 18 digits"), result.getMessage());
        assertEquals(DataType.DOUBLE, resolve(sqrt(wide)).type());
    }

    @Test
    void wrongArityAndTypesAreNamed()
    {
        AnalysisException arity = assertThrows(AnalysisException.class,
                () -> resolve(new Column(new ScalarFunction(ScalarFunction.Name.NVL, java.util.List.of(col("o_price").expression())))));
        assertEquals("nvl takes 2 arguments, not 1, in nvl(o_price)", arity.getMessage());
        AnalysisException greatest = assertThrows(AnalysisException.class, () -> resolve(greatest(col("o_price"))));
        assertEquals("greatest takes at least 2 arguments, not 1, in greatest(o_price)", greatest.getMessage());
        AnalysisException round = assertThrows(AnalysisException.class,
                () -> resolve(new Column(new ScalarFunction(ScalarFunction.Name.ROUND, java.util.List.of()))));
        assertEquals("round takes 1 or 2 arguments, not 0, in round()", round.getMessage());
        AnalysisException number = assertThrows(AnalysisException.class, () -> resolve(abs(col("o_status"))));
        assertEquals("abs needs a number, but o_status is string in abs(o_status); cast it to a number", number.getMessage());
        AnalysisException scale = assertThrows(AnalysisException.class,
                () -> resolve(new Column(new ScalarFunction(ScalarFunction.Name.ROUND, java.util.List.of(col("o_price").expression(), col("o_orderkey").expression())))));
        assertEquals("the scale of round(o_price, o_orderkey) must be a constant int, not o_orderkey", scale.getMessage());
        AnalysisException months = assertThrows(AnalysisException.class, () -> resolve(add_months(col("o_date"), col("o_price"))));
        assertEquals("the number of months o_price in add_months(o_date, o_price) is double, not int; cast it to int", months.getMessage());
        AnalysisException lpad = assertThrows(AnalysisException.class,
                () -> resolve(new Column(new ScalarFunction(ScalarFunction.Name.LPAD, java.util.List.of(col("o_status").expression(), col("o_price").expression())))));
        assertEquals("the length o_price in lpad(o_status, o_price) is double, not int; cast it to int", lpad.getMessage());
        AnalysisException mixed = assertThrows(AnalysisException.class, () -> resolve(nvl(col("o_status"), col("o_date"))));
        assertTrue(mixed.getMessage().contains("cannot combine o_status (string) with o_date (date) in nvl(o_status, o_date)"), mixed.getMessage());
        AnalysisException bool = assertThrows(AnalysisException.class, () -> resolve(least(col("o_price").gt(1), col("o_price").lt(2))));
        assertTrue(bool.getMessage().startsWith("least cannot order booleans"), bool.getMessage());
    }

    @Test
    void stringAndDateFunctionsCheckTheirConstants()
    {
        assertEquals(DataType.STRING, resolve(lpad(col("o_orderkey"), 10, "0")).type());
        assertEquals(DataType.INT, resolve(instr(col("o_status"), "F")).type());
        assertFalse(resolve(concat_ws(",", col("o_status"), col("o_price"))).nullable(), "concat_ws skips nulls");
        AnalysisException group = assertThrows(AnalysisException.class, () -> resolve(regexp_extract(col("o_status"), "(a)(b)", 3)));
        assertTrue(group.getMessage().contains("'(a)(b)' in regexp_extract(o_status, '(a)(b)', 3) has 2 groups, so group 3 does not exist"), group.getMessage());
        AnalysisException regex = assertThrows(AnalysisException.class, () -> resolve(regexp_replace(col("o_status"), "a(", "b")));
        assertTrue(regex.getMessage().contains("is not a valid Java regular expression"), regex.getMessage());
        AnalysisException replacement = assertThrows(AnalysisException.class, () -> resolve(regexp_replace(col("o_status"), "(a)", "$2")));
        assertTrue(replacement.getMessage().startsWith("the replacement '$2' in regexp_replace(o_status, '(a)', '$2') is not valid"), replacement.getMessage());
        AnalysisException letter = assertThrows(AnalysisException.class, () -> resolve(date_format(col("o_date"), "yyyy-MM-dd Q")));
        assertTrue(letter.getMessage().startsWith("datetime pattern letter 'Q' in 'yyyy-MM-dd Q' is not supported"), letter.getMessage());
        AnalysisException time = assertThrows(AnalysisException.class, () -> resolve(to_date(col("o_status"), "yyyy-MM-dd HH")));
        assertTrue(time.getMessage().contains("reads a time of day"), time.getMessage());
        assertEquals(DataType.TIMESTAMP, resolve(date_trunc("month", col("o_date"))).type());
        assertEquals(DataType.DATE, resolve(add_months(lit("2024-01-31"), 1)).type());
        AnalysisException unit = assertThrows(AnalysisException.class,
                () -> resolve(new Column(new ScalarFunction(ScalarFunction.Name.TRUNC, java.util.List.of(col("o_date").expression(), col("o_status").expression())))));
        assertEquals("the unit of trunc(o_date, o_status) must be a constant string, not o_status", unit.getMessage());
    }
}
