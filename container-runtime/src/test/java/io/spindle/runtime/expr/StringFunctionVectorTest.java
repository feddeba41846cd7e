package io.spindle.runtime.expr;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.ScalarFunction;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Batches.vector;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.evaluateValues;
import static io.spindle.runtime.testing.Expressions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StringFunctionVectorTest
{
    private static final Schema SCHEMA = schema("s", DataType.STRING, "t", DataType.STRING, "n", DataType.INT);
    private static final List<String> S = Arrays.asList("Hello", "", null, "größe ß", "日本語テキスト", "  pad me  ", "a😀b");
    private static final List<String> T = Arrays.asList("X", "y", "z", null, "!", "-", "c");
    private static final List<Integer> N = Arrays.asList(1, 2, 3, 4, null, 6, 7);

    private static List<Object> eval(ScalarFunction.Name name, Expression... args)
    {
        ColumnBatch batch = batch(vector(DataType.STRING, S), vector(DataType.STRING, T), vector(DataType.INT, N));
        return evaluateValues(new ScalarFunction(name, List.of(args)), SCHEMA, batch);
    }

    @Test
    void upperAndLowerMapEveryCharacter()
    {
        assertEquals(Arrays.asList("HELLO", "", null, "GRÖSSE SS", "日本語テキスト", "  PAD ME  ", "A😀B"), eval(ScalarFunction.Name.UPPER, col("s")));
        assertEquals(Arrays.asList("hello", "", null, "größe ß", "日本語テキスト", "  pad me  ", "a😀b"), eval(ScalarFunction.Name.LOWER, col("s")));
    }

    @Test
    void lengthCountsCharactersNotBytes()
    {
        assertEquals(Arrays.asList(5, 0, null, 7, 7, 10, 3), eval(ScalarFunction.Name.LENGTH, col("s")));
    }

    @Test
    void trimRemovesOnlySpaces()
    {
        assertEquals(Arrays.asList("Hello", "", null, "größe ß", "日本語テキスト", "pad me", "a😀b"), eval(ScalarFunction.Name.TRIM, col("s")));
        assertEquals(List.of("\ta"), evaluateValues(new ScalarFunction(ScalarFunction.Name.TRIM, List.of(lit(" \ta "))), SCHEMA,
                batch(vector(DataType.STRING, "x"), vector(DataType.STRING, "y"), vector(DataType.INT, 1))));
    }

    @Test
    void substringCountsCharactersFromOne()
    {
        assertEquals(Arrays.asList("ell", "", null, "röß", "本語テ", " pa", "😀b"), substring(2, 3));
        assertEquals(Arrays.asList("He", "", null, "gr", "日本", "  ", "a😀"), substring(0, 2));
        assertEquals(Arrays.asList("lo", "", null, " ß", "スト", "  ", "😀b"), substring(-2, 5));
        assertEquals(Arrays.asList("H", "", null, "grö", "日本語", "ad ", ""), substring(-7, 3));
        assertEquals(Arrays.asList("Hello", "", null, "größe ß", "日本語テキスト", "  pad me  ", "a😀b"), substring(-100, 113));
        assertEquals(Arrays.asList("", "", null, "", "", "", ""), substring(2, -1));
        assertEquals(Arrays.asList("", "", null, "", "", "", ""), substring(50, 2));
    }

    private static List<Object> substring(int pos, int len)
    {
        return eval(ScalarFunction.Name.SUBSTRING, col("s"), Literal.of(pos), Literal.of(len));
    }

    @Test
    void concatIsNullWhenAnyArgumentIsNull()
    {
        assertEquals(Arrays.asList("HelloX1", "y2", null, null, null, "  pad me  -6", "a😀bc7"),
                eval(ScalarFunction.Name.CONCAT, col("s"), col("t"), col("n")));
    }

    @Test
    void prefixSuffixAndContainsCompareBytes()
    {
        assertEquals(Arrays.asList(true, false, null, false, false, false, false), eval(ScalarFunction.Name.STARTS_WITH, col("s"), lit("He")));
        assertEquals(Arrays.asList(true, true, null, true, true, true, true), eval(ScalarFunction.Name.STARTS_WITH, col("s"), lit("")));
        assertEquals(Arrays.asList(false, false, null, true, false, false, false), eval(ScalarFunction.Name.ENDS_WITH, col("s"), lit("ß")));
        assertEquals(Arrays.asList(false, false, null, false, true, false, false), eval(ScalarFunction.Name.CONTAINS, col("s"), lit("語テ")));
        assertEquals(Arrays.asList(false, false, null, false, false, false, true), eval(ScalarFunction.Name.CONTAINS, col("s"), lit("😀")));
    }

    @Test
    void likeMatchesTheWholeString()
    {
        assertEquals(Arrays.asList(true, false, null, false, false, false, false), like("H%"));
        assertEquals(Arrays.asList(true, false, null, false, false, false, false), like("%llo"));
        assertEquals(Arrays.asList(false, false, null, true, false, false, false), like("%öß%"));
        assertEquals(Arrays.asList(true, true, null, true, true, true, true), like("%"));
        assertEquals(Arrays.asList(false, true, null, false, false, false, false), like(""));
        assertEquals(Arrays.asList(true, false, null, false, false, false, false), like("Hello"));
        assertEquals(Arrays.asList(false, false, null, false, false, false, true), like("a_b"));
        assertEquals(Arrays.asList(true, false, null, false, false, false, false), like("_%l_%"));
        assertEquals(Arrays.asList(false, false, null, false, true, false, false), like("日_語%"));
        assertEquals(Arrays.asList(false, false, null, false, false, false, false), like("H.llo"));
    }

    @Test
    void likeEscapesWildcardsWithBackslash()
    {
        Schema schema = schema("s", DataType.STRING);
        ColumnBatch batch = batch(vector(DataType.STRING, "100%", "100x", "a_b", "axb"));
        assertEquals(List.of(true, false, false, false),
                evaluateValues(new ScalarFunction(ScalarFunction.Name.LIKE, List.of(col("s"), lit("100\\%"))), schema, batch));
        assertEquals(List.of(false, false, true, false),
                evaluateValues(new ScalarFunction(ScalarFunction.Name.LIKE, List.of(col("s"), lit("a\\_b"))), schema, batch));
    }

    private static List<Object> like(String pattern)
    {
        return eval(ScalarFunction.Name.LIKE, col("s"), lit(pattern));
    }

    @Test
    void rlikeFindsTheRegexAnywhere()
    {
        assertEquals(Arrays.asList(true, false, null, false, false, false, false), eval(ScalarFunction.Name.RLIKE, col("s"), lit("l+o")));
        assertEquals(Arrays.asList(false, false, null, true, false, true, false), eval(ScalarFunction.Name.RLIKE, col("s"), lit("\\s")));
        assertEquals(Arrays.asList(true, true, null, true, true, true, true), eval(ScalarFunction.Name.RLIKE, col("s"), lit("^.*$")));
    }

    @Test
    void likeToRegexQuotesRegexCharacters()
    {
        assertEquals("\\Q.\\E.*.\\Q*\\E", RegexMatchVector.likeToRegex(".%_*"));
    }

    @Test
    void padCountsCharactersAndCutsLongerStrings()
    {
        assertEquals(Arrays.asList("XXXHello", "yyyyyyyy", null, null, "!日本語テキスト", "  pad me", "ccccca😀b"), eval(ScalarFunction.Name.LPAD, col("s"), lit(8), col("t")));
        assertEquals(Arrays.asList("Hello😀é😀", "😀é😀é😀é😀é", null, "größe ß😀", "日本語テキスト😀", "  pad me", "a😀b😀é😀é😀"),
                eval(ScalarFunction.Name.RPAD, col("s"), lit(8), lit("😀é")));
        assertEquals(Arrays.asList("He", "", null, "gr", "日本", "  ", "a😀"), eval(ScalarFunction.Name.LPAD, col("s"), lit(2), lit("")));
        assertEquals(Arrays.asList("", "", null, "", "", "", ""), eval(ScalarFunction.Name.RPAD, col("s"), lit(-3), lit("x")));
    }

    @Test
    void reverseKeepsEachCharacterWhole()
    {
        assertEquals(Arrays.asList("olleH", "", null, "ß eßörg", "トスキテ語本日", "  em dap  ", "b😀a"), eval(ScalarFunction.Name.REVERSE, col("s")));
        assertEquals(Arrays.asList("HelloHello", "", null, "größe ßgröße ß", "日本語テキスト日本語テキスト", "  pad me    pad me  ", "a😀ba😀b"),
                eval(ScalarFunction.Name.REPEAT, col("s"), lit(2)));
        assertEquals(Arrays.asList("", "", null, "", "", "", ""), eval(ScalarFunction.Name.REPEAT, col("s"), lit(-1)));
    }

    @Test
    void searchAndReplaceWorkOnCharacters()
    {
        assertEquals(Arrays.asList(2, 0, null, 5, 0, 8, 0), eval(ScalarFunction.Name.INSTR, col("s"), lit("e")));
        assertEquals(Arrays.asList(0, 0, null, 0, 0, 0, 3), eval(ScalarFunction.Name.INSTR, col("s"), lit("b")));
        assertEquals(Arrays.asList(1, 1, null, 1, 1, 1, 1), eval(ScalarFunction.Name.INSTR, col("s"), lit("")));
        assertEquals(Arrays.asList(0, 0, null, 5, 0, 8, 0), eval(ScalarFunction.Name.LOCATE, lit("e"), col("s"), lit(3)));
        assertEquals(Arrays.asList(0, 0, null, 0, 0, 0, 0), eval(ScalarFunction.Name.LOCATE, lit("e"), col("s"), lit(0)));
        assertEquals(Arrays.asList("Hello", "", null, "grö[ss]e [ss]", "日本語テキスト", "  pad me  ", "a😀b"),
                eval(ScalarFunction.Name.REPLACE, col("s"), lit("ß"), lit("[ss]")));
        assertEquals(Arrays.asList("Hello X", " y", "z", "größe ß", "日本語テキスト !", "  pad me   -", "a😀b c"),
                eval(ScalarFunction.Name.CONCAT_WS, lit(" "), col("s"), col("t")));
        assertEquals(Arrays.asList("Hello", "", null, "Größe ß", "日本語テキスト", "  Pad Me  ", "A😀b"), eval(ScalarFunction.Name.INITCAP, col("s")));
    }
}
