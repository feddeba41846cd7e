package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;

import java.nio.charset.StandardCharsets;

/**
 * Tests each string against a constant on its UTF-8 bytes: startsWith, endsWith, contains, equality; also the
 * LIKE patterns that reduce to one of these. Null strings give null.
 */
final class StringMatchVector
        implements VectorExpression
{
    enum Mode
    {
        PREFIX, SUFFIX, CONTAINS, EQUALS
    }

    private final VectorExpression child;
    private final Mode mode;
    private final byte[] needle;

    StringMatchVector(VectorExpression child, Mode mode, String needle)
    {
        this.child = child;
        this.mode = mode;
        this.needle = needle.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        StringVector input = (StringVector) child.evaluate(batch);
        int rows = batch.rowCount();
        boolean[] out = new boolean[rows];
        byte[] data = input.data();
        int n = needle.length;
        for (int i = 0; i < rows; i++) {
            int start = input.start(i);
            int length = input.length(i);
            out[i] = switch (mode) {
                case PREFIX -> length >= n && Utf8.regionMatches(data, start, needle);
                case SUFFIX -> length >= n && Utf8.regionMatches(data, start + length - n, needle);
                case CONTAINS -> Utf8.contains(data, start, start + length, needle);
                case EQUALS -> length == n && Utf8.regionMatches(data, start, needle);
            };
        }
        BooleanVector vector = new BooleanVector(DataType.BOOLEAN, out, rows);
        vector.setNulls(Nulls.copy(input, rows));
        return vector;
    }
}
