package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;

import java.util.Arrays;
import java.util.Locale;

/**
 * initcap as Spark's: the string in lower case, then each character that follows a space (or starts the
 * string) in title case. ASCII rows are done byte by byte, others through Java's Unicode case mapping.
 */
final class InitcapVector
        implements VectorExpression
{
    private final VectorExpression child;

    InitcapVector(VectorExpression child)
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
            if (!Utf8.isAscii(data, start, start + length)) {
                builder.append(initcap(input.getString(i)));
                continue;
            }
            if (scratch.length < length) {
                scratch = Arrays.copyOf(scratch, Math.max(length, scratch.length * 2));
            }
            byte previous = ' ';
            for (int j = 0; j < length; j++) {
                byte b = data[start + j];
                if (previous == ' ' && b >= 'a' && b <= 'z') {
                    b -= 32;
                }
                else if (previous != ' ' && b >= 'A' && b <= 'Z') {
                    b += 32;
                }
                scratch[j] = b;
                previous = data[start + j];
            }
            builder.append(scratch, 0, length);
        }
        return builder.build();
    }

    private static String initcap(String value)
    {
        String lower = value.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        int previous = ' ';
        for (int j = 0; j < lower.length(); ) {
            int codePoint = lower.codePointAt(j);
            out.appendCodePoint(previous == ' ' ? Character.toTitleCase(codePoint) : codePoint);
            previous = codePoint;
            j += Character.charCount(codePoint);
        }
        return out.toString();
    }
}
