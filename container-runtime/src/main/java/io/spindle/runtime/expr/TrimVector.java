package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;

/** trim, ltrim and rtrim: remove leading and/or trailing space characters (U+0020 only, as Spark's). */
final class TrimVector
        implements VectorExpression
{
    private final VectorExpression child;
    private final boolean leading;
    private final boolean trailing;

    TrimVector(VectorExpression child, boolean leading, boolean trailing)
    {
        this.child = child;
        this.leading = leading;
        this.trailing = trailing;
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
            while (leading && start < end && data[start] == ' ') {
                start++;
            }
            while (trailing && end > start && data[end - 1] == ' ') {
                end--;
            }
            builder.append(data, start, end - start);
        }
        return builder.build();
    }
}
