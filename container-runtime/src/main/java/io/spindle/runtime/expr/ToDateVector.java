package io.spindle.runtime.expr;

import io.spindle.planner.expressions.DateTimePattern;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.StringVector;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * to_date(s, pattern): the string read in a Spark datetime pattern, null where it does not parse or names a
 * day that does not exist, as Spark's to_date. Each row goes through java.time's parser as a String.
 */
final class ToDateVector
        implements VectorExpression
{
    private final VectorExpression child;
    private final DateTimeFormatter parser;

    ToDateVector(VectorExpression child, DateTimePattern pattern)
    {
        this.child = child;
        this.parser = pattern.dateParser();
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        StringVector input = (StringVector) child.evaluate(batch);
        int[] out = new int[rows];
        boolean[] nulls = Nulls.copy(input, rows);
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i)) {
                continue;
            }
            try {
                out[i] = (int) LocalDate.from(parser.parse(input.getString(i))).toEpochDay();
            }
            catch (DateTimeException e) {
                // an unparsable string is null, not an error, as in Spark
                nulls = Nulls.withNull(nulls, i, rows);
            }
        }
        IntVector vector = new IntVector(DataType.DATE, out, rows);
        vector.setNulls(nulls);
        return vector;
    }
}
