package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.planner.types.DataType;
import io.spindle.sql.DataFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.spindle.sql.functions.coalesce;
import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.concat;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.date_add;
import static io.spindle.sql.functions.date_sub;
import static io.spindle.sql.functions.datediff;
import static io.spindle.sql.functions.dayofmonth;
import static io.spindle.sql.functions.length;
import static io.spindle.sql.functions.lit;
import static io.spindle.sql.functions.lower;
import static io.spindle.sql.functions.month;
import static io.spindle.sql.functions.substring;
import static io.spindle.sql.functions.sum;
import static io.spindle.sql.functions.to_date;
import static io.spindle.sql.functions.trim;
import static io.spindle.sql.functions.upper;
import static io.spindle.sql.functions.when;
import static io.spindle.sql.functions.year;

/** The column functions in local mode over Parquet with nulls and non-ASCII strings, each checked against DuckDB. */
class FunctionsQueryTest
{
    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "64k", 3);
        fixture.writeTable("f", "SELECT i AS id,"
                + " CASE WHEN i % 9 = 0 THEN NULL ELSE (['Zürich', 'Straße', '東京タワー', '  Lima  ', 'naïve café', 'ABC_def', '100%', '😀 smile', '', 'Ölçek'])[i % 10 + 1]"
                + " || CAST(i % 4 AS VARCHAR) END AS s,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i % 13 AS INTEGER) END AS k,"
                + " CASE WHEN i % 8 = 0 THEN NULL ELSE CAST(i % 17 AS BIGINT) END AS l,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(i AS DOUBLE) / 8 END AS d,"
                + " CASE WHEN i % 5 = 0 THEN NULL ELSE DATE '2019-12-25' + CAST(i % 800 AS INTEGER) END AS dt,"
                + " CASE WHEN i % 6 = 0 THEN NULL WHEN i % 6 = 1 THEN 'x' || i WHEN i % 6 = 2 THEN CAST(i AS VARCHAR)"
                + "   WHEN i % 6 = 3 THEN ' ' || CAST(-i AS VARCHAR) || ' ' WHEN i % 6 = 4 THEN '99999999999' ELSE '' END AS num,"
                + " CASE WHEN i % 6 = 0 THEN NULL WHEN i % 6 = 1 THEN CAST(i / 16 AS VARCHAR) WHEN i % 6 = 2 THEN 'n/a'"
                + "   ELSE CAST(CAST(i AS DOUBLE) / 4 AS VARCHAR) END AS dec,"
                + " CASE WHEN i % 10 = 0 THEN NULL WHEN i % 10 = 1 THEN 'not a date' WHEN i % 10 = 2 THEN '2021-02-30'"
                + "   ELSE CAST(DATE '2000-01-01' + CAST(i AS INTEGER) AS VARCHAR) END AS ds"
                + " FROM range(0, 20000) r(i)", 2048);
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    private static DataFrame f()
    {
        return fixture.read("f");
    }

    private static void check(DataFrame actual, String expectedSql)
    {
        DuckDbOracle.assertSameRowsUnordered(fixture.duck(expectedSql), actual.collect());
    }

    @Test
    void caseWhenAndCoalesce()
    {
        check(f().select(col("id"),
                        when(col("k").gt(8), lit("high")).when(col("k").gt(3), col("s")).otherwise(lit("low")),
                        when(col("d").lt(100), col("k")),
                        when(col("k").isNull(), col("d")).otherwise(col("l")),
                        coalesce(col("k"), col("l"), lit(-1)),
                        coalesce(col("d"), col("k"))),
                "SELECT id, CASE WHEN k > 8 THEN 'high' WHEN k > 3 THEN s ELSE 'low' END, CASE WHEN d < 100 THEN k END,"
                        + " CASE WHEN k IS NULL THEN d ELSE l END, coalesce(k, l, -1), coalesce(d, k) FROM $f");
    }

    @Test
    void isinAndPatternsFilterAsInSql()
    {
        check(f().filter(col("k").isin(1, 5, 12)).groupBy("k").agg(count("*")),
                "SELECT k, count(*) FROM $f WHERE k IN (1, 5, 12) GROUP BY k");
        check(f().select(col("id"), col("k").isin(2, 3), col("s").like("%ü%"), col("s").like("ABC\\_%"), col("s").like("_traße_"),
                        col("s").rlike("^[A-Z].*[0-2]$"), col("s").startsWith("東京"), col("s").endsWith("3"), col("s").contains("é")),
                "SELECT id, k IN (2, 3), s LIKE '%ü%', s LIKE 'ABC\\_%' ESCAPE '\\', s LIKE '_traße_', regexp_matches(s, '^[A-Z].*[0-2]$'),"
                        + " starts_with(s, '東京'), suffix(s, '3'), contains(s, 'é') FROM $f");
    }

    @Test
    void stringFunctionsCountCharacters()
    {
        check(f().select(col("id"), upper(col("s")), lower(col("s")), trim(col("s")), length(col("s")),
                        substring(col("s"), 2, 3), substring(col("s"), -3, 2), concat(col("s"), lit("|"), col("k"))),
                // Spark (Java) upper-cases ß to SS, DuckDB to ẞ
                "SELECT id, replace(upper(s), 'ẞ', 'SS'), lower(s), trim(s), length(s), substring(s, 2, 3), substring(s, -3, 2), s || '|' || CAST(k AS VARCHAR) FROM $f");
    }

    @Test
    void dateFunctions()
    {
        check(f().select(col("id"), year(col("dt")), month(col("dt")), dayofmonth(col("dt")), date_add(col("dt"), 45), date_sub(col("dt"), 400),
                        datediff(col("dt"), lit("2020-03-01")), datediff(to_date(col("ds")), col("dt")), to_date(col("ds"))),
                "SELECT id, year(dt), month(dt), day(dt), dt + 45, dt - 400, dt - DATE '2020-03-01', TRY_CAST(ds AS DATE) - dt, TRY_CAST(ds AS DATE) FROM $f");
        check(f().filter(year(col("dt")).equalTo(2021)).groupBy(month(col("dt")).as("m")).agg(count("*")),
                "SELECT month(dt) AS m, count(*) FROM $f WHERE year(dt) = 2021 GROUP BY m");
    }

    @Test
    void castsFromStringGiveNullWhereTheyDoNotParse()
    {
        check(f().select(col("id"), col("num").cast(DataType.INT), col("num").cast(DataType.LONG), col("dec").cast(DataType.DOUBLE),
                        col("dec").cast(DataType.decimal(12, 3)), col("ds").cast(DataType.DATE), col("dt").cast(DataType.STRING),
                        col("k").cast(DataType.STRING)),
                "SELECT id, TRY_CAST(num AS INTEGER), TRY_CAST(num AS BIGINT), TRY_CAST(dec AS DOUBLE), TRY_CAST(dec AS DECIMAL(12,3)),"
                        + " TRY_CAST(ds AS DATE), CAST(dt AS VARCHAR), CAST(k AS VARCHAR) FROM $f");
        check(f().agg(sum(col("num").cast(DataType.LONG)), count(col("ds").cast(DataType.DATE))),
                "SELECT sum(TRY_CAST(num AS BIGINT)), count(TRY_CAST(ds AS DATE)) FROM $f");
    }
}
