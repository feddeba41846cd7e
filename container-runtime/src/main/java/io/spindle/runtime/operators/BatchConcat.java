package io.spindle.runtime.operators;

import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;

import java.util.ArrayList;
import java.util.List;

/** Joins batches of one schema into one batch, column by column. */
public final class BatchConcat
{
    private BatchConcat()
    {
    }

    public static ColumnBatch concat(List<ColumnBatch> batches, int columnCount)
    {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        int rows = 0;
        for (ColumnBatch batch : batches) {
            rows += batch.rowCount();
        }
        List<ColumnVector> columns = new ArrayList<>(columnCount);
        for (int c = 0; c < columnCount; c++) {
            columns.add(concatColumn(batches, c, rows));
        }
        return new ColumnBatch(columns, rows);
    }

    private static ColumnVector concatColumn(List<ColumnBatch> batches, int column, int rows)
    {
        ColumnVector first = batches.get(0).column(column);
        if (first instanceof StringVector) {
            StringVector.Builder builder = new StringVector.Builder(rows, rows * 16);
            for (ColumnBatch batch : batches) {
                StringVector v = (StringVector) batch.column(column);
                for (int i = 0; i < v.size(); i++) {
                    if (v.isNull(i)) {
                        builder.appendNull();
                    }
                    else {
                        builder.append(v.data(), v.start(i), v.length(i));
                    }
                }
            }
            return builder.build();
        }
        ColumnVector out = ColumnVector.allocate(first.type(), rows);
        boolean[] nulls = null;
        int at = 0;
        for (ColumnBatch batch : batches) {
            ColumnVector v = batch.column(column);
            int n = v.size();
            if (v instanceof Decimal128Vector x) {
                Decimal128Vector target = (Decimal128Vector) out;
                System.arraycopy(x.high(), 0, target.high(), at, n);
                System.arraycopy(x.low(), 0, target.low(), at, n);
            }
            else {
                System.arraycopy(values(v), 0, values(out), at, n);
            }
            if (v.mayHaveNulls()) {
                if (nulls == null) {
                    nulls = new boolean[rows];
                }
                System.arraycopy(v.nulls(), 0, nulls, at, n);
            }
            at += n;
        }
        out.setNulls(nulls);
        return out;
    }

    private static Object values(ColumnVector v)
    {
        if (v instanceof LongVector x) {
            return x.values();
        }
        if (v instanceof IntVector x) {
            return x.values();
        }
        if (v instanceof DoubleVector x) {
            return x.values();
        }
        return ((BooleanVector) v).values();
    }
}
