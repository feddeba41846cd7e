package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.sql.AnalysisException;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.SpindleSession;
import io.spindle.sql.execution.JobSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.spindle.sql.functions.avg;
import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.lit;
import static io.spindle.sql.functions.max;
import static io.spindle.sql.functions.min;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queries in local mode over Parquet files that DuckDB writes, checked against DuckDB's own answers. */
class LocalModeQueryTest
{
    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;
    private static SpindleSession session;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "64k", 3);
        session = fixture.session();
        fixture.writeTable("t", "SELECT i AS id,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i % 5 AS INTEGER) END AS k,"
                + " 'grp' || CAST(i % 3 AS VARCHAR) AS s,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(i * 1.5 AS DOUBLE) END AS d,"
                + " CAST(i / 100 AS DECIMAL(12,2)) AS m,"
                + " DATE '1995-01-01' + CAST(i % 365 AS INTEGER) AS dt"
                + " FROM range(0, 50000) r(i)", 4096);
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    private static DataFrame t()
    {
        return fixture.read("t");
    }

    private static List<Row> duck(String sql)
    {
        return fixture.duck(sql);
    }

    @Test
    void groupedAggregatesWithNullKeysMatchDuckDb()
    {
        List<Row> actual = t().groupBy("s", "k")
                .agg(sum("d"), count("*"), count("k"), avg("d"), min("dt"), max("m"), sum("m"), sum("id"))
                .collect();
        List<Row> expected = duck("SELECT s, k, sum(d), count(*), count(k), avg(d), min(dt), max(m), sum(m), sum(id) FROM $t GROUP BY s, k");
        DuckDbOracle.assertSameRowsUnordered(expected, actual);
        assertEquals(18, actual.size(), "3 strings x (5 keys + null)");
    }

    @Test
    void filterProjectAndOrderMatchDuckDb()
    {
        List<Row> actual = t()
                .filter(col("dt").geq(lit(LocalDate.of(1995, 6, 1))).and(col("d").isNotNull()).and(col("k").notEqual(2)))
                .withColumn("x", col("m").multiply(2).plus(col("id")))
                .groupBy("k")
                .agg(sum("x").as("sx"), avg("m").as("am"), max("s").as("ms"))
                .orderBy(col("k").desc())
                .collect();
        List<Row> expected = duck("SELECT k, sum(m * 2 + id), avg(m), max(s) FROM $t"
                + " WHERE dt >= DATE '1995-06-01' AND d IS NOT NULL AND k != 2 GROUP BY k ORDER BY k DESC NULLS LAST");
        DuckDbOracle.assertSameRows(expected, actual);
    }

    @Test
    void globalAggregateOverNoRowsGivesOneRow()
    {
        List<Row> actual = t().filter(col("id").lt(0)).agg(count("*"), sum("d"), min("s")).collect();
        DuckDbOracle.assertSameRows(duck("SELECT count(*), sum(d), min(s) FROM $t WHERE id < 0"), actual);
    }

    @Test
    void countAndLimit()
    {
        assertEquals(50000, t().count());
        assertEquals(duck("SELECT count(*) FROM $t WHERE d > 100").get(0).getLong(0), t().filter(col("d").gt(100)).count());
        List<Row> top = t().select("id", "s").orderBy(col("id").desc()).limit(3).collect();
        DuckDbOracle.assertSameRows(duck("SELECT id, s FROM $t ORDER BY id DESC LIMIT 3"), top);
    }

    @Test
    void summaryCountsRowsAndShuffleBytes()
    {
        t().groupBy("s").agg(count("*")).collect();
        JobSummary summary = session.lastJobSummary();
        assertEquals(2, summary.stages().size());
        assertEquals(50000, summary.stages().get(0).rowsIn(), "the scan stage reads every row");
        assertTrue(summary.stages().get(0).tasks() > 1, "row groups become several scan tasks");
        assertEquals(summary.stages().get(0).shuffleBytesWritten(), summary.stages().get(1).shuffleBytesRead());
        assertTrue(summary.stages().get(0).shuffleBytesWritten() > 0);
        assertEquals(3, summary.stages().get(1).rowsOut());
    }

    @Test
    void badInputFailsBeforeRunningWithAClearMessage()
    {
        AnalysisException missingPath = assertThrows(AnalysisException.class, () -> session.read().parquet(dir.resolve("nope").toString()));
        assertTrue(missingPath.getMessage().contains("path does not exist"), missingPath.getMessage());
        assertTrue(missingPath.getMessage().contains("nope"), missingPath.getMessage());

        AnalysisException missingColumn = assertThrows(AnalysisException.class, () -> t().filter(col("idd").gt(1)));
        assertTrue(missingColumn.getMessage().contains("column 'idd' not found in [id, k, s, d, m, dt]"), missingColumn.getMessage());
        assertTrue(missingColumn.getMessage().contains("did you mean 'id'?"), missingColumn.getMessage());
    }
}
