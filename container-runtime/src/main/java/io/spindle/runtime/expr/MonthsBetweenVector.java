package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;

/**
 * months_between(end, start) of dates, as Spark's: whole months when both days are the same day of the month
 * or both the last of their months, else the months plus the difference of the days over 31, rounded to 8
 * digits unless told not to.
 */
final class MonthsBetweenVector
        implements VectorExpression
{
    private final VectorExpression end;
    private final VectorExpression start;
    private final boolean roundOff;

    MonthsBetweenVector(VectorExpression end, VectorExpression start, boolean roundOff)
    {
        this.end = end;
        this.start = start;
        this.roundOff = roundOff;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        IntVector a = (IntVector) end.evaluate(batch);
        IntVector b = (IntVector) start.evaluate(batch);
        int[] x = a.values();
        int[] y = b.values();
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = monthsBetween(x[i], y[i]);
        }
        DoubleVector vector = new DoubleVector(DataType.DOUBLE, out, rows);
        vector.setNulls(Nulls.union(a, b, rows));
        return vector;
    }

    private double monthsBetween(int endDay, int startDay)
    {
        long first = CivilDates.civil(endDay);
        long second = CivilDates.civil(startDay);
        int months = (CivilDates.year(first) - CivilDates.year(second)) * 12 + CivilDates.month(first) - CivilDates.month(second);
        int day1 = CivilDates.day(first);
        int day2 = CivilDates.day(second);
        if (day1 == day2 || (day1 == CivilDates.lengthOfMonth(CivilDates.year(first), CivilDates.month(first))
                && day2 == CivilDates.lengthOfMonth(CivilDates.year(second), CivilDates.month(second)))) {
            return months;
        }
        double difference = months + (day1 - day2) / 31.0;
        return roundOff ? Math.round(difference * 1e8) / 1e8 : difference;
    }
}
