package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.StringVector;

import java.util.Arrays;

/**
 * lpad and rpad with Spark's rules: the string padded with repeats of {@code pad} (the last one cut) to
 * {@code length} characters; a longer string, or any string with an empty pad, is cut to {@code length}
 * characters; a negative length gives "".
 */
final class PadVector
        implements VectorExpression
{
    private final VectorExpression string;
    private final VectorExpression length;
    private final VectorExpression pad;
    private final boolean left;

    PadVector(VectorExpression string, VectorExpression length, VectorExpression pad, boolean left)
    {
        this.string = string;
        this.length = length;
        this.pad = pad;
        this.left = left;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        StringVector input = (StringVector) string.evaluate(batch);
        IntVector lengths = (IntVector) length.evaluate(batch);
        StringVector pads = (StringVector) pad.evaluate(batch);
        int[] targets = lengths.values();
        byte[] data = input.data();
        byte[] padData = pads.data();
        StringVector.Builder builder = new StringVector.Builder(rows, input.offsets()[rows] - input.offsets()[0]);
        byte[] scratch = new byte[64];
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i) || lengths.isNull(i) || pads.isNull(i)) {
                builder.appendNull();
                continue;
            }
            int start = input.start(i);
            int end = start + input.length(i);
            int target = Math.max(targets[i], 0);
            int padStart = pads.start(i);
            int padEnd = padStart + pads.length(i);
            int missing = target - Utf8.charCount(data, start, end);
            if (missing <= 0 || padStart == padEnd) {
                builder.append(data, start, Utf8.advance(data, start, end, target) - start);
                continue;
            }
            int padChars = Utf8.charCount(padData, padStart, padEnd);
            int wholePads = missing / padChars;
            int partEnd = Utf8.advance(padData, padStart, padEnd, missing - wholePads * padChars);
            long size = (long) (end - start) + (long) wholePads * (padEnd - padStart) + (partEnd - padStart);
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("padding to " + target + " characters makes a string of more than 2 GB");
            }
            if (scratch.length < size) {
                scratch = Arrays.copyOf(scratch, (int) Math.max(size, scratch.length * 2L));
            }
            int at = 0;
            if (!left) {
                System.arraycopy(data, start, scratch, at, end - start);
                at += end - start;
            }
            for (int p = 0; p < wholePads; p++) {
                System.arraycopy(padData, padStart, scratch, at, padEnd - padStart);
                at += padEnd - padStart;
            }
            System.arraycopy(padData, padStart, scratch, at, partEnd - padStart);
            at += partEnd - padStart;
            if (left) {
                System.arraycopy(data, start, scratch, at, end - start);
                at += end - start;
            }
            builder.append(scratch, 0, at);
        }
        return builder.build();
    }
}
