package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.StringVector;

import java.util.Arrays;

/**
 * instr(s, sub) and locate(sub, s, pos): the 1-based character position of the first {@code sub} in s that
 * starts at character {@code pos} or later, 0 where there is none. As in Spark, an empty {@code sub} is found
 * at 1, and a position below 1 finds nothing.
 */
final class StringPositionVector
        implements VectorExpression
{
    private final VectorExpression string;
    private final VectorExpression substring;
    private final int position;

    StringPositionVector(VectorExpression string, VectorExpression substring, int position)
    {
        this.string = string;
        this.substring = substring;
        this.position = position;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        StringVector input = (StringVector) string.evaluate(batch);
        StringVector needles = (StringVector) substring.evaluate(batch);
        byte[] data = input.data();
        byte[] needleData = needles.data();
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i) || needles.isNull(i) || position < 1) {
                continue;
            }
            int needleStart = needles.start(i);
            int needleLength = needles.length(i);
            if (needleLength == 0) {
                out[i] = 1;
                continue;
            }
            int start = input.start(i);
            int end = start + input.length(i);
            int j = Utf8.advance(data, start, end, position - 1);
            int character = position - 1;
            while (j + needleLength <= end) {
                if (Arrays.equals(data, j, j + needleLength, needleData, needleStart, needleStart + needleLength)) {
                    out[i] = character + 1;
                    break;
                }
                j++;
                while (j < end && Utf8.isContinuation(data[j])) {
                    j++;
                }
                character++;
            }
        }
        IntVector vector = new IntVector(DataType.INT, out, rows);
        vector.setNulls(Nulls.union(input, needles, rows));
        return vector;
    }
}
