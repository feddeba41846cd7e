package io.spindle.client.sql;

import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.RowFormatter;
import io.spindle.sql.SpindleSession;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Runs a script's statements one after another in a session and prints each one's result as a table, as
 * {@code spark-sql} does: statements that return no columns (CREATE VIEW) print nothing but their time.
 * The first failing statement stops the script and its error propagates.
 */
public final class SqlRunner
{
    private SqlRunner()
    {
    }

    public static void run(SpindleSession session, String script, int maxRows, PrintWriter out)
    {
        List<String> statements = SqlScript.statements(script);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("the script holds no SQL statement");
        }
        for (String statement : statements) {
            long start = System.nanoTime();
            DataFrame result = session.sql(statement);
            if (result.schema().size() == 0) {
                out.printf(Locale.ROOT, "OK (%.2f s)%n", (System.nanoTime() - start) / 1e9);
                continue;
            }
            List<Row> rows = result.collect();
            List<Row> shown = rows.size() > maxRows ? rows.subList(0, maxRows) : rows;
            out.print(RowFormatter.table(result.schema(), shown, false));
            out.printf(Locale.ROOT, "%d row%s%s (%.2f s)%n", rows.size(), rows.size() == 1 ? "" : "s",
                    rows.size() > maxRows ? ", first " + maxRows + " shown (--max-rows)" : "", (System.nanoTime() - start) / 1e9);
        }
        out.flush();
    }
}
