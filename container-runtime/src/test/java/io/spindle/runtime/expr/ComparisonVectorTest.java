package io.spindle.runtime.expr;

import io.spindle.planner.expressions.Comparison.Operator;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Batches.values;
import static io.spindle.runtime.testing.Batches.vector;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.compare;
import static io.spindle.runtime.testing.Expressions.evaluate;
import static io.spindle.runtime.testing.Expressions.evaluateValues;
import static io.spindle.runtime.testing.Expressions.lit;
import static io.spindle.runtime.testing.Expressions.nullOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ComparisonVectorTest
{
    /**
     * Evaluates {@code a op b} for every operator over the given column values and checks each row against
     * {@code order}: null where either side is null, as SQL says.
     */
    @SuppressWarnings("unchecked")
    private static <T> void assertEveryOperator(DataType leftType, List<T> left, DataType rightType, List<T> right, Comparator<? super T> order)
    {
        Schema schema = schema("a", leftType, "b", rightType);
        ColumnBatch batch = batch(vector(leftType, left), vector(rightType, right));
        for (Operator operator : Operator.values()) {
            List<Object> expected = new ArrayList<>();
            for (int i = 0; i < left.size(); i++) {
                T l = left.get(i);
                T r = right.get(i);
                expected.add(l == null || r == null ? null : holds(operator, order.compare(l, r)));
            }
            ColumnVector result = evaluate(compare(operator, col("a"), col("b")), schema, batch);
            assertEquals(DataType.BOOLEAN, result.type());
            assertEquals(expected, values(result), "a " + operator.symbol() + " b over " + left + " and " + right);
        }
    }

    private static boolean holds(Operator operator, int comparison)
    {
        return switch (operator) {
            case EQUAL -> comparison == 0;
            case NOT_EQUAL -> comparison != 0;
            case LESS_THAN -> comparison < 0;
            case LESS_THAN_OR_EQUAL -> comparison <= 0;
            case GREATER_THAN -> comparison > 0;
            case GREATER_THAN_OR_EQUAL -> comparison >= 0;
        };
    }

    /** Code point order, which is what unsigned UTF-8 byte order amounts to (and not String.compareTo's UTF-16 order). */
    private static int compareCodePoints(String a, String b)
    {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return Arrays.compare(x, y);
    }

    @Test
    void ints()
    {
        assertEveryOperator(DataType.INT, Arrays.asList(1, 2, 3, null, 2, Integer.MIN_VALUE, -1),
                DataType.INT, Arrays.asList(2, 2, 2, 2, null, Integer.MAX_VALUE, -1), Comparator.<Integer>naturalOrder());
    }

    @Test
    void longs()
    {
        assertEveryOperator(DataType.LONG, Arrays.asList(1L, 5_000_000_000L, Long.MIN_VALUE, null, 7L),
                DataType.LONG, Arrays.asList(1L, 4_999_999_999L, Long.MAX_VALUE, 0L, 7L), Comparator.<Long>naturalOrder());
    }

    @Test
    void doubles()
    {
        assertEveryOperator(DataType.DOUBLE, Arrays.asList(1.5, -2.0, 1e300, Double.NEGATIVE_INFINITY, null, 0.1 + 0.2),
                DataType.DOUBLE, Arrays.asList(1.5, -1.0, Double.POSITIVE_INFINITY, -1e300, 3.0, 0.3), Comparator.<Double>naturalOrder());
    }

    @Test
    void decimalsOfOneType()
    {
        DataType type = DataType.decimal(10, 2);
        assertEveryOperator(type, Arrays.asList(new BigDecimal("1.50"), new BigDecimal("-0.01"), null, new BigDecimal("99999999.99")),
                type, Arrays.asList(new BigDecimal("1.50"), new BigDecimal("0.00"), new BigDecimal("1.00"), new BigDecimal("99999999.98")),
                Comparator.<BigDecimal>naturalOrder());
    }

    @Test
    void decimalsOfDifferentScalesCompareByValue()
    {
        assertEveryOperator(DataType.decimal(10, 2), Arrays.asList(new BigDecimal("1.50"), new BigDecimal("1.50"), new BigDecimal("-2.00"), new BigDecimal("3.00")),
                DataType.decimal(12, 4), Arrays.asList(new BigDecimal("1.5000"), new BigDecimal("1.4999"), new BigDecimal("-1.9999"), new BigDecimal("0.0300")),
                Comparator.<BigDecimal>naturalOrder());
    }

    @Test
    void stringsCompareByUnsignedBytes()
    {
        assertEveryOperator(DataType.STRING,
                Arrays.asList("a", "ab", "", "\u00e9", "z", "\uff71", "\ud83d\ude00", null, "x", "same"),
                DataType.STRING,
                Arrays.asList("b", "a", "a", "z", "\u00e9", "\ud83d\ude00", "\uff71", "x", null, "same"),
                ComparisonVectorTest::compareCodePoints);
    }

    @Test
    void dates()
    {
        assertEveryOperator(DataType.DATE,
                Arrays.asList(LocalDate.of(2024, 2, 29), LocalDate.of(1969, 12, 31), LocalDate.of(2000, 1, 1), null),
                DataType.DATE,
                Arrays.asList(LocalDate.of(2024, 3, 1), LocalDate.of(1970, 1, 1), LocalDate.of(2000, 1, 1), LocalDate.of(2000, 1, 1)),
                Comparator.<LocalDate>naturalOrder());
    }

    @Test
    void timestamps()
    {
        Instant t = Instant.parse("2024-02-29T12:00:00Z");
        assertEveryOperator(DataType.TIMESTAMP, Arrays.asList(t, t.plusNanos(1000), Instant.parse("1960-01-01T00:00:00Z"), null),
                DataType.TIMESTAMP, Arrays.asList(t, t, Instant.EPOCH, t), Comparator.<Instant>naturalOrder());
    }

    @Test
    void booleansOrderFalseBeforeTrue()
    {
        assertEveryOperator(DataType.BOOLEAN, Arrays.asList(false, false, true, true, null),
                DataType.BOOLEAN, Arrays.asList(false, true, false, true, true), Comparator.<Boolean>naturalOrder());
    }

    @Test
    void intAgainstLongIsWidened()
    {
        Schema schema = schema("i", DataType.INT, "l", DataType.LONG);
        ColumnBatch batch = batch(vector(DataType.INT, 1, -1, null), vector(DataType.LONG, 1L, 5_000_000_000L, 1L));

        assertEquals(Arrays.asList(true, false, null), evaluateValues(compare(Operator.EQUAL, col("i"), col("l")), schema, batch));
        assertEquals(Arrays.asList(false, true, null), evaluateValues(compare(Operator.LESS_THAN, col("i"), col("l")), schema, batch));
    }

    @Test
    void decimalAgainstIntLiteral()
    {
        DataType type = DataType.decimal(10, 2);
        Schema schema = schema("p", type);
        ColumnBatch batch = batch(vector(type, new BigDecimal("2.00"), new BigDecimal("1.99"), new BigDecimal("2.01")));

        assertEquals(List.of(true, false, false), evaluateValues(compare(Operator.EQUAL, col("p"), lit(2)), schema, batch));
        assertEquals(List.of(false, false, true), evaluateValues(compare(Operator.GREATER_THAN, col("p"), lit(2)), schema, batch));
    }

    @Test
    void dateAgainstStringLiteralComparesAsDate()
    {
        Schema schema = schema("d", DataType.DATE);
        ColumnBatch batch = batch(vector(DataType.DATE, LocalDate.of(2024, 2, 28), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1), null));

        assertEquals(Arrays.asList(false, true, true, null),
                evaluateValues(compare(Operator.GREATER_THAN_OR_EQUAL, col("d"), lit("2024-02-29")), schema, batch));
        assertEquals(Arrays.asList(true, false, false, null),
                evaluateValues(compare(Operator.GREATER_THAN, lit("2024-02-29"), col("d")), schema, batch));
    }

    @Test
    void stringAgainstNullLiteralIsNull()
    {
        Schema schema = schema("s", DataType.STRING);
        ColumnBatch batch = batch(vector(DataType.STRING, "a", null));

        assertEquals(Arrays.asList(null, null),
                evaluateValues(compare(Operator.EQUAL, col("s"), nullOf(DataType.STRING)), schema, batch));
    }

    /** IEEE 754 and Spark agree that -0.0 = 0.0; grouping (RowHasher.normalizedBits) already treats them as one value. */
    @Test
    void negativeZeroEqualsZero()
    {
        Schema schema = schema("a", DataType.DOUBLE, "b", DataType.DOUBLE);
        ColumnBatch batch = batch(vector(DataType.DOUBLE, -0.0), vector(DataType.DOUBLE, 0.0));

        Map<Operator, Boolean> expected = Map.of(
                Operator.EQUAL, true,
                Operator.NOT_EQUAL, false,
                Operator.LESS_THAN, false,
                Operator.LESS_THAN_OR_EQUAL, true,
                Operator.GREATER_THAN, false,
                Operator.GREATER_THAN_OR_EQUAL, true);
        for (Operator operator : Operator.values()) {
            assertEquals(List.of(expected.get(operator)), evaluateValues(compare(operator, col("a"), col("b")), schema, batch),
                    "-0.0 " + operator.symbol() + " 0.0");
        }
    }

    /**
     * Spark's NaN semantics: NaN = NaN, and NaN is larger than every other double. Sorting (Double.compare) already
     * orders NaN that way, so a filter must agree with ORDER BY.
     */
    @Test
    void nanEqualsItselfAndIsGreaterThanEveryNumber()
    {
        Schema schema = schema("a", DataType.DOUBLE, "b", DataType.DOUBLE);
        ColumnBatch batch = batch(vector(DataType.DOUBLE, Double.NaN, Double.NaN), vector(DataType.DOUBLE, Double.NaN, Double.POSITIVE_INFINITY));

        assertEquals(List.of(true, false), evaluateValues(compare(Operator.EQUAL, col("a"), col("b")), schema, batch));
        assertEquals(List.of(true, true), evaluateValues(compare(Operator.GREATER_THAN_OR_EQUAL, col("a"), col("b")), schema, batch));
        assertEquals(List.of(false, true), evaluateValues(compare(Operator.GREATER_THAN, col("a"), col("b")), schema, batch));
        assertEquals(List.of(false, false), evaluateValues(compare(Operator.LESS_THAN, col("a"), col("b")), schema, batch));
    }
}
