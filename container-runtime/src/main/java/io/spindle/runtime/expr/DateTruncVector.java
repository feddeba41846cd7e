package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;

import java.util.Arrays;
import java.util.Locale;

/**
 * date_trunc(unit, date or timestamp): the timestamp (microseconds since the epoch, UTC, as Spindle keeps
 * timestamps) where the unit the value is in begins. Units are Spark's; another gives null, as in Spark.
 */
final class DateTruncVector
        implements VectorExpression
{
    private enum Unit
    {
        YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, UNKNOWN
    }

    private final VectorExpression child;
    private final Unit unit;

    DateTruncVector(VectorExpression child, String unit)
    {
        this.child = child;
        this.unit = switch (unit.toUpperCase(Locale.ROOT)) {
            case "YEAR", "YYYY", "YY" -> Unit.YEAR;
            case "QUARTER" -> Unit.QUARTER;
            case "MONTH", "MM", "MON" -> Unit.MONTH;
            case "WEEK" -> Unit.WEEK;
            case "DAY", "DD" -> Unit.DAY;
            case "HOUR" -> Unit.HOUR;
            case "MINUTE" -> Unit.MINUTE;
            case "SECOND" -> Unit.SECOND;
            case "MILLISECOND" -> Unit.MILLISECOND;
            case "MICROSECOND" -> Unit.MICROSECOND;
            default -> Unit.UNKNOWN;
        };
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        ColumnVector input = child.evaluate(batch);
        long[] out = new long[rows];
        boolean[] nulls;
        if (unit == Unit.UNKNOWN) {
            nulls = new boolean[rows];
            Arrays.fill(nulls, true);
        }
        else {
            nulls = Nulls.copy(input, rows);
            if (input instanceof IntVector dates) {
                int[] days = dates.values();
                for (int i = 0; i < rows; i++) {
                    out[i] = truncate(days[i] * CivilDates.MICROS_PER_DAY);
                }
            }
            else {
                long[] micros = ((LongVector) input).values();
                for (int i = 0; i < rows; i++) {
                    out[i] = truncate(micros[i]);
                }
            }
        }
        LongVector vector = new LongVector(DataType.TIMESTAMP, out, rows);
        vector.setNulls(nulls);
        return vector;
    }

    private long truncate(long micros)
    {
        long within = switch (unit) {
            case HOUR -> 3_600_000_000L;
            case MINUTE -> 60_000_000L;
            case SECOND -> 1_000_000L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1L;
            default -> CivilDates.MICROS_PER_DAY;
        };
        long truncated = Math.floorDiv(micros, within) * within;
        if (within != CivilDates.MICROS_PER_DAY || unit == Unit.DAY) {
            return truncated;
        }
        int epochDay = (int) (truncated / CivilDates.MICROS_PER_DAY);
        long civil = CivilDates.civil(epochDay);
        int year = CivilDates.year(civil);
        int month = CivilDates.month(civil);
        int day = switch (unit) {
            case YEAR -> CivilDates.epochDay(year, 1, 1);
            case QUARTER -> CivilDates.epochDay(year, month - (month - 1) % 3, 1);
            case MONTH -> CivilDates.epochDay(year, month, 1);
            default -> epochDay - CivilDates.isoDayOfWeek(epochDay) + 1;
        };
        return day * CivilDates.MICROS_PER_DAY;
    }
}
