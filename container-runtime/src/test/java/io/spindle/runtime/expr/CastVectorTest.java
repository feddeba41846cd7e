package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Batches.values;
import static io.spindle.runtime.testing.Batches.vector;
import static io.spindle.runtime.testing.Expressions.cast;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.evaluate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CastVectorTest
{
    private static List<Object> castColumn(DataType from, List<?> values, DataType to)
    {
        Schema schema = schema("x", from);
        ColumnBatch batch = batch(vector(from, values));
        ColumnVector out = evaluate(cast(col("x"), to), schema, batch);
        return values(out);
    }

    private static BigDecimal dec(String value)
    {
        return new BigDecimal(value);
    }

    @Test
    void intToDecimalTakesTheTargetScale()
    {
        assertEquals(Arrays.asList(dec("5.00"), dec("-7.00"), null, dec("2147483647.00")),
                castColumn(DataType.INT, Arrays.asList(5, -7, null, Integer.MAX_VALUE), DataType.decimal(12, 2)));
    }

    @Test
    void longToDecimal()
    {
        assertEquals(Arrays.asList(dec("5000000000.0"), null),
                castColumn(DataType.LONG, Arrays.asList(5_000_000_000L, null), DataType.decimal(15, 1)));
    }

    @Test
    void decimalToDoubleIsTheNearestDouble()
    {
        assertEquals(Arrays.asList(1.25, -0.01, 12345678.91, null),
                castColumn(DataType.decimal(10, 2), Arrays.asList(dec("1.25"), dec("-0.01"), dec("12345678.91"), null), DataType.DOUBLE));
        assertEquals(List.of(0.1234567891),
                castColumn(DataType.decimal(18, 10), List.of(dec("0.1234567891")), DataType.DOUBLE));
    }

    @Test
    void doubleToLongTruncatesTowardZero()
    {
        assertEquals(Arrays.asList(3L, -3L, 0L, Long.MAX_VALUE, Long.MIN_VALUE, null),
                castColumn(DataType.DOUBLE, Arrays.asList(3.99, -3.99, 0.5, 1e19, -1e19, null), DataType.LONG));
    }

    /** Spark (non-ANSI) casts a double to int with Scala's toInt, which truncates and saturates; it never wraps. */
    @Test
    void doubleToIntTruncatesAndSaturates()
    {
        assertEquals(Arrays.asList(3, -3, Integer.MAX_VALUE, Integer.MIN_VALUE),
                castColumn(DataType.DOUBLE, Arrays.asList(3.7, -3.7, 1e10, -1e10), DataType.INT));
    }

    @Test
    void decimalToIntegersTruncatesTowardZero()
    {
        DataType type = DataType.decimal(10, 2);
        assertEquals(Arrays.asList(1L, -1L, 0L, null), castColumn(type, Arrays.asList(dec("1.99"), dec("-1.99"), dec("0.50"), null), DataType.LONG));
        assertEquals(Arrays.asList(1, -1, 0, null), castColumn(type, Arrays.asList(dec("1.99"), dec("-1.99"), dec("0.50"), null), DataType.INT));
    }

    @Test
    void longToIntKeepsTheLow32BitsAsSparkDoes()
    {
        assertEquals(Arrays.asList(Integer.MIN_VALUE, 7, -1),
                castColumn(DataType.LONG, Arrays.asList(2_147_483_648L, 7L, 4_294_967_295L), DataType.INT));
    }

    @Test
    void doubleToDecimalRoundsHalfUp()
    {
        assertEquals(Arrays.asList(dec("2.35"), dec("-2.35"), dec("0.10"), null),
                castColumn(DataType.DOUBLE, Arrays.asList(2.345, -2.345, 0.1, null), DataType.decimal(10, 2)));
    }

    @Test
    void decimalToSmallerScaleRoundsHalfUp()
    {
        assertEquals(Arrays.asList(dec("1.3"), dec("-1.3"), dec("1.2")),
                castColumn(DataType.decimal(10, 2), Arrays.asList(dec("1.25"), dec("-1.25"), dec("1.24")), DataType.decimal(10, 1)));
    }

    @Test
    void integersToDouble()
    {
        assertEquals(Arrays.asList(1.0, -2.0, null), castColumn(DataType.INT, Arrays.asList(1, -2, null), DataType.DOUBLE));
        assertEquals(Arrays.asList(9.007199254740992E15, null), castColumn(DataType.LONG, Arrays.asList(9_007_199_254_740_992L, null), DataType.DOUBLE));
    }

    @Test
    void everythingCastsToString()
    {
        assertEquals(Arrays.asList("42", "-1", null), castColumn(DataType.INT, Arrays.asList(42, -1, null), DataType.STRING));
        assertEquals(Arrays.asList("1.50", "-0.05", null), castColumn(DataType.decimal(10, 2), Arrays.asList(dec("1.50"), dec("-0.05"), null), DataType.STRING));
        assertEquals(Arrays.asList("2024-02-29", null), castColumn(DataType.DATE, Arrays.asList(LocalDate.of(2024, 2, 29), null), DataType.STRING));
        assertEquals(Arrays.asList("1.5", null), castColumn(DataType.DOUBLE, Arrays.asList(1.5, null), DataType.STRING));
        assertEquals(Arrays.asList("true", "false", null), castColumn(DataType.BOOLEAN, Arrays.asList(true, false, null), DataType.STRING));
        assertEquals(Arrays.asList("12345678901", null), castColumn(DataType.LONG, Arrays.asList(12345678901L, null), DataType.STRING));
    }

    @Test
    void castToTheSameTypeKeepsValues()
    {
        assertEquals(Arrays.asList("a", null), castColumn(DataType.STRING, Arrays.asList("a", null), DataType.STRING));
        assertEquals(Arrays.asList(1, null), castColumn(DataType.INT, Arrays.asList(1, null), DataType.INT));
    }

    @Test
    void unsupportedCastFailsWhenCompiledAndNamesBothTypes()
    {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> castColumn(DataType.DATE, List.of(LocalDate.of(2024, 1, 1)), DataType.LONG));
        assertTrue(e.getMessage().contains("date") && e.getMessage().contains("bigint"), e.getMessage());
    }

    @Test
    // 1e17 fits decimal(20,2) (18 integral digits) and its unscaled form, 1e19, is past 64 bits: held in 128
    void decimalBeyondEighteenDigitsIsHeldExactly()
    {
        assertEquals(Arrays.asList(dec("100000000000000000.00"), dec("-123.46"), null),
                castColumn(DataType.DOUBLE, Arrays.asList(1e17, -123.456, 1e21), DataType.decimal(20, 2)));
    }

    @Test
    void castsBetweenWideAndNarrowDecimalsAndOtherTypes()
    {
        DataType wide = DataType.decimal(38, 10);
        List<BigDecimal> values = Arrays.asList(dec("1234567890123456789012.0123456789"), dec("-0.0000000051"), null, dec("-99.5000000000"));
        assertEquals(Arrays.asList(null, dec("0.00"), null, dec("-99.50")), castColumn(wide, values, DataType.decimal(15, 2)));
        assertEquals(Arrays.asList(dec("1234567890123456789012.01"), dec("0.00"), null, dec("-99.50")),
                castColumn(wide, values, DataType.decimal(25, 2)));
        assertEquals(Arrays.asList("1234567890123456789012.0123456789", "-0.0000000051", null, "-99.5000000000"),
                castColumn(wide, values, DataType.STRING));
        assertEquals(Arrays.asList(1.234567890123456789012e21, -5.1e-9, null, -99.5), castColumn(wide, values, DataType.DOUBLE));
        assertEquals(Arrays.asList(new BigDecimal("1234567890123456789012.0123456789").longValue(), 0L, null, -99L),
                castColumn(wide, values, DataType.LONG));
        assertEquals(Arrays.asList(dec("9223372036854775807.0000000000"), dec("-9223372036854775808.0000000000")),
                castColumn(DataType.LONG, List.of(Long.MAX_VALUE, Long.MIN_VALUE), wide));
        assertEquals(Arrays.asList(dec("-2147483648.00000")), castColumn(DataType.INT, List.of(Integer.MIN_VALUE), DataType.decimal(19, 5)));
        assertEquals(Arrays.asList(dec("12345678901234.5678"), dec("-0.0001")),
                castColumn(DataType.decimal(18, 4), List.of(dec("12345678901234.5678"), dec("-0.0001")), DataType.decimal(30, 4)));
        assertEquals(Arrays.asList(dec("12345678901234567890123456.78"), null),
                castColumn(DataType.STRING, Arrays.asList("12345678901234567890123456.777", "123456789012345678901234567.0"), DataType.decimal(28, 2)));
    }

    /**
     * A value with more integral digits than the target precision must not come out as a decimal(3,2) holding
     * 123.45: Spark's default mode gives null; failing with a message naming the type would also be acceptable.
     */
    @Test
    void decimalThatDoesNotFitTheTargetPrecisionIsNotSilentlyKept()
    {
        List<Object> out;
        try {
            out = castColumn(DataType.decimal(5, 2), List.of(dec("123.45")), DataType.decimal(3, 2));
        }
        catch (ArithmeticException e) {
            assertTrue(e.getMessage().contains("decimal(3,2)"), e.getMessage());
            return;
        }
        assertNull(out.get(0), "123.45 cast to decimal(3,2)");
    }

    /** Spark's default mode casts NaN and infinities to null; a NumberFormatException about a character 'N' tells the user nothing. */
    @Test
    void nanAndInfinityCastToDecimalGiveNullOrANamedError()
    {
        for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            List<Object> out;
            try {
                out = castColumn(DataType.DOUBLE, List.of(value), DataType.decimal(10, 2));
            }
            catch (ArithmeticException e) {
                assertTrue(e.getMessage().contains("decimal(10,2)"), e.getMessage());
                continue;
            }
            assertNull(out.get(0), value + " cast to decimal(10,2)");
        }
    }
}
