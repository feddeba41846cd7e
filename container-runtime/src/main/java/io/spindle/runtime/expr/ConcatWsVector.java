package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;

import java.util.Arrays;
import java.util.List;

/** concat_ws(sep, s1, s2, ...): the strings that are not null, with sep between them; null only where sep is. */
final class ConcatWsVector
        implements VectorExpression
{
    private final VectorExpression separator;
    private final List<VectorExpression> arguments;

    ConcatWsVector(VectorExpression separator, List<VectorExpression> arguments)
    {
        this.separator = separator;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        StringVector separators = (StringVector) separator.evaluate(batch);
        StringVector[] inputs = new StringVector[arguments.size()];
        int bytes = 0;
        for (int a = 0; a < inputs.length; a++) {
            inputs[a] = (StringVector) arguments.get(a).evaluate(batch);
            bytes += inputs[a].offsets()[rows] - inputs[a].offsets()[0];
        }
        StringVector.Builder builder = new StringVector.Builder(rows, bytes);
        byte[] scratch = new byte[64];
        for (int i = 0; i < rows; i++) {
            if (separators.isNull(i)) {
                builder.appendNull();
                continue;
            }
            int separatorLength = separators.length(i);
            int length = 0;
            boolean first = true;
            for (StringVector input : inputs) {
                if (input.isNull(i)) {
                    continue;
                }
                int n = input.length(i);
                int needed = length + n + (first ? 0 : separatorLength);
                if (needed > scratch.length) {
                    scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, needed));
                }
                if (!first) {
                    System.arraycopy(separators.data(), separators.start(i), scratch, length, separatorLength);
                    length += separatorLength;
                }
                System.arraycopy(input.data(), input.start(i), scratch, length, n);
                length += n;
                first = false;
            }
            builder.append(scratch, 0, length);
        }
        return builder.build();
    }
}
