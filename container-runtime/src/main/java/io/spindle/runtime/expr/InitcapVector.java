package io.spindle.runtime.expr;

import io.spindle.runtime.batch.StringVector;

import java.util.Locale;

/**
 * initcap as Spark's: the string in lower case, then each character that follows a space (or starts the
 * string) in title case. ASCII rows are done byte by byte, others through Java's Unicode case mapping.
 */
final class InitcapVector
        extends StringRowVector
{
    InitcapVector(VectorExpression child)
    {
        super(child);
    }

    @Override
    void append(StringVector input, int row, byte[] data, int start, int length, byte[] scratch, StringVector.Builder builder)
    {
        if (!Utf8.isAscii(data, start, start + length)) {
            builder.append(initcap(input.getString(row)));
            return;
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
