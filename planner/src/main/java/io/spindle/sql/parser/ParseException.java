package io.spindle.sql.parser;

import io.spindle.sql.AnalysisException;

/**
 * SQL text that does not parse. The message starts {@code line L:C:} (line from 1, column from 0, as Spark
 * prints them), says what was found and what was expected there, and shows the line with a caret under the spot.
 */
public final class ParseException
        extends AnalysisException
{
    private final int line;
    private final int column;

    public ParseException(int line, int column, String problem, String sql)
    {
        super("line " + line + ":" + column + ": " + problem + pointer(sql, line, column));
        this.line = line;
        this.column = column;
    }

    public int line()
    {
        return line;
    }

    public int column()
    {
        return column;
    }

    private static String pointer(String sql, int line, int column)
    {
        String[] lines = sql.split("\r?\n", -1);
        if (line < 1 || line > lines.length) {
            return "";
        }
        return "\n" + lines[line - 1] + "\n" + " ".repeat(Math.max(column, 0)) + "^";
    }
}
