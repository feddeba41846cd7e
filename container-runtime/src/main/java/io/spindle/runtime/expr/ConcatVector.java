package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;

import java.util.Arrays;
import java.util.List;

/** concat(s1, s2, ...): the bytes one after another; null where any argument is null, as in Spark. */
final class ConcatVector
        implements VectorExpression
{
    private final List<VectorExpression> arguments;

    ConcatVector(List<VectorExpression> arguments)
    {
        this.arguments = List.copyOf(arguments);
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        StringVector[] inputs = new StringVector[arguments.size()];
        int bytes = 0;
        for (int a = 0; a < inputs.length; a++) {
            inputs[a] = (StringVector) arguments.get(a).evaluate(batch);
            bytes += inputs[a].offsets()[rows] - inputs[a].offsets()[0];
        }
        StringVector.Builder builder = new StringVector.Builder(rows, bytes);
        byte[] scratch = new byte[64];
        for (int i = 0; i < rows; i++) {
            boolean isNull = false;
            for (StringVector input : inputs) {
                isNull |= input.isNull(i);
            }
            if (isNull) {
                builder.appendNull();
                continue;
            }
            int length = 0;
            for (StringVector input : inputs) {
                int n = input.length(i);
                if (length + n > scratch.length) {
                    scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, length + n));
                }
                System.arraycopy(input.data(), input.start(i), scratch, length, n);
                length += n;
            }
            builder.append(scratch, 0, length);
        }
        return builder.build();
    }
}
