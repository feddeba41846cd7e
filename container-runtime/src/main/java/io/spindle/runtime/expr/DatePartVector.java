package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.IntVector;

/** year, month and dayofmonth of a date (days since 1970-01-01), computed arithmetically in the proleptic Gregorian calendar. */
final class DatePartVector
        implements VectorExpression
{
    enum Part
    {
        YEAR, MONTH, DAY
    }

    private final VectorExpression child;
    private final Part part;

    DatePartVector(VectorExpression child, Part part)
    {
        this.child = child;
        this.part = part;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        IntVector input = (IntVector) child.evaluate(batch);
        int rows = batch.rowCount();
        int[] days = input.values();
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = extract(days[i], part);
        }
        IntVector vector = new IntVector(DataType.INT, out, rows);
        vector.setNulls(Nulls.copy(input, rows));
        return vector;
    }

    /** Howard Hinnant's civil_from_days: eras of 400 years, years that start in March. */
    static int extract(int epochDay, Part part)
    {
        long z = (long) epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long dayOfEra = z - era * 146097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        return switch (part) {
            case YEAR -> year;
            case MONTH -> month;
            case DAY -> day;
        };
    }
}
