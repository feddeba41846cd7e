package io.spindle.runtime.operators;

import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;

import java.util.ArrayList;
import java.util.List;

/** Builds one batch from rows picked out of many batches of one schema: row i is {@code rows[i]} of {@code sources[i]}. */
final class BatchGather
{
    private BatchGather()
    {
    }

    static ColumnBatch gather(ColumnBatch[] sources, int[] rows, int count, int columnCount)
    {
        List<ColumnVector> columns = new ArrayList<>(columnCount);
        for (int c = 0; c < columnCount; c++) {
            columns.add(gatherColumn(sources, rows, count, c));
        }
        return new ColumnBatch(columns, count);
    }

    private static ColumnVector gatherColumn(ColumnBatch[] sources, int[] rows, int count, int column)
    {
        ColumnVector first = sources[0].column(column);
        if (first instanceof StringVector) {
            StringVector.Builder builder = new StringVector.Builder(count, count * 16);
            for (int i = 0; i < count; i++) {
                StringVector v = (StringVector) sources[i].column(column);
                int row = rows[i];
                if (v.isNull(row)) {
                    builder.appendNull();
                }
                else {
                    builder.append(v.data(), v.start(row), v.length(row));
                }
            }
            return builder.build();
        }
        ColumnVector out = ColumnVector.allocate(first.type(), count);
        boolean[] nulls = null;
        for (int i = 0; i < count; i++) {
            ColumnVector v = sources[i].column(column);
            int row = rows[i];
            if (v.isNull(row)) {
                if (nulls == null) {
                    nulls = new boolean[count];
                }
                nulls[i] = true;
                continue;
            }
            if (out instanceof LongVector l) {
                l.values()[i] = ((LongVector) v).get(row);
            }
            else if (out instanceof IntVector n) {
                n.values()[i] = ((IntVector) v).get(row);
            }
            else if (out instanceof DoubleVector d) {
                d.values()[i] = ((DoubleVector) v).get(row);
            }
            else {
                ((BooleanVector) out).values()[i] = ((BooleanVector) v).get(row);
            }
        }
        out.setNulls(nulls);
        return out;
    }
}
