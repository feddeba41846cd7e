package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.planner.types.DataType;
import io.spindle.sql.AnalysisException;
import io.spindle.sql.Column;
import io.spindle.sql.DataFrame;
import io.spindle.sql.JobFailedException;
import io.spindle.sql.Row;
import io.spindle.sql.execution.JobSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.spindle.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code df.write().mode(...).parquet(path)} in local mode: types, save modes and the commit protocol, read back by Spindle and DuckDB. */
class ParquetWriteTest
{
    private static final String DUCK_COLUMNS = "id, b, i, l, d, dec, small_dec, dt, epoch_us(ts) AS ts_us, s";

    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "16k", 3);
        fixture.writeTable("t", "SELECT i AS id,"
                + " CASE WHEN i % 5 = 0 THEN NULL ELSE i % 3 = 0 END AS b,"
                + " CASE WHEN i % 6 = 0 THEN NULL ELSE CAST(i * 7 - 9000 AS INTEGER) END AS i,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE i * 1000000007 END AS l,"
                + " CASE WHEN i % 8 = 0 THEN NULL ELSE i / 3.0 END AS d,"
                + " CASE WHEN i % 9 = 0 THEN NULL ELSE CAST(i * 1.25 - 100 AS DECIMAL(15, 2)) END AS dec,"
                + " CASE WHEN i % 10 = 0 THEN NULL ELSE CAST(i / 100.0 AS DECIMAL(7, 2)) END AS small_dec,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE DATE '1970-01-01' + CAST(i * 3 - 4000 AS INTEGER) END AS dt,"
                + " CASE WHEN i % 12 = 0 THEN NULL ELSE TIMESTAMP '2024-02-29 12:00:00' + to_microseconds(i * 1234567) END AS ts,"
                + " CASE WHEN i % 4 = 0 THEN NULL WHEN i % 4 = 1 THEN '' ELSE 'v' || i || (['α', 'b', '東'])[i % 3 + 1] END AS s"
                + " FROM range(0, 6000) r(i)", 1000);
        fixture.writeTable("bad", "SELECT i AS id, CASE WHEN i = 4500 THEN '123456789012345678901' ELSE CAST(i AS VARCHAR) END AS s"
                + " FROM range(0, 5000) r(i)", 500);
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    @Test
    void roundTripsEveryTypeWithNulls()
    {
        String out = dir.resolve("roundtrip").toString();
        DataFrame source = fixture.read("t");
        source.write().parquet(out);

        DataFrame written = fixture.session().read().parquet(out);
        assertEquals(source.schema(), written.schema());
        DuckDbOracle.assertSameRowsUnordered(source.collect(), written.collect());
        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT " + DUCK_COLUMNS + " FROM $t"),
                fixture.oracle().query("SELECT " + DUCK_COLUMNS + " FROM read_parquet('" + out + "/*.parquet')"));

        int tasks = fixture.session().lastJobSummary().stages().get(0).tasks();
        assertTrue(tasks > 1, "the source should be read by several tasks, not " + tasks);
        assertEquals(tasks, partFiles(out).size());
        assertTrue(Files.exists(Path.of(out, "_SUCCESS")));
        assertFalse(Files.exists(Path.of(out, "_temporary")));
        assertTrue(partFiles(out).stream().allMatch(name -> name.matches("part-\\d{5}-[0-9a-f-]{36}\\.snappy\\.parquet")), partFiles(out).toString());
    }

    @Test
    void errorModeFailsBeforeRunningWhenThePathExists()
    {
        String out = dir.resolve("error-mode").toString();
        fixture.read("t").filter(col("id").lt(10)).write().parquet(out);
        Set<String> files = partFiles(out);
        JobSummary before = fixture.session().lastJobSummary();
        for (String mode : List.of("error", "errorifexists", "ErrorIfExists")) {
            AnalysisException e = assertThrows(AnalysisException.class, () -> fixture.read("t").write().mode(mode).parquet(out));
            assertTrue(e.getMessage().contains(out) && e.getMessage().contains("overwrite") && e.getMessage().contains("append")
                    && e.getMessage().contains("ignore"), e.getMessage());
        }
        assertSame(before, fixture.session().lastJobSummary(), "no job may run");
        assertEquals(files, partFiles(out));
        assertEquals(10, fixture.session().read().parquet(out).count());
    }

    @Test
    void overwriteReplacesTheOldFiles()
    {
        String out = dir.resolve("overwrite").toString();
        fixture.read("t").filter(col("id").lt(100)).write().parquet(out);
        Set<String> oldFiles = partFiles(out);
        fixture.read("t").filter(col("id").geq(5900)).write().mode("overwrite").parquet(out);

        Set<String> newFiles = partFiles(out);
        assertTrue(newFiles.stream().noneMatch(oldFiles::contains), "old " + oldFiles + " new " + newFiles);
        DuckDbOracle.assertSameRowsUnordered(fixture.read("t").filter(col("id").geq(5900)).collect(),
                fixture.session().read().parquet(out).collect());
        assertTrue(Files.exists(Path.of(out, "_SUCCESS")));
    }

    @Test
    void appendAddsUniquelyNamedFiles()
    {
        String out = dir.resolve("append").toString();
        fixture.read("t").filter(col("id").lt(100)).write().mode("append").parquet(out);
        Set<String> first = partFiles(out);
        fixture.read("t").filter(col("id").geq(100).and(col("id").lt(300))).write().mode("append").parquet(out);
        Set<String> both = partFiles(out);

        assertTrue(both.containsAll(first));
        assertEquals(2 * first.size(), both.size());
        DuckDbOracle.assertSameRowsUnordered(fixture.read("t").filter(col("id").lt(300)).collect(),
                fixture.session().read().parquet(out).collect());
    }

    @Test
    void ignoreWritesOnlyWhenThePathIsNew()
    {
        String out = dir.resolve("ignore").toString();
        fixture.read("t").filter(col("id").lt(5)).write().mode("ignore").parquet(out);
        Set<String> files = partFiles(out);
        fixture.read("t").write().mode("ignore").parquet(out);

        assertEquals(files, partFiles(out));
        assertEquals(5, fixture.session().read().parquet(out).count());
    }

    @Test
    void failedOverwriteLeavesTheOldOutputAndNoTemporaryFiles()
    {
        String out = dir.resolve("failed-overwrite").toString();
        fixture.read("t").filter(col("id").lt(50)).write().parquet(out);
        Set<String> files = partFiles(out);
        List<Row> rows = fixture.session().read().parquet(out).collect();

        // one row's string holds 21 digits: its square needs 42, more than decimal(38,0) holds, so its task fails on every attempt
        Column big = col("s").cast(DataType.decimal(38, 0));
        DataFrame failing = fixture.read("bad").filter(big.multiply(big).isNotNull());
        JobFailedException e = assertThrows(JobFailedException.class, () -> failing.write().mode("overwrite").parquet(out));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());

        assertEquals(files, partFiles(out));
        assertFalse(Files.exists(Path.of(out, "_temporary")), "staging files left behind: " + allFiles(out));
        DuckDbOracle.assertSameRowsUnordered(rows, fixture.session().read().parquet(out).collect());

        String fresh = dir.resolve("failed-new").toString();
        assertThrows(JobFailedException.class, () -> failing.write().parquet(fresh));
        assertFalse(Files.exists(Path.of(fresh)), "a failed write to a new path leaves nothing: " + allFiles(fresh));
    }

    @Test
    void unknownModeNamesTheModes()
    {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fixture.read("t").write().mode("replace"));
        assertTrue(e.getMessage().contains("'replace'") && e.getMessage().contains("errorifexists, overwrite, append, ignore"), e.getMessage());
    }

    private static Set<String> partFiles(String path)
    {
        return allFiles(path).stream().filter(name -> name.startsWith("part-")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> allFiles(String path)
    {
        if (!Files.exists(Path.of(path))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(Path.of(path))) {
            return files.filter(Files::isRegularFile).map(p -> Path.of(path).relativize(p).toString()).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
