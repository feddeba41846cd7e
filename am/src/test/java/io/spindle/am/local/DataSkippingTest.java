package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.execution.StageSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.lit;
import static io.spindle.sql.functions.max;
import static io.spindle.sql.functions.min;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Row-group skipping end to end: DuckDB writes a Parquet file sorted by id in many small row groups, and a
 * selective filter on a sorted column must read fewer row groups and run fewer scan tasks, with the same
 * answer as DuckDB's.
 */
class DataSkippingTest
{
    private static final int ROWS = 100_000;

    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "32k", 2);
        // one file in id order, so that each row group covers a narrow range of id, day, amount and name
        fixture.writeSingleFile("t", "SELECT i AS id,"
                + " CAST(i % 10 AS INTEGER) AS k,"
                + " DATE '1990-01-01' + CAST(i / 100 AS INTEGER) AS day,"
                + " CAST(CAST(i AS DOUBLE) / 100 AS DECIMAL(12,2)) AS amount,"
                + " 'key-' || lpad(CAST(i AS VARCHAR), 8, '0') AS name,"
                + " CASE WHEN i >= 90000 THEN NULL ELSE CAST(i AS DOUBLE) * 0.5 END AS price"
                + " FROM range(0, " + ROWS + ") r(i) ORDER BY i", 2048);
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

    private static StageSummary scanStage()
    {
        return fixture.session().lastJobSummary().stages().get(0);
    }

    @Test
    void aSelectiveRangeOnTheSortColumnReadsFewerRowGroups()
    {
        t().agg(count("*"), sum("amount")).collect();
        StageSummary full = scanStage();
        assertEquals(ROWS, full.rowsIn());
        assertEquals(0, full.rowGroupsSkipped());
        assertEquals(0, full.rowsSkipped());
        assertFalse(fixture.session().lastJobSummary().format().contains("skipped"), fixture.session().lastJobSummary().format());

        DataFrame selective = t().filter(col("id").between(50_000, 52_000)).agg(count("*"), sum("amount"), min("name"), max("day"));
        List<Row> actual = selective.collect();
        StageSummary skipped = scanStage();

        DuckDbOracle.assertSameRows(duck("SELECT count(*), sum(amount), min(name), max(day) FROM $t WHERE id BETWEEN 50000 AND 52000"), actual);
        assertTrue(skipped.tasks() < full.tasks(), "scan tasks " + skipped.tasks() + " vs " + full.tasks());
        assertTrue(skipped.rowsIn() <= 3 * 2048 + 2048, "rows read " + skipped.rowsIn());
        int rowGroups = (ROWS + 2047) / 2048;
        assertEquals(ROWS, skipped.rowsIn() + skipped.rowsSkipped(), "every row was either read or skipped");
        assertEquals(rowGroups, skipped.rowGroupsSkipped() + (skipped.rowsIn() + 2047) / 2048, "row groups read or skipped");
        String summary = fixture.session().lastJobSummary().format();
        assertTrue(summary.contains("stage 0 skipped " + skipped.rowGroupsSkipped() + " row groups (" + skipped.rowsSkipped() + " rows)"), summary);
        String simple = selective.explainString("simple");
        assertTrue(simple.contains("of " + full.tasks() + ", pushed=["), simple);
        String extended = selective.explainString("extended");
        assertTrue(extended.contains("== Optimized Logical Plan ==\n"), extended);
        assertTrue(extended.contains("pushed=[(id#0 >= 50000), (id#0 <= 52000)]"), extended);
        String formatted = selective.explainString("formatted");
        assertTrue(formatted.contains("(1) FileScan parquet [stage 0]\n"), formatted);
        assertTrue(formatted.contains("Splits: " + skipped.tasks() + " of " + full.tasks()), formatted);
    }

    @Test
    void datesDecimalsAndStringsSkipWithTheSameAnswerAsDuckDb()
    {
        List<Row> byDate = t().filter(col("day").geq(lit(LocalDate.of(1991, 1, 1))).and(col("day").lt(lit(LocalDate.of(1991, 2, 1)))))
                .agg(count("*"), sum("id")).collect();
        assertTrue(scanStage().rowsIn() < ROWS / 10, "rows read " + scanStage().rowsIn());
        DuckDbOracle.assertSameRows(duck("SELECT count(*), sum(id) FROM $t WHERE day >= DATE '1991-01-01' AND day < DATE '1991-02-01'"), byDate);

        List<Row> byAmount = t().filter(col("amount").gt(new BigDecimal("987.65"))).agg(count("*"), min("id")).collect();
        assertTrue(scanStage().rowsIn() < ROWS / 10, "rows read " + scanStage().rowsIn());
        DuckDbOracle.assertSameRows(duck("SELECT count(*), min(id) FROM $t WHERE amount > 987.65"), byAmount);

        List<Row> byName = t().filter(col("name").equalTo("key-00031415")).select("id", "price").collect();
        assertTrue(scanStage().rowsIn() <= 2048, "rows read " + scanStage().rowsIn());
        DuckDbOracle.assertSameRows(duck("SELECT id, price FROM $t WHERE name = 'key-00031415'"), byName);
    }

    @Test
    void nullCountsSkipRowGroupsForIsNullAndIsNotNull()
    {
        List<Row> nulls = t().filter(col("price").isNull()).agg(count("*"), min("id")).collect();
        assertTrue(scanStage().rowsIn() < ROWS / 5, "rows read " + scanStage().rowsIn());
        DuckDbOracle.assertSameRows(duck("SELECT count(*), min(id) FROM $t WHERE price IS NULL"), nulls);

        List<Row> none = t().filter(col("price").isNotNull().and(col("id").geq(95_000))).agg(count("*"), sum("price")).collect();
        assertEquals(0, scanStage().rowsIn());
        assertEquals(ROWS, scanStage().rowsSkipped(), "the one task left, reading nothing, reports every row skipped");
        DuckDbOracle.assertSameRows(duck("SELECT count(*), sum(price) FROM $t WHERE price IS NOT NULL AND id >= 95000"), none);
    }
}
