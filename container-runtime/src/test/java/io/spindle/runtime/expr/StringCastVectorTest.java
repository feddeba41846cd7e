package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Batches.vector;
import static io.spindle.runtime.testing.Expressions.cast;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.evaluateValues;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StringCastVectorTest
{
    private static List<Object> castStrings(DataType to, String... values)
    {
        Schema schema = schema("s", DataType.STRING);
        ColumnBatch batch = batch(vector(DataType.STRING, Arrays.asList(values)));
        return evaluateValues(cast(col("s"), to), schema, batch);
    }

    @Test
    void stringToIntTrimsTruncatesAndNullsWhatDoesNotParse()
    {
        assertEquals(Arrays.asList(42, -7, 7, 3, -3, null, null, null, null, null, 2147483647, null, -2147483648, null),
                castStrings(DataType.INT, "42", "-7", " +7\t", "3.99", "-3.5", "", "abc", "1e3", "12a", null, "2147483647", "2147483648", "-2147483648", "-"));
    }

    @Test
    void stringToLongCoversTheWholeRange()
    {
        assertEquals(Arrays.asList(9223372036854775807L, -9223372036854775808L, null, null, 5L),
                castStrings(DataType.LONG, "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809", "5."));
    }

    @Test
    void stringToDouble()
    {
        assertEquals(Arrays.asList(1.5, -0.25, 1000.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, null, null, null, 7.0),
                castStrings(DataType.DOUBLE, "1.5", " -.25 ", "1e3", "Infinity", "-inf", "NaN", "1d", "x", "", "7"));
    }

    @Test
    void stringToDecimalRoundsHalfUpAndNullsWhatDoesNotFit()
    {
        assertEquals(Arrays.asList(new BigDecimal("1.25"), new BigDecimal("-1.26"), new BigDecimal("999.99"), null, null, new BigDecimal("0.00")),
                castStrings(DataType.decimal(5, 2), "1.245", "-1.255", "999.99", "1000", "ten", " 0 "));
    }

    @Test
    void stringToDateAcceptsSparksForms()
    {
        assertEquals(Arrays.asList(LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 5), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 7, 1),
                        LocalDate.of(2024, 7, 4), LocalDate.of(2024, 7, 4), null, null, null, null, null, null),
                castStrings(DataType.DATE, "2024-02-29", "2024-3-5", "2024", "2024-07", " 2024-07-04T10:00:00", "2024-07-04 12:00",
                        "2023-02-29", "2024-13-01", "24-01-01", "2024/01/01", "", "2024-01-01x"));
    }

    @Test
    void dateToStringIsIso()
    {
        Schema schema = schema("d", DataType.DATE);
        ColumnBatch batch = batch(vector(DataType.DATE, Arrays.asList(LocalDate.of(1995, 1, 31), null)));
        assertEquals(Arrays.asList("1995-01-31", null), evaluateValues(cast(col("d"), DataType.STRING), schema, batch));
    }
}
