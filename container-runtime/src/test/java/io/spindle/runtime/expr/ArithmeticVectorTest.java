package io.spindle.runtime.expr;

import io.spindle.planner.expressions.Arithmetic.Operator;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.LongVector;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Batches.values;
import static io.spindle.runtime.testing.Batches.vector;
import static io.spindle.runtime.testing.Expressions.arithmetic;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.evaluate;
import static io.spindle.runtime.testing.Expressions.evaluateValues;
import static io.spindle.runtime.testing.Expressions.lit;
import static io.spindle.runtime.testing.Expressions.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArithmeticVectorTest
{
    private static final DataType DECIMAL_10_2 = DataType.decimal(10, 2);
    private static final DataType DECIMAL_12_4 = DataType.decimal(12, 4);

    private static Expression add(Expression l, Expression r)
    {
        return arithmetic(Operator.ADD, l, r);
    }

    private static Expression subtract(Expression l, Expression r)
    {
        return arithmetic(Operator.SUBTRACT, l, r);
    }

    private static Expression multiply(Expression l, Expression r)
    {
        return arithmetic(Operator.MULTIPLY, l, r);
    }

    private static Expression divide(Expression l, Expression r)
    {
        return arithmetic(Operator.DIVIDE, l, r);
    }

    private static Expression modulo(Expression l, Expression r)
    {
        return arithmetic(Operator.MODULO, l, r);
    }

    private static BigDecimal dec(String value)
    {
        return new BigDecimal(value);
    }

    @Test
    void intArithmeticWrapsOnOverflowAsSparkDoes()
    {
        Schema schema = schema("i", DataType.INT, "j", DataType.INT);
        ColumnBatch batch = batch(
                vector(DataType.INT, Integer.MAX_VALUE, Integer.MIN_VALUE, 65536, 7, null, 3),
                vector(DataType.INT, 1, 1, 65536, -3, 2, null));

        assertEquals(Arrays.asList(Integer.MIN_VALUE, Integer.MIN_VALUE + 1, 131072, 4, null, null), evaluateValues(add(col("i"), col("j")), schema, batch));
        assertEquals(Arrays.asList(Integer.MAX_VALUE - 1, Integer.MAX_VALUE, 0, 10, null, null), evaluateValues(subtract(col("i"), col("j")), schema, batch));
        assertEquals(Arrays.asList(Integer.MAX_VALUE, Integer.MIN_VALUE, 0, -21, null, null), evaluateValues(multiply(col("i"), col("j")), schema, batch));
        assertEquals(DataType.INT, evaluate(add(col("i"), col("j")), schema, batch).type());
    }

    @Test
    void intModuloTakesTheDividendsSignAndIsNullForZero()
    {
        Schema schema = schema("i", DataType.INT, "j", DataType.INT);
        ColumnBatch batch = batch(vector(DataType.INT, -7, 7, 7, 5, 0), vector(DataType.INT, 3, -3, 3, 0, 0));

        assertEquals(Arrays.asList(-1, 1, 1, null, null), evaluateValues(modulo(col("i"), col("j")), schema, batch));
    }

    @Test
    void intDivisionIsDoubleAndDivisionByZeroIsNull()
    {
        Schema schema = schema("i", DataType.INT, "j", DataType.INT);
        ColumnBatch batch = batch(vector(DataType.INT, 7, -1, 1, 0, null), vector(DataType.INT, 2, 4, 0, 0, 1));

        ColumnVector quotient = evaluate(divide(col("i"), col("j")), schema, batch);

        assertEquals(DataType.DOUBLE, quotient.type());
        assertEquals(Arrays.asList(3.5, -0.25, null, null, null), values(quotient));
    }

    @Test
    void longArithmeticBeyondIntRangeAndMixedWithInt()
    {
        Schema schema = schema("l", DataType.LONG, "i", DataType.INT);
        ColumnBatch batch = batch(
                vector(DataType.LONG, 3_000_000_000L, Long.MAX_VALUE, -10L, null),
                vector(DataType.INT, 2, 1, 3, 1));

        assertEquals(Arrays.asList(3_000_000_002L, Long.MIN_VALUE, -7L, null), evaluateValues(add(col("l"), col("i")), schema, batch));
        assertEquals(Arrays.asList(6_000_000_000L, Long.MAX_VALUE, -30L, null), evaluateValues(multiply(col("l"), col("i")), schema, batch));
        assertEquals(Arrays.asList(2_999_999_998L, Long.MAX_VALUE - 1, -13L, null), evaluateValues(subtract(col("l"), col("i")), schema, batch));
        assertEquals(Arrays.asList(0L, 0L, -1L, null), evaluateValues(modulo(col("l"), col("i")), schema, batch));
        assertEquals(Arrays.asList(1.5e9, (double) Long.MAX_VALUE, -10.0 / 3, null), evaluateValues(divide(col("l"), col("i")), schema, batch));
        assertEquals(DataType.LONG, evaluate(add(col("l"), col("i")), schema, batch).type());
    }

    @Test
    void longDivisionAndModuloByZeroAreNull()
    {
        Schema schema = schema("l", DataType.LONG, "m", DataType.LONG);
        ColumnBatch batch = batch(vector(DataType.LONG, 10L, 10L), vector(DataType.LONG, 0L, 4L));

        assertEquals(Arrays.asList(null, 2L), evaluateValues(modulo(col("l"), col("m")), schema, batch));
        assertEquals(Arrays.asList(null, 2.5), evaluateValues(divide(col("l"), col("m")), schema, batch));
    }

    @Test
    void doubleArithmeticAndDivisionByZeroIsNull()
    {
        Schema schema = schema("d", DataType.DOUBLE, "e", DataType.DOUBLE);
        ColumnBatch batch = batch(
                vector(DataType.DOUBLE, 0.1, 5.5, -1.0, 0.0, null),
                vector(DataType.DOUBLE, 0.2, 2.0, 0.0, 0.0, 1.0));

        assertEquals(Arrays.asList(0.1 + 0.2, 7.5, -1.0, 0.0, null), evaluateValues(add(col("d"), col("e")), schema, batch));
        assertEquals(Arrays.asList(0.1 - 0.2, 3.5, -1.0, 0.0, null), evaluateValues(subtract(col("d"), col("e")), schema, batch));
        assertEquals(Arrays.asList(0.1 * 0.2, 11.0, -0.0, 0.0, null), evaluateValues(multiply(col("d"), col("e")), schema, batch));
        assertEquals(Arrays.asList(0.5, 2.75, null, null, null), evaluateValues(divide(col("d"), col("e")), schema, batch));
        assertEquals(Arrays.asList(0.1 % 0.2, 1.5, null, null, null), evaluateValues(modulo(col("d"), col("e")), schema, batch));
    }

    @Test
    void intPlusDoubleLiteralIsDouble()
    {
        Schema schema = schema("i", DataType.INT);
        ColumnBatch batch = batch(vector(DataType.INT, 1, null, -4));

        ColumnVector sum = evaluate(add(col("i"), lit(0.5)), schema, batch);

        assertEquals(DataType.DOUBLE, sum.type());
        assertEquals(Arrays.asList(1.5, null, -3.5), values(sum));
    }

    @Test
    void decimalAddAndSubtractRescaleOperandsOfDifferentScales()
    {
        Schema schema = schema("p", DECIMAL_10_2, "q", DECIMAL_12_4);
        ColumnBatch batch = batch(
                vector(DECIMAL_10_2, dec("1.25"), dec("-3.10"), null, dec("99999999.99")),
                vector(DECIMAL_12_4, dec("0.0001"), dec("2.0050"), dec("1.0000"), dec("0.0001")));

        ColumnVector sum = evaluate(add(col("p"), col("q")), schema, batch);
        ColumnVector difference = evaluate(subtract(col("p"), col("q")), schema, batch);

        assertEquals(DataType.decimal(13, 4), sum.type());
        assertEquals(Arrays.asList(dec("1.2501"), dec("-1.0950"), null, dec("99999999.9901")), values(sum));
        assertEquals(Arrays.asList(dec("1.2499"), dec("-5.1050"), null, dec("99999999.9899")), values(difference));
    }

    @Test
    void decimalPlusIntWidensTheIntToDecimal()
    {
        Schema schema = schema("p", DECIMAL_10_2, "i", DataType.INT);
        ColumnBatch batch = batch(vector(DECIMAL_10_2, dec("1.25"), dec("-0.50")), vector(DataType.INT, 2, -1));

        ColumnVector sum = evaluate(add(col("p"), col("i")), schema, batch);

        assertEquals(DataType.decimal(13, 2), sum.type());
        assertEquals(List.of(dec("3.25"), dec("-1.50")), values(sum));
    }

    @Test
    void decimalPlusDecimalLiteral()
    {
        Schema schema = schema("p", DECIMAL_10_2);
        ColumnBatch batch = batch(vector(DECIMAL_10_2, dec("1.25"), null));

        assertEquals(Arrays.asList(dec("1.255"), null), evaluateValues(add(col("p"), lit(dec("0.005"))), schema, batch));
    }

    @Test
    void decimalMultiplyAddsScales()
    {
        Schema schema = schema("p", DECIMAL_10_2, "q", DECIMAL_12_4);
        ColumnBatch batch = batch(
                vector(DECIMAL_10_2, dec("1.25"), dec("-3.10"), dec("0.00"), null),
                vector(DECIMAL_12_4, dec("2.0050"), dec("0.0001"), dec("5.0000"), dec("1.0000")));

        ColumnVector product = evaluate(multiply(col("p"), col("q")), schema, batch);

        assertEquals(DataType.decimal(23, 6), product.type());
        assertEquals(Arrays.asList(dec("2.506250"), dec("-0.000310"), dec("0.000000"), null), values(product));
    }

    @Test
    void decimalDivideRoundsHalfUpAtTheResultScale()
    {
        DataType small = DataType.decimal(3, 0);
        Schema schema = schema("a", small, "b", small);
        // decimal(3,0) / decimal(3,0) is decimal(9,6): 1/128 = 0.0078125 sits exactly on a half at 6 digits
        ColumnBatch batch = batch(
                vector(small, dec("1"), dec("-1"), dec("2"), dec("-2"), dec("1"), dec("5"), null),
                vector(small, dec("128"), dec("128"), dec("3"), dec("3"), dec("16"), dec("0"), dec("1")));

        ColumnVector quotient = evaluate(divide(col("a"), col("b")), schema, batch);

        assertEquals(DataType.decimal(9, 6), quotient.type());
        assertEquals(Arrays.asList(dec("0.007813"), dec("-0.007813"), dec("0.666667"), dec("-0.666667"), dec("0.062500"), null, null),
                values(quotient));
    }

    @Test
    void decimalDivideByZeroIsNullAndModuloKeepsTheLargerScale()
    {
        Schema schema = schema("p", DECIMAL_10_2, "q", DECIMAL_12_4);
        ColumnBatch batch = batch(
                vector(DECIMAL_10_2, dec("7.50"), dec("-7.50"), dec("1.00")),
                vector(DECIMAL_12_4, dec("2.0000"), dec("2.0000"), dec("0.0000")));

        assertEquals(Arrays.asList(dec("1.5000"), dec("-1.5000"), null), evaluateValues(modulo(col("p"), col("q")), schema, batch));
        List<Object> quotients = evaluateValues(divide(col("p"), col("q")), schema, batch);
        assertEquals(null, quotients.get(2));
        assertEquals(0, dec("3.75").compareTo((BigDecimal) quotients.get(0)));
        assertEquals(0, dec("-3.75").compareTo((BigDecimal) quotients.get(1)));
    }

    @Test
    void decimalMultiplyOverflowNamesTheExpressionAndType()
    {
        DataType wide = DataType.decimal(20, 0);
        Schema schema = schema("a", wide, "b", wide);
        ColumnBatch batch = batch(vector(wide, dec("1"), dec("10000000000000000000")), vector(wide, dec("1"), dec("10000000000000000000")));

        ArithmeticException e = assertThrows(ArithmeticException.class, () -> evaluate(multiply(col("a"), col("b")), schema, batch));

        assertTrue(e.getMessage().contains("(a * b)"), e.getMessage());
        assertTrue(e.getMessage().contains("decimal(38,0)"), e.getMessage());
    }

    /** decimal(18,0) * decimal(18,0) is decimal(37,0): products past 64 bits are exact, in 128 bits. */
    @Test
    void decimalProductsBeyondEighteenDigitsAreExact()
    {
        DataType d18 = DataType.decimal(18, 0);
        Schema schema = schema("a", d18, "b", d18);
        ColumnBatch batch = batch(vector(d18, dec("-999999999999999999"), dec("100000000000000000"), null),
                vector(d18, dec("999999999999999999"), dec("-100"), dec("1")));

        ColumnVector product = evaluate(multiply(col("a"), col("b")), schema, batch);

        assertEquals(DataType.decimal(37, 0), product.type());
        assertEquals(Arrays.asList(dec("-999999999999999998000000000000000001"), dec("-10000000000000000000"), null), values(product));
    }

    @Test
    void decimalAddOverflowWhileRescalingNamesTheExpression()
    {
        DataType d38 = DataType.decimal(38, 0);
        DataType d38s6 = DataType.decimal(38, 6);
        Schema schema = schema("a", d38, "c", d38s6);
        ColumnBatch batch = batch(vector(d38, dec("99999999999999999999999999999999999")), vector(d38s6, dec("1.000000")));

        ArithmeticException e = assertThrows(ArithmeticException.class, () -> evaluate(add(col("a"), col("c")), schema, batch));

        assertTrue(e.getMessage().contains("(a + c)"), e.getMessage());
    }

    /** Mixed widths and scales, both signs: every operator agrees with BigDecimal at the analyzer's result type. */
    @Test
    void wideDecimalArithmeticMatchesBigDecimal()
    {
        DataType wide = DataType.decimal(38, 10);
        DataType narrow = DataType.decimal(15, 2);
        Schema schema = schema("w", wide, "n", narrow);
        List<BigDecimal> ws = List.of(dec("1234567890123456789012.0123456789"), dec("-1234567890123456789012.0123456789"),
                dec("0.0000000005"), dec("-9223372036854775808.0000000001"), dec("42.0000000000"));
        List<BigDecimal> ns = List.of(dec("-12.50"), dec("99999.99"), dec("-0.01"), dec("3.00"), dec("0.00"));
        ColumnBatch batch = batch(vector(wide, ws), vector(narrow, ns));
        for (Operator operator : Operator.values()) {
            Expression expression = arithmetic(operator, col("w"), col("n"));
            DataType type = resolve(expression, schema).type();
            List<Object> actual = evaluateValues(expression, schema, batch);
            for (int i = 0; i < ws.size(); i++) {
                BigDecimal l = ws.get(i);
                BigDecimal r = ns.get(i);
                Object expected = switch (operator) {
                    case ADD -> l.add(r).setScale(type.scale(), RoundingMode.HALF_UP);
                    case SUBTRACT -> l.subtract(r).setScale(type.scale(), RoundingMode.HALF_UP);
                    case MULTIPLY -> l.multiply(r).setScale(type.scale(), RoundingMode.HALF_UP);
                    case DIVIDE -> r.signum() == 0 ? null : l.divide(r, type.scale(), RoundingMode.HALF_UP);
                    case MODULO -> r.signum() == 0 ? null : l.remainder(r).setScale(type.scale(), RoundingMode.HALF_UP);
                };
                assertEquals(expected, actual.get(i), operator + " on row " + i + " as " + type);
            }
        }
    }

    /** A wide times a long-backed decimal: values past 64 bits, both orders of operands, a null, and overflow past 38 digits. */
    @Test
    void wideTimesNarrowDecimals()
    {
        DataType wide = DataType.decimal(25, 2);
        DataType narrow = DataType.decimal(10, 2);
        Schema schema = schema("w", wide, "n", narrow);
        ColumnBatch batch = batch(vector(wide, dec("-1000000000000000000000.25"), dec("12.50"), null, dec("92233720368547758.08")),
                vector(narrow, dec("3.50"), dec("-99999999.99"), dec("1.00"), dec("-2.00")));

        List<BigDecimal> expected = Arrays.asList(dec("-3500000000000000000000.8750"), dec("-1249999999.8750"), null, dec("-184467440737095516.1600"));
        assertEquals(expected, evaluateValues(multiply(col("w"), col("n")), schema, batch));
        assertEquals(expected, evaluateValues(multiply(col("n"), col("w")), schema, batch));

        DataType widest = DataType.decimal(38, 0);
        DataType d18 = DataType.decimal(18, 0);
        Schema big = schema("w", widest, "n", d18);
        ColumnBatch overflowing = batch(vector(widest, dec("10000000000000000000000000000000000000")), vector(d18, dec("100")));
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> evaluate(multiply(col("w"), col("n")), big, overflowing));
        assertTrue(e.getMessage().contains("(w * n)") && e.getMessage().contains("decimal(38,0)"), e.getMessage());
    }

    /** TPC-H Q1's price * (1 - discount) * (1 + tax): narrow operands, wide products. */
    @Test
    void narrowOperandsWithWideProductsAsInTpchQ1()
    {
        DataType d152 = DataType.decimal(15, 2);
        Schema schema = schema("price", d152, "discount", d152, "tax", d152);
        ColumnBatch batch = batch(vector(d152, dec("9999999999999.99"), dec("-21168.23"), null),
                vector(d152, dec("0.04"), dec("0.10"), dec("0.00")),
                vector(d152, dec("0.02"), dec("0.08"), dec("0.01")));

        Expression charge = multiply(multiply(col("price"), subtract(lit(1), col("discount"))), add(lit(1), col("tax")));
        ColumnVector out = evaluate(charge, schema, batch);

        assertTrue(out.type().isWideDecimal(), out.type().sqlName());
        assertEquals(Arrays.asList(dec("9999999999999.99").multiply(dec("0.96")).multiply(dec("1.02")).setScale(out.type().scale()),
                dec("-21168.23").multiply(dec("0.90")).multiply(dec("1.08")).setScale(out.type().scale()), null), values(out));
    }

    /**
     * {@link io.spindle.runtime.batch.ColumnVector} says values under nulls are unspecified and must not be read: a
     * null row must come out null whatever its slot holds, not overflow on it.
     */
    @Test
    void decimalAddAndMultiplyIgnoreTheValueUnderANull()
    {
        Schema schema = schema("p", DECIMAL_10_2, "q", DECIMAL_12_4);
        LongVector p = new LongVector(DECIMAL_10_2, new long[] {Long.MAX_VALUE / 2, 125}, 2);
        p.setNulls(new boolean[] {true, false});
        ColumnBatch batch = batch(p, vector(DECIMAL_12_4, dec("1.0000"), dec("1.0000")));

        assertEquals(Arrays.asList(null, dec("2.2500")), evaluateValues(add(col("p"), col("q")), schema, batch));
        assertEquals(Arrays.asList(null, dec("1.250000")), evaluateValues(multiply(col("p"), col("q")), schema, batch));
    }
}
