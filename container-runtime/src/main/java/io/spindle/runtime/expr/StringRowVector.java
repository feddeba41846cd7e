package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;

import java.util.Arrays;

/**
 * A function of one string computed row by row: nulls stay null, and each other row gets a scratch buffer at
 * least as long as its bytes, in which a result of the same length can be built.
 */
abstract class StringRowVector
        implements VectorExpression
{
    private final VectorExpression child;

    StringRowVector(VectorExpression child)
    {
        this.child = child;
    }

    @Override
    public final ColumnVector evaluate(ColumnBatch batch)
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
            int length = input.length(i);
            if (scratch.length < length) {
                scratch = Arrays.copyOf(scratch, Math.max(length, scratch.length * 2));
            }
            append(input, i, data, input.start(i), length, scratch, builder);
        }
        return builder.build();
    }

    /** Appends the result for {@code row}, whose bytes are {@code data[start, start + length)}, to {@code builder}. */
    abstract void append(StringVector input, int row, byte[] data, int start, int length, byte[] scratch, StringVector.Builder builder);
}
