package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;

/** trim: removes leading and trailing space characters (U+0020 only, as Spark's trim). */
final class TrimVector
        implements VectorExpression
{
    private final VectorExpression child;

    TrimVector(VectorExpression child)
    {
        this.child = child;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        StringVector input = (StringVector) child.evaluate(batch);
        int rows = batch.rowCount();
        byte[] data = input.data();
        StringVector.Builder builder = new StringVector.Builder(rows, input.offsets()[rows] - input.offsets()[0]);
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i)) {
                builder.appendNull();
                continue;
            }
            int start = input.start(i);
            int end = start + input.length(i);
            while (start < end && data[start] == ' ') {
                start++;
            }
            while (end > start && data[end - 1] == ' ') {
                end--;
            }
            builder.append(data, start, end - start);
        }
        return builder.build();
    }
}
