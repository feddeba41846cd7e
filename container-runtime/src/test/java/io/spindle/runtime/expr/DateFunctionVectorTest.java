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
            assertEquals(day, CivilDates.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()));
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

    @Test
    void addMonthsCutsTheDayToTheMonthsLast()
    {
        // D: 2024-02-29, 1969-12-31, null, 0001-01-01, 2000-03-01, 9999-12-31; n: 1, -1, 5, null, 366, 0
        assertEquals(Arrays.asList(LocalDate.of(2024, 3, 29), LocalDate.of(1969, 11, 30), null, null, LocalDate.of(2030, 9, 1), LocalDate.of(9999, 12, 31)),
                eval(ScalarFunction.Name.ADD_MONTHS, col("d"), col("n")));
        assertEquals(Arrays.asList(LocalDate.of(2025, 2, 28), LocalDate.of(1970, 12, 31), null, LocalDate.of(2, 1, 1), LocalDate.of(2001, 3, 1), LocalDate.of(10000, 12, 31)),
                eval(ScalarFunction.Name.ADD_MONTHS, col("d"), lit(12)));
        for (int day = -200_000; day < 200_000; day += 13) {
            LocalDate date = LocalDate.ofEpochDay(day);
            for (int months : new int[] {1, -1, 13, -25}) {
                assertEquals(date.plusMonths(months).toEpochDay(), CivilDates.addMonths(day, months), date + " + " + months);
            }
        }
    }

    @Test
    void monthsBetweenIsWholeOnTheSameDayOrAtMonthEnds()
    {
        // D: 2024-02-29, 1969-12-31, null, 0001-01-01, 2000-03-01, 9999-12-31; E: 2024-01-01, 1970-01-01, 2020-05-05, null, 2000-02-28, 1970-01-01
        assertEquals(Arrays.asList(1.90322581, -0.03225806, null, null, 0.12903226, 96359.96774194),
                eval(ScalarFunction.Name.MONTHS_BETWEEN, col("d"), col("e")));
        assertEquals(Arrays.asList(1.0, 1.0, 1.0, 1.0, 1.0, 1.0), eval(ScalarFunction.Name.MONTHS_BETWEEN, lit("2024-03-31"), lit("2024-02-29")));
        assertEquals(Arrays.asList(-1.0, -1.0, -1.0, -1.0, -1.0, -1.0), eval(ScalarFunction.Name.MONTHS_BETWEEN, lit("2023-01-15"), lit("2023-02-15")));
        assertEquals(List.of(1 + 1 / 31.0), eval(ScalarFunction.Name.MONTHS_BETWEEN, lit("2024-03-30"), lit("2024-02-29"), lit(false)).subList(0, 1));
    }

    @Test
    void partsOfTheYearAndWeek()
    {
        assertEquals(Arrays.asList(LocalDate.of(2024, 2, 29), LocalDate.of(1969, 12, 31), null, LocalDate.of(1, 1, 31), LocalDate.of(2000, 3, 31), LocalDate.of(9999, 12, 31)),
                eval(ScalarFunction.Name.LAST_DAY, col("d")));
        assertEquals(Arrays.asList(1, 4, null, 1, 1, 4), eval(ScalarFunction.Name.QUARTER, col("d")));
        // 1 for Sunday: 2024-02-29 was a Thursday, 1969-12-31 a Wednesday, 0001-01-01 a Monday, 9999-12-31 a Friday
        assertEquals(Arrays.asList(5, 4, null, 2, 4, 6), eval(ScalarFunction.Name.DAY_OF_WEEK, col("d")));
        assertEquals(Arrays.asList(60, 365, null, 1, 61, 365), eval(ScalarFunction.Name.DAY_OF_YEAR, col("d")));
        for (int day = -200_000; day < 200_000; day += 11) {
            LocalDate date = LocalDate.ofEpochDay(day);
            ColumnBatch batch = batch(vector(DataType.DATE, date), vector(DataType.DATE, date), vector(DataType.INT, 0));
            assertEquals(List.of(date.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                    evaluateValues(new ScalarFunction(ScalarFunction.Name.WEEK_OF_YEAR, List.of(col("d"))), SCHEMA, batch), date.toString());
        }
    }

    @Test
    void truncAndDateTrunc()
    {
        assertEquals(Arrays.asList(LocalDate.of(2024, 2, 1), LocalDate.of(1969, 12, 1), null, LocalDate.of(1, 1, 1), LocalDate.of(2000, 3, 1), LocalDate.of(9999, 12, 1)),
                eval(ScalarFunction.Name.TRUNC, col("d"), lit("mon")));
        assertEquals(Arrays.asList(LocalDate.of(2024, 1, 1), LocalDate.of(1969, 10, 1), null, LocalDate.of(1, 1, 1), LocalDate.of(2000, 1, 1), LocalDate.of(9999, 10, 1)),
                eval(ScalarFunction.Name.TRUNC, col("d"), lit("QUARTER")));
        assertEquals(Arrays.asList(LocalDate.of(2024, 2, 26), LocalDate.of(1969, 12, 29), null, LocalDate.of(1, 1, 1), LocalDate.of(2000, 2, 28), LocalDate.of(9999, 12, 27)),
                eval(ScalarFunction.Name.TRUNC, col("d"), lit("week")));
        assertEquals(Arrays.asList(null, null, null, null, null, null), eval(ScalarFunction.Name.TRUNC, col("d"), lit("hour")));
        assertEquals(Arrays.asList(java.time.Instant.parse("2024-01-01T00:00:00Z"), java.time.Instant.parse("1969-01-01T00:00:00Z"), null,
                        java.time.Instant.parse("0001-01-01T00:00:00Z"), java.time.Instant.parse("2000-01-01T00:00:00Z"), java.time.Instant.parse("9999-01-01T00:00:00Z")),
                eval(ScalarFunction.Name.DATE_TRUNC, lit("yyyy"), col("d")));
    }

    @Test
    void dateFormatWritesSparksPatternLetters()
    {
        assertEquals(Arrays.asList("2024-02-29 Thu", "1969-12-31 Wed", null, "0001-01-01 Mon", "2000-03-01 Wed", "9999-12-31 Fri"),
                eval(ScalarFunction.Name.DATE_FORMAT, col("d"), lit("yyyy-MM-dd EEE")));
        assertEquals(Arrays.asList("Thursday, 29 February 24 (60) 00:00:00.000 AM 12", "Wednesday, 31 December 69 (365) 00:00:00.000 AM 12", null,
                        "Monday, 1 January 01 (1) 00:00:00.000 AM 12", "Wednesday, 1 March 00 (61) 00:00:00.000 AM 12", "Friday, 31 December 99 (365) 00:00:00.000 AM 12"),
                eval(ScalarFunction.Name.DATE_FORMAT, col("d"), lit("EEEE, d MMMM yy (D) HH:mm:ss.SSS a h")));
        assertEquals(Arrays.asList("'2024' M2", "'1969' M12", null, "'1' M1", "'2000' M3", "'9999' M12"),
                eval(ScalarFunction.Name.DATE_FORMAT, col("d"), lit("''y'' 'M'M")));
    }

    @Test
    void toDateReadsAPatternAndGivesNullOtherwise()
    {
        ColumnBatch batch = batch(vector(DataType.STRING, Arrays.asList("29.02.2024", "30.02.2023", null, "1.1.2000", "01.13.2000", "31.12.9999")));
        assertEquals(Arrays.asList(LocalDate.of(2024, 2, 29), null, null, null, null, LocalDate.of(9999, 12, 31)),
                evaluateValues(new ScalarFunction(ScalarFunction.Name.TO_DATE, List.of(col("s"), lit("dd.MM.yyyy"))), schema("s", DataType.STRING), batch));
        // one letter reads one digit or more
        assertEquals(Arrays.asList(LocalDate.of(2024, 2, 29), null, null, LocalDate.of(2000, 1, 1), null, LocalDate.of(9999, 12, 31)),
                evaluateValues(new ScalarFunction(ScalarFunction.Name.TO_DATE, List.of(col("s"), lit("d.M.yyyy"))), schema("s", DataType.STRING), batch));
    }
}
