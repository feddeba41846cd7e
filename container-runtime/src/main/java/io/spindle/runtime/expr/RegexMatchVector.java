package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * rlike (the regex found anywhere, as Spark's {@code RLIKE}) and the LIKE patterns that need a regex (the
 * whole string must match). Each string is decoded once for the matcher, which is reused across rows.
 */
final class RegexMatchVector
        implements VectorExpression
{
    private final VectorExpression child;
    private final Matcher matcher;
    private final boolean wholeString;

    RegexMatchVector(VectorExpression child, Pattern pattern, boolean wholeString)
    {
        this.child = child;
        this.matcher = pattern.matcher("");
        this.wholeString = wholeString;
    }

    /** Compiles a LIKE pattern to the cheapest vector that tests it: a byte comparison when it has no inner wildcard. */
    static VectorExpression like(VectorExpression child, String pattern)
    {
        boolean escapes = pattern.indexOf('\\') >= 0 || pattern.indexOf('_') >= 0;
        String inner = pattern;
        boolean leading = inner.startsWith("%");
        if (leading) {
            inner = inner.substring(1);
        }
        boolean trailing = inner.endsWith("%");
        if (trailing) {
            inner = inner.substring(0, inner.length() - 1);
        }
        if (!escapes && inner.indexOf('%') < 0) {
            StringMatchVector.Mode mode = leading && trailing ? StringMatchVector.Mode.CONTAINS
                    : leading ? StringMatchVector.Mode.SUFFIX
                    : trailing ? StringMatchVector.Mode.PREFIX
                    : StringMatchVector.Mode.EQUALS;
            return new StringMatchVector(child, mode, inner);
        }
        if (!escapes) {
            // pieces between %s, such as TPC-H Q13's '%special%requests%', found one after the other
            return new LikePiecesVector(child, pattern);
        }
        return new RegexMatchVector(child, Pattern.compile(likeToRegex(pattern), Pattern.DOTALL), true);
    }

    /** Spark's LIKE: {@code %} any run, {@code _} one character, {@code \} escapes the next character. */
    static String likeToRegex(String pattern)
    {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 == pattern.length()) {
                    throw new IllegalArgumentException("LIKE pattern '" + pattern + "' ends with the escape character \\");
                }
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            }
            else if (c == '%') {
                regex.append(".*");
            }
            else if (c == '_') {
                regex.append('.');
            }
            else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        StringVector input = (StringVector) child.evaluate(batch);
        int rows = batch.rowCount();
        boolean[] out = new boolean[rows];
        byte[] data = input.data();
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i)) {
                continue;
            }
            matcher.reset(new String(data, input.start(i), input.length(i), StandardCharsets.UTF_8));
            out[i] = wholeString ? matcher.matches() : matcher.find();
        }
        BooleanVector vector = new BooleanVector(DataType.BOOLEAN, out, rows);
        vector.setNulls(Nulls.copy(input, rows));
        return vector;
    }
}
