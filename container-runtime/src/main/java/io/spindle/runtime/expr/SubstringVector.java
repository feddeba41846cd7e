package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;

/**
 * substring(s, pos, len) with Spark's rules: positions count characters from 1; 0 is taken as 1; a negative
 * position counts from the end; a length that runs past either end is cut; a negative length gives "".
 */
final class SubstringVector
        implements VectorExpression
{
    private final VectorExpression child;
    private final int pos;
    private final int len;

    SubstringVector(VectorExpression child, int pos, int len)
    {
        this.child = child;
        this.pos = pos;
        this.len = len;
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
            int rowStart = input.start(i);
            int rowEnd = rowStart + input.length(i);
            long first;
            if (pos > 0) {
                first = pos - 1;
            }
            else if (pos < 0) {
                first = (long) Utf8.charCount(data, rowStart, rowEnd) + pos;
            }
            else {
                first = 0;
            }
            long last = first + len;
            first = Math.max(first, 0);
            if (first >= last) {
                builder.append(data, rowStart, 0);
                continue;
            }
            int from = Utf8.advance(data, rowStart, rowEnd, (int) Math.min(first, Integer.MAX_VALUE));
            int to = Utf8.advance(data, from, rowEnd, (int) Math.min(last - first, Integer.MAX_VALUE));
            builder.append(data, from, to - from);
        }
        return builder.build();
    }
}
