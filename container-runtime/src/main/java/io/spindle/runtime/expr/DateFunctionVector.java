package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.IntVector;

import java.util.Arrays;
import java.util.Locale;

/**
 * The functions of one date: last_day, quarter, dayofweek (1 for Sunday, as Spark's), dayofyear, weekofyear
 * (ISO 8601) and trunc to a year, quarter, month or week (which starts on Monday). A trunc unit Spark does not
 * know gives null, as in Spark.
 */
final class DateFunctionVector
        implements VectorExpression
{
    enum Function
    {
        LAST_DAY, QUARTER, DAY_OF_WEEK, DAY_OF_YEAR, WEEK_OF_YEAR, TRUNC_YEAR, TRUNC_QUARTER, TRUNC_MONTH, TRUNC_WEEK, NULL_DATE
    }

    private final VectorExpression child;
    private final Function function;

    DateFunctionVector(VectorExpression child, Function function)
    {
        this.child = child;
        this.function = function;
    }

    /** The trunc function for Spark's unit names; NULL_DATE for any other. */
    static Function truncation(String unit)
    {
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "YEAR", "YYYY", "YY" -> Function.TRUNC_YEAR;
            case "QUARTER" -> Function.TRUNC_QUARTER;
            case "MONTH", "MM", "MON" -> Function.TRUNC_MONTH;
            case "WEEK" -> Function.TRUNC_WEEK;
            default -> Function.NULL_DATE;
        };
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        IntVector input = (IntVector) child.evaluate(batch);
        int[] days = input.values();
        int[] out = new int[rows];
        switch (function) {
            case DAY_OF_WEEK -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = Math.floorMod(days[i] + 4, 7) + 1;
                }
            }
            case TRUNC_WEEK -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = days[i] - CivilDates.isoDayOfWeek(days[i]) + 1;
                }
            }
            case NULL_DATE -> {
                boolean[] nulls = new boolean[rows];
                Arrays.fill(nulls, true);
                IntVector vector = new IntVector(DataType.DATE, out, rows);
                vector.setNulls(nulls);
                return vector;
            }
            default -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = apply(days[i]);
                }
            }
        }
        boolean isDate = switch (function) {
            case QUARTER, DAY_OF_WEEK, DAY_OF_YEAR, WEEK_OF_YEAR -> false;
            default -> true;
        };
        IntVector vector = new IntVector(isDate ? DataType.DATE : DataType.INT, out, rows);
        vector.setNulls(Nulls.copy(input, rows));
        return vector;
    }

    private int apply(int epochDay)
    {
        long civil = CivilDates.civil(epochDay);
        int year = CivilDates.year(civil);
        int month = CivilDates.month(civil);
        return switch (function) {
            case LAST_DAY -> CivilDates.epochDay(year, month, CivilDates.lengthOfMonth(year, month));
            case QUARTER -> (month + 2) / 3;
            case DAY_OF_YEAR -> epochDay - CivilDates.epochDay(year, 1, 1) + 1;
            case WEEK_OF_YEAR -> {
                // the ISO week belongs to the year of its Thursday
                int thursday = epochDay - CivilDates.isoDayOfWeek(epochDay) + 4;
                int thursdayYear = CivilDates.year(CivilDates.civil(thursday));
                yield (thursday - CivilDates.epochDay(thursdayYear, 1, 1)) / 7 + 1;
            }
            case TRUNC_YEAR -> CivilDates.epochDay(year, 1, 1);
            case TRUNC_QUARTER -> CivilDates.epochDay(year, month - (month - 1) % 3, 1);
            case TRUNC_MONTH -> CivilDates.epochDay(year, month, 1);
            default -> throw new IllegalStateException("not a function of one date: " + function);
        };
    }
}
