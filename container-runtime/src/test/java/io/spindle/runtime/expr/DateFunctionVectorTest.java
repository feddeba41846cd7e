package io.spindle.runtime.expr;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.ScalarFunction;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Batches.vector;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.evaluateValues;
import static io.spindle.runtime.testing.Expressions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DateFunctionVectorTest
{
    private static final Schema SCHEMA = schema("d", DataType.DATE, "e", DataType.DATE, "n", DataType.INT);
    private static final List<LocalDate> D = Arrays.asList(LocalDate.of(2024, 2, 29), LocalDate.of(1969, 12, 31), null,
            LocalDate.of(1, 1, 1), LocalDate.of(2000, 3, 1), LocalDate.of(9999, 12, 31));
    private static final List<LocalDate> E = Arrays.asList(LocalDate.of(2024, 1, 1), LocalDate.of(1970, 1, 1), LocalDate.of(2020, 5, 5),
            null, LocalDate.of(2000, 2, 28), LocalDate.of(1970, 1, 1));

    private static List<Object> eval(ScalarFunction.Name name, Expression... args)
    {
        ColumnBatch batch = batch(vector(DataType.DATE, D), vector(DataType.DATE, E), vector(DataType.INT, Arrays.asList(1, -1, 5, null, 366, 0)));
        return evaluateValues(new ScalarFunction(name, List.of(args)), SCHEMA, batch);
    }

    @Test
    void datePartsMatchJavaTime()
    {
        assertEquals(Arrays.asList(2024, 1969, null, 1, 2000, 9999), eval(ScalarFunction.Name.YEAR, col("d")));
        assertEquals(Arrays.asList(2, 12, null, 1, 3, 12), eval(ScalarFunction.Name.MONTH, col("d")));
        assertEquals(Arrays.asList(29, 31, null, 1, 1, 31), eval(ScalarFunction.Name.DAY_OF_MONTH, col("d")));
    }

    @Test
    void datePartsAgreeWithJavaTimeOverManyYears()
    {
        for (int day = -800_000; day < 800_000; day += 37) {
            LocalDate date = LocalDate.ofEpochDay(day);
            assertEquals(date.getYear(), DatePartVector.extract(day, DatePartVector.Part.YEAR), date.toString());
            assertEquals(date.getMonthValue(), DatePartVector.extract(day, DatePartVector.Part.MONTH), date.toString());
            assertEquals(date.getDayOfMonth(), DatePartVector.extract(day, DatePartVector.Part.DAY), date.toString());
            assertEquals(day, StringParser.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()));
        }
    }

    @Test
    void stringArgumentsAreCastToDates()
    {
        assertEquals(Arrays.asList(2021, 2021, 2021, 2021, 2021, 2021), eval(ScalarFunction.Name.YEAR, lit("2021-07-04")));
    }

    @Test
    void addAndSubtractDays()
    {
        assertEquals(Arrays.asList(LocalDate.of(2024, 3, 1), LocalDate.of(1969, 12, 30), null, null, LocalDate.of(2001, 3, 2), LocalDate.of(9999, 12, 31)),
                eval(ScalarFunction.Name.DATE_ADD, col("d"), col("n")));
        assertEquals(Arrays.asList(LocalDate.of(2024, 2, 28), LocalDate.of(1969, 12, 30), null, LocalDate.of(0, 12, 31), LocalDate.of(2000, 2, 29), LocalDate.of(9999, 12, 30)),
                eval(ScalarFunction.Name.DATE_SUB, col("d"), lit(1)));
    }

    @Test
    void datediffIsEndMinusStart()
    {
        assertEquals(Arrays.asList(59, -1, null, null, 2, 2932896), eval(ScalarFunction.Name.DATE_DIFF, col("d"), col("e")));
    }
}
