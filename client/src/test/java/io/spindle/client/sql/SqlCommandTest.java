package io.spindle.client.sql;

import io.spindle.client.SpindleCli;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code spindle sql} in local mode: scripts from -e and -f, results printed as tables, errors as exit codes. */
class SqlCommandTest
{
    @TempDir
    Path dir;

    private Path csv;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeTable()
            throws IOException
    {
        csv = dir.resolve("sales.csv");
        Files.writeString(csv, "region,amount\neast,10\nwest,5\neast,7\nnorth,1\n");
    }

    private int run(String... args)
    {
        CommandLine commandLine = new CommandLine(new SpindleCli(new Configuration(false)));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String view()
    {
        return "CREATE TEMPORARY VIEW sales USING csv OPTIONS (path '" + csv + "', header 'true', inferSchema 'true')";
    }

    @Test
    void aScriptGivenWithDashEPrintsEachQuerysRows()
    {
        int exit = run("sql", "--master", "local[2]", "-e", view() + "; SELECT region, sum(amount) AS total FROM sales GROUP BY region ORDER BY total DESC");

        assertEquals(0, exit, err.toString());
        String printed = out.toString();
        assertTrue(printed.startsWith("OK ("), printed);
        assertTrue(printed.matches("(?s).*east\\s*\\|\\s*17.*west\\s*\\|\\s*5.*north\\s*\\|\\s*1.*"), printed);
        assertTrue(printed.contains("3 rows ("), printed);
    }

    @Test
    void aScriptFileRunsLikeTheSameTextAndMaxRowsCutsLongResults()
            throws IOException
    {
        Path script = dir.resolve("q.sql");
        Files.writeString(script, view() + ";\n-- the rows\nSELECT * FROM sales ORDER BY amount;\n");

        assertEquals(0, run("sql", "--master", "local[1]", "--max-rows", "2", "-f", script.toString()), err.toString());
        assertTrue(out.toString().contains("4 rows, first 2 shown (--max-rows)"), out.toString());
        assertTrue(out.toString().contains("north") && !out.toString().contains("east"), out.toString());
    }

    @Test
    void aBadStatementFailsWithItsPositionAndExitCodeOne()
    {
        assertEquals(1, run("sql", "--master", "local[1]", "-e", "SELECT region FORM sales"));
        assertTrue(err.toString().contains("line 1:"), err.toString());
    }

    @Test
    void withoutAScriptItIsBadUsage()
    {
        assertEquals(2, run("sql", "--master", "local[1]"));
        assertEquals(2, run("sql", "--master", "local[1]", "-e", "SELECT 1", "-f", "x.sql"));
        assertEquals(2, run("sql", "--master", "moon", "-e", "SELECT 1"));
    }
}
