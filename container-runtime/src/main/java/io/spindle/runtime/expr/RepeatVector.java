package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.StringVector;

import java.util.Arrays;

/** repeat(s, n): s written n times; "" for n of zero or less. */
final class RepeatVector
        implements VectorExpression
{
    private final VectorExpression string;
    private final VectorExpression count;

    RepeatVector(VectorExpression string, VectorExpression count)
    {
        this.string = string;
        this.count = count;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        StringVector input = (StringVector) string.evaluate(batch);
        IntVector counts = (IntVector) count.evaluate(batch);
        int[] n = counts.values();
        byte[] data = input.data();
        StringVector.Builder builder = new StringVector.Builder(rows, input.offsets()[rows] - input.offsets()[0]);
        byte[] scratch = new byte[64];
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i) || counts.isNull(i)) {
                builder.appendNull();
                continue;
            }
            int length = input.length(i);
            int times = Math.max(n[i], 0);
            long size = (long) length * times;
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("repeating a string of " + length + " bytes " + times + " times makes more than 2 GB");
            }
            if (scratch.length < size) {
                scratch = Arrays.copyOf(scratch, (int) Math.max(size, scratch.length * 2L));
            }
            for (int t = 0; t < times; t++) {
                System.arraycopy(data, input.start(i), scratch, t * length, length);
            }
            builder.append(scratch, 0, (int) size);
        }
        return builder.build();
    }
}
