package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;

import java.util.Arrays;

/** reverse: the characters (code points, each kept whole in its UTF-8 bytes) in reverse order. */
final class ReverseVector
        implements VectorExpression
{
    private final VectorExpression child;

    ReverseVector(VectorExpression child)
    {
        this.child = child;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        StringVector input = (StringVector) child.evaluate(batch);
        byte[] data = input.data();
        StringVector.Builder builder = new StringVector.Builder(rows, input.offsets()[rows] - input.offsets()[0]);
        byte[] scratch = new byte[64];
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i)) {
                builder.appendNull();
                continue;
            }
            int start = input.start(i);
            int length = input.length(i);
            if (scratch.length < length) {
                scratch = Arrays.copyOf(scratch, Math.max(length, scratch.length * 2));
            }
            // each character's bytes go, in their order, to the mirrored place
            int charEnd = start + length;
            int at = 0;
            for (int j = charEnd - 1; j >= start; j--) {
                if (!Utf8.isContinuation(data[j])) {
                    System.arraycopy(data, j, scratch, at, charEnd - j);
                    at += charEnd - j;
                    charEnd = j;
                }
            }
            builder.append(scratch, 0, length);
        }
        return builder.build();
    }
}
