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

    static int extract(int epochDay, Part part)
    {
        long civil = CivilDates.civil(epochDay);
        return switch (part) {
            case YEAR -> CivilDates.year(civil);
            case MONTH -> CivilDates.month(civil);
            case DAY -> CivilDates.day(civil);
        };
    }
}
