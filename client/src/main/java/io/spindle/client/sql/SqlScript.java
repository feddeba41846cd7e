package io.spindle.client.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL script cut into statements at the semicolons that end them: semicolons inside quoted strings, quoted
 * identifiers and comments ({@code -- ...} to the end of the line, {@code /* ... *\/}) do not count, and
 * statements that hold only whitespace and comments are dropped.
 */
public final class SqlScript
{
    private SqlScript()
    {
    }

    public static List<String> statements(String script)
    {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean meaningful = false;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(script, i, c);
                current.append(script, i, end);
                meaningful = true;
                i = end;
                continue;
            }
            if (c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                end = end < 0 ? script.length() : end;
                current.append(script, i, end);
                i = end;
                continue;
            }
            if (c == '/' && i + 1 < script.length() && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? script.length() : end + 2;
                current.append(script, i, end);
                i = end;
                continue;
            }
            if (c == ';') {
                if (meaningful) {
                    statements.add(current.toString().strip());
                }
                current.setLength(0);
                meaningful = false;
                i++;
                continue;
            }
            meaningful |= !Character.isWhitespace(c);
            current.append(c);
            i++;
        }
        if (meaningful) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /** The index after the quote that closes the one at {@code start}; a doubled quote inside is an escaped one. */
    private static int closing(String script, int start, char quote)
    {
        int i = start + 1;
        while (i < script.length()) {
            if (script.charAt(i) == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return script.length();
    }
}
