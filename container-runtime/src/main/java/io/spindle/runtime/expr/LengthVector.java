package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.StringVector;

/** length: the number of characters (code points) of each string, counted on its UTF-8 bytes. */
final class LengthVector
        implements VectorExpression
{
    private final VectorExpression child;

    LengthVector(VectorExpression child)
    {
        this.child = child;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        StringVector input = (StringVector) child.evaluate(batch);
        int rows = batch.rowCount();
        int[] out = new int[rows];
        byte[] data = input.data();
        for (int i = 0; i < rows; i++) {
            int start = input.start(i);
            out[i] = Utf8.charCount(data, start, start + input.length(i));
        }
        IntVector vector = new IntVector(DataType.INT, out, rows);
        vector.setNulls(Nulls.copy(input, rows));
        return vector;
    }
}
