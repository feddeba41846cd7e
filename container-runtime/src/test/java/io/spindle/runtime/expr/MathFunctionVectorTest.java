package io.spindle.runtime.expr;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.ScalarFunction;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Batches.vector;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.evaluateValues;
import static io.spindle.runtime.testing.Expressions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MathFunctionVectorTest
{
    private static final Schema SCHEMA = schema("x", DataType.DOUBLE, "n", DataType.INT, "m", DataType.decimal(9, 3), "b", DataType.LONG);
    private static final List<Double> X = Arrays.asList(2.5, -2.5, 0.5, -0.4, 2.675, null, 1.0E300, Double.NaN);
    private static final List<Integer> N = Arrays.asList(15, -15, 25, -25, 0, null, Integer.MAX_VALUE, 7);
    private static final List<BigDecimal> M = Arrays.asList(new BigDecimal("2.500"), new BigDecimal("-2.500"), new BigDecimal("0.125"),
            new BigDecimal("-0.125"), new BigDecimal("999999.995"), null, new BigDecimal("-999999.999"), new BigDecimal("0.000"));
    private static final List<Long> B = Arrays.asList(150L, -150L, 250L, -250L, 0L, null, Long.MAX_VALUE, 3L);

    private static List<Object> eval(ScalarFunction.Name name, Expression... args)
    {
        ColumnBatch batch = batch(vector(DataType.DOUBLE, X), vector(DataType.INT, N), vector(DataType.decimal(9, 3), M), vector(DataType.LONG, B));
        return evaluateValues(new ScalarFunction(name, List.of(args)), SCHEMA, batch);
    }

    private static List<BigDecimal> decimals(String... values)
    {
        return Arrays.stream(values).map(v -> v == null ? null : new BigDecimal(v)).toList();
    }

    @Test
    void roundGoesHalfUpAndBroundHalfEven()
    {
        // Spark rounds a double as its shortest decimal text: 2.675 is 2.68 though the double is below 2.675
        assertEquals(Arrays.asList(3.0, -3.0, 1.0, 0.0, 3.0, null, 1.0E300, Double.NaN), eval(ScalarFunction.Name.ROUND, col("x")));
        assertEquals(Arrays.asList(2.5, -2.5, 0.5, -0.4, 2.68, null, 1.0E300, Double.NaN), eval(ScalarFunction.Name.ROUND, col("x"), lit(2)));
        assertEquals(Arrays.asList(2.0, -2.0, 0.0, 0.0, 3.0, null, 1.0E300, Double.NaN), eval(ScalarFunction.Name.BROUND, col("x")));
        assertEquals(Arrays.asList(2.5, -2.5, 0.5, -0.4, 2.68, null, 1.0E300, Double.NaN), eval(ScalarFunction.Name.BROUND, col("x"), lit(2)));
        assertEquals(Arrays.asList(2.5, -2.5, 0.5, -0.4, 2.7, null, 1.0E300, Double.NaN), eval(ScalarFunction.Name.BROUND, col("x"), lit(1)));
        assertEquals(Arrays.asList(20, -20, 30, -30, 0, null, -2147483646, 10), eval(ScalarFunction.Name.ROUND, col("n"), lit(-1)));
        assertEquals(Arrays.asList(200L, -200L, 300L, -300L, 0L, null, 9223372036854775800L, 0L), eval(ScalarFunction.Name.ROUND, col("b"), lit(-2)));
        assertEquals(Arrays.asList(200L, -200L, 200L, -200L, 0L, null, 9223372036854775800L, 0L), eval(ScalarFunction.Name.BROUND, col("b"), lit(-2)));
        assertEquals(decimals("2.50", "-2.50", "0.13", "-0.13", "1000000.00", null, "-1000000.00", "0.00"), eval(ScalarFunction.Name.ROUND, col("m"), lit(2)));
        assertEquals(decimals("2.50", "-2.50", "0.12", "-0.12", "1000000.00", null, "-1000000.00", "0.00"), eval(ScalarFunction.Name.BROUND, col("m"), lit(2)));
        assertEquals(decimals("3", "-3", "0", "0", "1000000", null, "-1000000", "0"), eval(ScalarFunction.Name.ROUND, col("m")));
        assertEquals(decimals("0", "0", "0", "0", "1000000", null, "-1000000", "0"), eval(ScalarFunction.Name.ROUND, col("m"), lit(-3)));
    }

    @Test
    void floorAndCeil()
    {
        assertEquals(Arrays.asList(2L, -3L, 0L, -1L, 2L, null, Long.MAX_VALUE, 0L), eval(ScalarFunction.Name.FLOOR, col("x")));
        assertEquals(Arrays.asList(3L, -2L, 1L, 0L, 3L, null, Long.MAX_VALUE, 0L), eval(ScalarFunction.Name.CEIL, col("x")));
        assertEquals(decimals("2", "-3", "0", "-1", "999999", null, "-1000000", "0"), eval(ScalarFunction.Name.FLOOR, col("m")));
        assertEquals(decimals("3", "-2", "1", "0", "1000000", null, "-999999", "0"), eval(ScalarFunction.Name.CEIL, col("m")));
        assertEquals(Arrays.asList(15L, -15L, 25L, -25L, 0L, null, 2147483647L, 7L), eval(ScalarFunction.Name.FLOOR, col("n")));
    }

    @Test
    void logarithmsOfNonPositiveNumbersAreNull()
    {
        List<Object> ln = eval(ScalarFunction.Name.LN, col("x"));
        assertEquals(Arrays.asList(Math.log(2.5), null, Math.log(0.5), null, Math.log(2.675), null, Math.log(1.0E300), Double.NaN), ln);
        assertEquals(Arrays.asList(Math.log10(15), null, Math.log10(25), null, null, null, Math.log10(Integer.MAX_VALUE), Math.log10(7)),
                eval(ScalarFunction.Name.LOG10, col("n")));
        assertEquals(Arrays.asList(1.0, -1.0, 1.0, -1.0, 0.0, null, 1.0, 1.0), eval(ScalarFunction.Name.SIGNUM, col("n")));
        assertEquals(Arrays.asList(Math.sqrt(2.5), Double.NaN, Math.sqrt(0.5), Double.NaN, Math.sqrt(2.675), null, Math.sqrt(1.0E300), Double.NaN),
                eval(ScalarFunction.Name.SQRT, col("x")));
    }

    @Test
    void pmodGreatestLeastAndAbs()
    {
        assertEquals(Arrays.asList(3, 1, 1, 3, 0, null, 3, 3), eval(ScalarFunction.Name.PMOD, col("n"), lit(4)));
        // the divisor is added only to a negative remainder, as in Spark
        assertEquals(Arrays.asList(3, -3, 1, -1, 0, null, 3, 3), eval(ScalarFunction.Name.PMOD, col("n"), lit(-4)));
        assertEquals(Arrays.asList(2.5, 1.5, 0.5, 3.6, 2.675, null, 1.0E300 % 4, Double.NaN), eval(ScalarFunction.Name.PMOD, col("x"), lit(4.0)));
        assertEquals(Arrays.asList(null, null, null, null, null, null, null, null), eval(ScalarFunction.Name.PMOD, col("n"), lit(0)));
        assertEquals(Arrays.asList(150L, 0L, 250L, 0L, 0L, 0L, Long.MAX_VALUE, 7L), eval(ScalarFunction.Name.GREATEST, col("n"), col("b"), lit(0L)));
        assertEquals(Arrays.asList(15L, -150L, 25L, -250L, 0L, null, 2147483647L, 3L), eval(ScalarFunction.Name.LEAST, col("n"), col("b")));
        assertEquals(Arrays.asList(15, 15, 25, 25, 0, null, Integer.MAX_VALUE, 7), eval(ScalarFunction.Name.ABS, col("n")));
        assertEquals(decimals("2.500", "2.500", "0.125", "0.125", "999999.995", null, "999999.999", "0.000"), eval(ScalarFunction.Name.ABS, col("m")));
    }
}
