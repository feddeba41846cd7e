package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;

import java.util.Arrays;

/**
 * replace(s, search, replacement): every occurrence of {@code search}, left to right, replaced; an empty
 * search leaves s as it is. UTF-8 bytes are matched as they are: a character's bytes never match inside another's.
 */
final class ReplaceVector
        implements VectorExpression
{
    private final VectorExpression string;
    private final VectorExpression search;
    private final VectorExpression replacement;

    ReplaceVector(VectorExpression string, VectorExpression search, VectorExpression replacement)
    {
        this.string = string;
        this.search = search;
        this.replacement = replacement;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        StringVector input = (StringVector) string.evaluate(batch);
        StringVector searches = (StringVector) search.evaluate(batch);
        StringVector replacements = (StringVector) replacement.evaluate(batch);
        byte[] data = input.data();
        byte[] searchData = searches.data();
        byte[] replacementData = replacements.data();
        StringVector.Builder builder = new StringVector.Builder(rows, input.offsets()[rows] - input.offsets()[0]);
        byte[] scratch = new byte[64];
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i) || searches.isNull(i) || replacements.isNull(i)) {
                builder.appendNull();
                continue;
            }
            int start = input.start(i);
            int end = start + input.length(i);
            int searchStart = searches.start(i);
            int searchLength = searches.length(i);
            if (searchLength == 0) {
                builder.append(data, start, end - start);
                continue;
            }
            int replacementStart = replacements.start(i);
            int replacementLength = replacements.length(i);
            int at = 0;
            int copied = start;
            int j = start;
            while (j <= end - searchLength) {
                if (!Arrays.equals(data, j, j + searchLength, searchData, searchStart, searchStart + searchLength)) {
                    j++;
                    continue;
                }
                scratch = ensure(scratch, at + (j - copied) + replacementLength);
                System.arraycopy(data, copied, scratch, at, j - copied);
                at += j - copied;
                System.arraycopy(replacementData, replacementStart, scratch, at, replacementLength);
                at += replacementLength;
                j += searchLength;
                copied = j;
            }
            scratch = ensure(scratch, at + (end - copied));
            System.arraycopy(data, copied, scratch, at, end - copied);
            at += end - copied;
            builder.append(scratch, 0, at);
        }
        return builder.build();
    }

    private static byte[] ensure(byte[] buffer, int size)
    {
        return buffer.length >= size ? buffer : Arrays.copyOf(buffer, Math.max(size, buffer.length * 2));
    }
}
