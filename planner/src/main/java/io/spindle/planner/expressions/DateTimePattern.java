package io.spindle.planner.expressions;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A datetime pattern of Spark's {@code date_format} and {@code to_date}, split into fields and literal text
 * once at planning, so that the analyzer rejects what the executors could not format. Only the letters
 * people use with dates and times are supported: y, M, d, D, E, H, h, m, s, S and a; text in single quotes,
 * and any character that is not a letter, is copied as it is.
 */
public final class DateTimePattern
{
    private static final String LETTERS = "yMdDEHhmsSa";

    /** One field ({@code letter} repeated {@code width} times), or literal text when {@code letter} is 0. */
    public record Token(char letter, int width, String text)
    {
    }

    private final String pattern;
    private final List<Token> tokens;

    private DateTimePattern(String pattern, List<Token> tokens)
    {
        this.pattern = pattern;
        this.tokens = List.copyOf(tokens);
    }

    /** Splits {@code pattern}; fails with a message that names the letter Spindle does not support. */
    public static DateTimePattern parse(String pattern)
    {
        requireNonNull(pattern, "pattern is null");
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("datetime pattern '" + pattern + "' has an unclosed quote at position " + (i + 1));
                }
                tokens.add(new Token((char) 0, 0, end == i + 1 ? "'" : pattern.substring(i + 1, end)));
                i = end + 1;
            }
            else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                if (LETTERS.indexOf(c) < 0) {
                    throw new IllegalArgumentException("datetime pattern letter '" + c + "' in '" + pattern
                            + "' is not supported; use y, M, d, D, E, H, h, m, s, S, a, or quote text with '");
                }
                int end = i;
                while (end < pattern.length() && pattern.charAt(end) == c) {
                    end++;
                }
                tokens.add(new Token(c, end - i, null));
                i = end;
            }
            else {
                tokens.add(new Token((char) 0, 0, String.valueOf(c)));
                i++;
            }
        }
        return new DateTimePattern(pattern, tokens);
    }

    public List<Token> tokens()
    {
        return tokens;
    }

    /** Whether the pattern reads or writes a time of day, which a date does not have. */
    public boolean hasTimeFields()
    {
        return tokens.stream().anyMatch(t -> "HhmsSa".indexOf(t.letter()) >= 0);
    }

    /**
     * A strict parser for dates in this pattern: a month or day the pattern lacks is the first, as Spark's
     * to_date takes it, and a day that does not exist (February 30) does not parse.
     */
    public DateTimeFormatter dateParser()
    {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
        boolean hasMonth = false;
        boolean hasDay = false;
        for (Token token : tokens) {
            if (token.letter() == 0) {
                builder.appendLiteral(token.text());
                continue;
            }
            // u is the proleptic year, which a strict resolver accepts without an era
            char letter = token.letter() == 'y' ? 'u' : token.letter();
            builder.appendPattern(String.valueOf(letter).repeat(token.width()));
            hasMonth |= token.letter() == 'M';
            hasDay |= token.letter() == 'd' || token.letter() == 'D';
        }
        if (!hasDay && !hasMonth) {
            builder.parseDefaulting(ChronoField.MONTH_OF_YEAR, 1);
        }
        if (!hasDay) {
            builder.parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
        }
        return builder.toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    @Override
    public String toString()
    {
        return pattern;
    }
}
