package io.spindle.runtime.expr;

import io.spindle.runtime.batch.StringVector;

/** reverse: the characters (code points, each kept whole in its UTF-8 bytes) in reverse order. */
final class ReverseVector
        extends StringRowVector
{
    ReverseVector(VectorExpression child)
    {
        super(child);
    }

    @Override
    void append(StringVector input, int row, byte[] data, int start, int length, byte[] scratch, StringVector.Builder builder)
    {
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
}
