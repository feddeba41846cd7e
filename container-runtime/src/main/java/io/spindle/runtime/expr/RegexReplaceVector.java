package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * regexp_replace(s, regex, replacement) and regexp_extract(s, regex, group) with Java regular expressions, as
 * Spark's. A row is decoded to a String for the matcher: java.util.regex reads chars, not UTF-8 bytes.
 * regexp_extract gives "" where nothing matches or the group took no part in the match.
 */
final class RegexReplaceVector
        implements VectorExpression
{
    private final VectorExpression child;
    private final Matcher matcher;
    private final String replacement;
    private final int group;

    private RegexReplaceVector(VectorExpression child, Pattern pattern, String replacement, int group)
    {
        this.child = child;
        this.matcher = pattern.matcher("");
        this.replacement = replacement;
        this.group = group;
    }

    static RegexReplaceVector replace(VectorExpression child, Pattern pattern, String replacement)
    {
        return new RegexReplaceVector(child, pattern, replacement, -1);
    }

    static RegexReplaceVector extract(VectorExpression child, Pattern pattern, int group)
    {
        return new RegexReplaceVector(child, pattern, null, group);
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        StringVector input = (StringVector) child.evaluate(batch);
        StringVector.Builder builder = new StringVector.Builder(rows, input.offsets()[rows] - input.offsets()[0]);
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i)) {
                builder.appendNull();
                continue;
            }
            matcher.reset(input.getString(i));
            if (replacement != null) {
                builder.append(matcher.replaceAll(replacement));
            }
            else if (matcher.find()) {
                String value = matcher.group(group);
                builder.append(value == null ? "" : value);
            }
            else {
                builder.append("");
            }
        }
        return builder.build();
    }
}
