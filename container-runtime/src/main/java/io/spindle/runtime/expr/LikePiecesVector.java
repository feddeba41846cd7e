package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * LIKE with a pattern of literal pieces between {@code %}s and no {@code _} or escapes, matched on the UTF-8 bytes
 * without a regular expression: the first piece must start the string unless the pattern starts with {@code %},
 * the last must end it unless the pattern ends with one, and each piece must follow the one before (taking the
 * earliest place for each is enough). Null strings give null.
 */
final class LikePiecesVector
        implements VectorExpression
{
    private final VectorExpression child;
    private final byte[][] pieces;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;

    LikePiecesVector(VectorExpression child, String pattern)
    {
        this.child = child;
        this.anchoredStart = !pattern.startsWith("%");
        this.anchoredEnd = !pattern.endsWith("%");
        List<byte[]> parts = new ArrayList<>();
        for (String part : pattern.split("%", -1)) {
            parts.add(part.getBytes(StandardCharsets.UTF_8));
        }
        this.pieces = parts.toArray(byte[][]::new);
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        StringVector input = (StringVector) child.evaluate(batch);
        int rows = batch.rowCount();
        boolean[] out = new boolean[rows];
        byte[] data = input.data();
        for (int i = 0; i < rows; i++) {
            int start = input.start(i);
            out[i] = matches(data, start, start + input.length(i));
        }
        BooleanVector vector = new BooleanVector(DataType.BOOLEAN, out, rows);
        vector.setNulls(Nulls.copy(input, rows));
        return vector;
    }

    private boolean matches(byte[] data, int start, int end)
    {
        // split("%", -1) gives a first and a last part, empty when the pattern starts or ends with %
        int first = 0;
        int last = pieces.length - 1;
        int position = start;
        int limit = end;
        if (anchoredStart) {
            byte[] prefix = pieces[first++];
            if (limit - position < prefix.length || !Utf8.regionMatches(data, position, prefix)) {
                return false;
            }
            position += prefix.length;
        }
        if (anchoredEnd) {
            byte[] suffix = pieces[last--];
            if (limit - position < suffix.length || !Utf8.regionMatches(data, limit - suffix.length, suffix)) {
                return false;
            }
            limit -= suffix.length;
        }
        for (int k = first; k <= last; k++) {
            byte[] piece = pieces[k];
            if (piece.length == 0) {
                continue;
            }
            int found = Utf8.indexOf(data, position, limit, piece);
            if (found < 0) {
                return false;
            }
            position = found + piece.length;
        }
        return true;
    }
}
