package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.sql.AnalysisException;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.parser.ParseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.spindle.sql.functions.asc_nulls_last;
import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.expr;
import static io.spindle.sql.functions.first;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** withColumnRenamed, drop, distinct, dropDuplicates, first and null ordering in local mode, checked against DuckDB. */
class DataFrameOperationsTest
{
    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "64k", 3);
        fixture.writeTable("o", "SELECT i AS id,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i % 5 AS INTEGER) END AS k,"
                + " CASE WHEN i % 4 = 0 THEN NULL ELSE (['α', 'b', 'ç', '東'])[i % 3 + 1] END AS s,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(i % 3 AS DOUBLE) / 2 END AS d,"
                + " CAST(i % 5 AS VARCHAR) || '-' || CASE WHEN i % 7 = 0 THEN 'none' ELSE 'some' END AS kname"
                + " FROM range(0, 30000) r(i)", 2048);
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    private static DataFrame o()
    {
        return fixture.read("o");
    }

    private static List<Row> duck(String sql)
    {
        return fixture.duck(sql);
    }

    @Test
    void renameAndDropKeepTheOtherColumnsInOrder()
    {
        DataFrame renamed = o().withColumnRenamed("K", "key").drop("d", "nope");
        assertArrayEquals(new String[] {"id", "key", "s", "kname"}, renamed.columns());
        assertSame(o().schema().size(), o().withColumnRenamed("missing", "x").columns().length);
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT k AS key, count(*) FROM $o WHERE id < 1000 GROUP BY key"),
                renamed.filter(col("id").lt(1000)).groupBy("key").agg(count("*")).collect());
    }

    @Test
    void distinctRowsIncludeNullKeys()
    {
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT DISTINCT k, s, d FROM $o"), o().select("k", "s", "d").distinct().collect());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT DISTINCT s FROM $o"), o().select("s").dropDuplicates().collect());
    }

    @Test
    void dropDuplicatesOnSomeColumnsKeepsOneRowEach()
    {
        // k depends only on kname, so whichever row first() keeps, the row is determined
        List<Row> actual = o().select("kname", "k").dropDuplicates("kname").collect();
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT DISTINCT kname, k FROM $o"), actual);
        assertEquals(List.of("id", "k", "s", "d", "kname"), List.of(o().dropDuplicates("s", "k").columns()));
        assertEquals(duck("SELECT count(*) FROM (SELECT DISTINCT s, k FROM $o)").get(0).getLong(0), o().dropDuplicates("s", "k").count());
    }

    @Test
    void firstOfAGroupMayBeNull()
    {
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT kname, first(k), count(*) FROM $o GROUP BY kname"),
                o().groupBy("kname").agg(first("k"), count("*")).collect());
        List<Row> onlyNulls = o().filter(col("s").isNull()).groupBy("k").agg(first(col("s"))).collect();
        assertEquals(6, onlyNulls.size());
        onlyNulls.forEach(row -> assertEquals(null, row.get(1)));
    }

    @Test
    void sortHonorsNullPlacement()
    {
        DataFrame small = o().filter(col("id").lt(40)).select("id", "k");
        DuckDbOracle.assertSameRows(duck("SELECT id, k FROM $o WHERE id < 40 ORDER BY k ASC NULLS LAST, id DESC"),
                small.orderBy(asc_nulls_last("k"), col("id").desc()).collect());
        DuckDbOracle.assertSameRows(duck("SELECT id, k FROM $o WHERE id < 40 ORDER BY k DESC NULLS FIRST, id"),
                small.orderBy(col("k").desc_nulls_first(), col("id")).collect());
        DuckDbOracle.assertSameRows(duck("SELECT id, k FROM $o WHERE id < 40 ORDER BY k ASC NULLS FIRST, id"),
                small.orderBy(col("k").asc_nulls_first(), col("id").asc()).collect());
        DuckDbOracle.assertSameRows(duck("SELECT id, k FROM $o WHERE id < 40 ORDER BY k DESC NULLS LAST, id"),
                small.orderBy(col("k").desc_nulls_last(), col("id")).collect());
    }

    @Test
    void sqlTextStandsForColumnsConditionsAndAggregates()
    {
        DataFrame projected = o().filter("k IS NOT NULL AND d > 0.4").selectExpr("id", "id * 2 + 1 AS odd", "upper(s)", "CASE WHEN k > 2 THEN 'hi' END AS band");

        assertArrayEquals(new String[] {"id", "odd", "upper(s)", "band"}, projected.columns());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT id, id * 2 + 1, upper(s), CASE WHEN k > 2 THEN 'hi' END FROM $o WHERE k IS NOT NULL AND d > 0.4"),
                projected.collect());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT k, count(DISTINCT s), sum(d) FROM $o WHERE id % 2 = 0 GROUP BY k"),
                o().where("id % 2 = 0").groupBy("k").agg(expr("count(DISTINCT s)"), expr("sum(d) AS total")).collect());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT id, row_number() OVER (PARTITION BY k ORDER BY id DESC) FROM $o WHERE id < 100"),
                o().filter("id < 100").select(col("id"), expr("row_number() OVER (PARTITION BY k ORDER BY id DESC)")).collect());

        ParseException syntax = assertThrows(ParseException.class, () -> o().selectExpr("id +"));
        assertTrue(syntax.getMessage().startsWith("line 1:4:"), syntax.getMessage());
        AnalysisException missing = assertThrows(AnalysisException.class, () -> o().filter("kk > 1"));
        assertTrue(missing.getMessage().contains("did you mean 'k'?"), missing.getMessage());
        AnalysisException subquery = assertThrows(AnalysisException.class, () -> o().filter("k IN (SELECT 1)"));
        assertTrue(subquery.getMessage().contains("a subquery cannot stand in expr"), subquery.getMessage());
    }

    @Test
    void naDropsAndFillsNullsByColumnType()
    {
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT * FROM $o WHERE k IS NOT NULL AND s IS NOT NULL AND d IS NOT NULL"), o().na().drop().collect());
        assertEquals(duck("SELECT count(*) FROM $o WHERE k IS NOT NULL OR s IS NOT NULL").get(0).get(0), o().na().drop("all", new String[] {"k", "s"}).count());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT id, coalesce(k, 0), s, coalesce(d, 0.0) FROM $o WHERE id < 500"),
                o().filter("id < 500").select("id", "k", "s", "d").na().fill(0).collect());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT id, k, coalesce(s, '?') FROM $o WHERE id < 500"),
                o().filter("id < 500").select("id", "k", "s").na().fill("?").collect());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT id, coalesce(k, -1), coalesce(s, 'none') FROM $o WHERE id < 500"),
                o().filter("id < 500").select("id", "k", "s").na().fill(java.util.Map.of("k", -1, "S", "none")).collect());
        // filling keeps every column's name and type; the filled ones are no longer nullable
        assertEquals(o().schema().fields().stream().map(f -> f.name() + " " + f.type().sqlName()).toList(),
                o().na().fill(1.5).schema().fields().stream().map(f -> f.name() + " " + f.type().sqlName()).toList());
        assertTrue(!o().na().fill(1.5).schema().field(3).nullable() && o().na().fill(1.5).schema().field(2).nullable());
        AnalysisException misfit = assertThrows(AnalysisException.class, () -> o().na().fill(java.util.Map.of("k", "x")));
        assertTrue(misfit.getMessage().contains("does not fit column 'k' of type int"), misfit.getMessage());
    }
}
