package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * upper and lower. ASCII rows are converted byte by byte; a row with other characters goes through Java's
 * full Unicode case mapping (which may change its length, as {@code ß} to {@code SS}), as Spark does.
 */
final class CaseConversionVector
        implements VectorExpression
{
    private final VectorExpression child;
    private final boolean upper;

    CaseConversionVector(VectorExpression child, boolean upper)
    {
        this.child = child;
        this.upper = upper;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        StringVector input = (StringVector) child.evaluate(batch);
        int rows = batch.rowCount();
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
            if (Utf8.isAscii(data, start, start + length)) {
                if (scratch.length < length) {
                    scratch = new byte[Math.max(length, scratch.length * 2)];
                }
                for (int j = 0; j < length; j++) {
                    byte b = data[start + j];
                    if (upper && b >= 'a' && b <= 'z') {
                        b -= 32;
                    }
                    else if (!upper && b >= 'A' && b <= 'Z') {
                        b += 32;
                    }
                    scratch[j] = b;
                }
                builder.append(scratch, 0, length);
            }
            else {
                String value = new String(data, start, length, StandardCharsets.UTF_8);
                builder.append(upper ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT));
            }
        }
        return builder.build();
    }
}
