package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.IntVector;

/**
 * add_months(date, n), also {@code date + INTERVAL n MONTH}: as Spark 3, the day of the month is kept, or cut
 * to the last day of a shorter month (January 31 + 1 month is February 28, or 29 in a leap year).
 */
final class AddMonthsVector
        implements VectorExpression
{
    private final VectorExpression date;
    private final VectorExpression months;

    AddMonthsVector(VectorExpression date, VectorExpression months)
    {
        this.date = date;
        this.months = months;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        IntVector a = (IntVector) date.evaluate(batch);
        IntVector b = (IntVector) months.evaluate(batch);
        int[] days = a.values();
        int[] n = b.values();
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = CivilDates.addMonths(days[i], n[i]);
        }
        IntVector vector = new IntVector(DataType.DATE, out, rows);
        vector.setNulls(Nulls.union(a, b, rows));
        return vector;
    }
}
