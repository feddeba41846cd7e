package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LikePiecesVectorTest
{
    private static final String ALPHABET = "abé日%";

    private static ColumnBatch strings(List<String> values)
    {
        StringVector.Builder builder = new StringVector.Builder(values.size(), 64);
        for (String value : values) {
            if (value == null) {
                builder.appendNull();
            }
            else {
                builder.append(value);
            }
        }
        return new ColumnBatch(List.of(builder.build()), values.size());
    }

    private static final VectorExpression FIRST_COLUMN = batch -> batch.column(0);

    @Test
    void patternsWithInnerWildcardsAvoidRegularExpressions()
    {
        assertInstanceOf(LikePiecesVector.class, RegexMatchVector.like(FIRST_COLUMN, "%special%requests%"));
        assertInstanceOf(LikePiecesVector.class, RegexMatchVector.like(FIRST_COLUMN, "a%b"));
        assertInstanceOf(RegexMatchVector.class, RegexMatchVector.like(FIRST_COLUMN, "a_%b"));

        ColumnVector result = RegexMatchVector.like(FIRST_COLUMN, "%special%requests%").evaluate(strings(java.util.Arrays.asList(
                "no special requests", "special requests", "requests special", "specialrequests!", null, "")));
        assertEquals(java.util.Arrays.asList(true, true, false, true, null, false), values(result));
        assertEquals(java.util.Arrays.asList(true, false, false, true),
                values(RegexMatchVector.like(FIRST_COLUMN, "ab%ba").evaluate(strings(List.of("abba", "aba", "ab", "ab日ba")))));
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomStringsAndPatterns()
    {
        Random random = new Random(20261122);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            inputs.add(randomString(random, 0, 8, "abé日"));
        }
        ColumnBatch batch = strings(inputs);
        for (int p = 0; p < 300; p++) {
            String pattern = randomString(random, 1, 7, ALPHABET);
            if (!pattern.contains("%")) {
                pattern = pattern + "%" + randomString(random, 0, 2, "ab");
            }
            Pattern regex = Pattern.compile(RegexMatchVector.likeToRegex(pattern), Pattern.DOTALL);
            List<Object> actual = values(new LikePiecesVector(FIRST_COLUMN, pattern).evaluate(batch));
            for (int i = 0; i < inputs.size(); i++) {
                assertEquals(regex.matcher(inputs.get(i)).matches(), actual.get(i), "'" + inputs.get(i) + "' LIKE '" + pattern + "'");
            }
        }
        assertTrue(inputs.stream().anyMatch(String::isEmpty));
    }

    private static String randomString(Random random, int min, int max, String alphabet)
    {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static List<Object> values(ColumnVector vector)
    {
        BooleanVector booleans = (BooleanVector) vector;
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < booleans.size(); i++) {
            out.add(booleans.getObject(i));
        }
        return out;
    }
}
