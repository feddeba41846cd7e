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

import static io.spindle.sql.functions.abs;
import static io.spindle.sql.functions.add_months;
import static io.spindle.sql.functions.bround;
import static io.spindle.sql.functions.ceil;
import static io.spindle.sql.functions.coalesce;
import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.concat;
import static io.spindle.sql.functions.concat_ws;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.current_date;
import static io.spindle.sql.functions.date_add;
import static io.spindle.sql.functions.date_format;
import static io.spindle.sql.functions.date_sub;
import static io.spindle.sql.functions.date_trunc;
import static io.spindle.sql.functions.datediff;
import static io.spindle.sql.functions.dayofmonth;
import static io.spindle.sql.functions.dayofweek;
import static io.spindle.sql.functions.dayofyear;
import static io.spindle.sql.functions.exp;
import static io.spindle.sql.functions.floor;
import static io.spindle.sql.functions.greatest;
import static io.spindle.sql.functions.ifnull;
import static io.spindle.sql.functions.initcap;
import static io.spindle.sql.functions.instr;
import static io.spindle.sql.functions.last_day;
import static io.spindle.sql.functions.least;
import static io.spindle.sql.functions.left;
import static io.spindle.sql.functions.length;
import static io.spindle.sql.functions.lit;
import static io.spindle.sql.functions.ln;
import static io.spindle.sql.functions.locate;
import static io.spindle.sql.functions.log;
import static io.spindle.sql.functions.log10;
import static io.spindle.sql.functions.lower;
import static io.spindle.sql.functions.lpad;
import static io.spindle.sql.functions.ltrim;
import static io.spindle.sql.functions.month;
import static io.spindle.sql.functions.months_between;
import static io.spindle.sql.functions.nullif;
import static io.spindle.sql.functions.nvl;
import static io.spindle.sql.functions.nvl2;
import static io.spindle.sql.functions.pmod;
import static io.spindle.sql.functions.pow;
import static io.spindle.sql.functions.quarter;
import static io.spindle.sql.functions.regexp_extract;
import static io.spindle.sql.functions.regexp_replace;
import static io.spindle.sql.functions.repeat;
import static io.spindle.sql.functions.replace;
import static io.spindle.sql.functions.reverse;
import static io.spindle.sql.functions.right;
import static io.spindle.sql.functions.round;
import static io.spindle.sql.functions.rpad;
import static io.spindle.sql.functions.rtrim;
import static io.spindle.sql.functions.signum;
import static io.spindle.sql.functions.sqrt;
import static io.spindle.sql.functions.substring;
import static io.spindle.sql.functions.sum;
import static io.spindle.sql.functions.to_date;
import static io.spindle.sql.functions.trim;
import static io.spindle.sql.functions.trunc;
import static io.spindle.sql.functions.upper;
import static io.spindle.sql.functions.weekofyear;
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
        // numbers of both signs, with ties at .5 for the rounding functions
        fixture.writeTable("m", "SELECT i AS id,"
                + " CASE WHEN i % 9 = 0 THEN NULL ELSE CAST(i - 500 AS INTEGER) END AS n,"
                + " CASE WHEN i % 10 = 0 THEN NULL ELSE CAST(i % 7 - 3 AS INTEGER) END AS y,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(i - 500 AS DOUBLE) / 4 END AS x,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE CAST((i - 500) * 37 / 8.0 AS DECIMAL(12, 3)) END AS dm,"
                + " CASE WHEN i % 6 = 0 THEN NULL ELSE CAST(i * 3 - 1500 AS BIGINT) END AS b"
                + " FROM range(0, 1000) r(i)", 256);
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

    private static DataFrame m()
    {
        return fixture.read("m");
    }

    @Test
    void roundingHalfUpAndHalfEvenOnEverySign()
    {
        check(m().select(col("id"), abs(col("n")), abs(col("x")), abs(col("dm")), abs(col("b")),
                        round(col("x")), round(col("x"), 1), round(col("n"), -1), round(col("b"), -2), round(col("dm"), 1), round(col("dm"), 2), round(col("dm"), -1),
                        bround(col("x")), bround(col("dm"), 2)),
                // DuckDB rounds ties away from zero as Spark's round does; round_even is bround
                "SELECT id, abs(n), abs(x), abs(dm), abs(b), round(x), round(x, 1), CAST(round(n, -1) AS INTEGER), CAST(round(b, -2) AS BIGINT),"
                        + " round(dm, 1), round(dm, 2), round(dm, -1), round_even(x, 0), round_even(dm, 2) FROM $m");
        check(m().select(col("id"), floor(col("x")), ceil(col("x")), floor(col("dm")), ceil(col("dm")), floor(col("n")), ceil(col("b"))),
                // Spark's floor and ceil of a double are bigints
                "SELECT id, CAST(floor(x) AS BIGINT), CAST(ceil(x) AS BIGINT), floor(dm), ceil(dm), n, b FROM $m");
    }

    @Test
    void mathFunctionsGiveNullWhereSparkDoes()
    {
        check(m().select(col("id"), sqrt(abs(col("x"))), exp(col("x").divide(100)), ln(col("x")), log(col("x")), log10(col("n")),
                        log(2.0, col("x")), pow(col("x"), 2), pow(col("y"), col("y")), pow(abs(col("x")), 0.5), signum(col("n")), signum(col("dm"))),
                // DuckDB fails on the logarithm of a non-positive number, where Spark answers null; its sign is an integer
                "SELECT id, sqrt(abs(x)), exp(x / 100), CASE WHEN x > 0 THEN ln(x) END, CASE WHEN x > 0 THEN ln(x) END,"
                        + " CASE WHEN n > 0 THEN log10(n) END, CASE WHEN x > 0 THEN ln(x) / ln(2) END, pow(x, 2),"
                        + " pow(y, y), pow(abs(x), 0.5), CAST(sign(n) AS DOUBLE), CAST(sign(dm) AS DOUBLE) FROM $m");
        check(m().select(col("id"), pmod(col("n"), col("y")), col("n").mod(col("y")), pmod(col("b"), lit(7L)), pmod(col("x"), lit(3.0)),
                        greatest(col("n"), col("y"), col("b")), least(col("x"), col("n"), lit(0)), greatest(col("dm"), col("n")), least(col("dm"), lit(-100))),
                // Spark's pmod adds the divisor only to a negative remainder; DuckDB's greatest and least skip nulls as Spark's do
                "SELECT id, CASE WHEN y = 0 THEN NULL WHEN n % y < 0 THEN (n % y + y) % y ELSE n % y END, CASE WHEN y <> 0 THEN n % y END, ((b % 7) + 7) % 7,"
                        + " CASE WHEN x % 3 < 0 THEN (x % 3 + 3) % 3 ELSE x % 3 END,"
                        + " greatest(n, y, b), least(x, n, 0), greatest(dm, n), least(dm, -100) FROM $m");
    }

    @Test
    void nullFunctions()
    {
        check(m().select(col("id"), nvl(col("n"), col("y")), ifnull(col("dm"), lit(0)), nullif(col("y"), lit(0)), nullif(col("n"), col("y")),
                        nvl2(col("x"), col("n"), col("b")), nvl2(col("n"), lit("set"), lit("unset"))),
                // DuckDB has no nvl2
                "SELECT id, coalesce(n, y), ifnull(dm, 0), nullif(y, 0), nullif(n, y), CASE WHEN x IS NOT NULL THEN n ELSE b END,"
                        + " CASE WHEN n IS NOT NULL THEN 'set' ELSE 'unset' END FROM $m");
    }

    @Test
    void stringFunctionsOnUnicodeAndEmptyStrings()
    {
        check(f().select(col("id"), replace(col("s"), lit("a"), lit("[ä]")), replace(col("s"), lit(" ")), regexp_replace(col("s"), "([aeiou])(.)", "$2$1"),
                        regexp_extract(col("s"), "([A-Za-z]+)([0-9])", 2), regexp_extract(col("s"), "(x)?[0-9]", 1), ltrim(col("s")), rtrim(col("s")),
                        instr(col("s"), "e"), instr(col("s"), "タ"), locate("a", col("s")), locate("a", col("s"), 3)),
                // DuckDB writes groups as \1 and replaces only the first match unless told 'g'; instr is its position
                "SELECT id, replace(s, 'a', '[ä]'), replace(s, ' ', ''), regexp_replace(s, '([aeiou])(.)', '\\2\\1', 'g'),"
                        + " regexp_extract(s, '([A-Za-z]+)([0-9])', 2), CASE WHEN s IS NOT NULL THEN coalesce(regexp_extract(s, '(x)?[0-9]', 1), '') END, ltrim(s), rtrim(s),"
                        + " instr(s, 'e'), instr(s, 'タ'), instr(s, 'a'), CASE WHEN instr(substring(s, 3), 'a') = 0 THEN 0 ELSE instr(substring(s, 3), 'a') + 2 END"
                        + " FROM $f");
        check(f().select(col("id"), lpad(col("s"), 8, "*"), rpad(col("s"), 8, "äb"), lpad(col("s"), 3, ""), lpad(col("num"), 6, "0"), rpad(col("s"), -1, "x"),
                        reverse(col("s")), repeat(col("s"), 2), repeat(col("num"), -1), left(col("s"), 3), right(col("s"), 2), right(col("s"), 0),
                        initcap(col("s")), initcap(lit("hello wORLD  x")),
                        concat_ws("-", col("s"), col("num"), col("k")), concat_ws(""), concat_ws("|", col("num"))),
                // DuckDB has no initcap: upper-case each word's first letter after lower-casing; it pads with an empty pad as Spark does
                "SELECT id, lpad(s, 8, '*'), rpad(s, 8, 'äb'), left(s, 3), lpad(num, 6, '0'), CASE WHEN s IS NOT NULL THEN '' END,"
                        + " reverse(s), repeat(s, 2), CASE WHEN num IS NOT NULL THEN '' END, left(s, 3), right(s, 2), CASE WHEN s IS NOT NULL THEN '' END,"
                        + " array_to_string(list_transform(string_split(lower(s), ' '), w -> upper(w[1]) || w[2:]), ' '), 'Hello World  X',"
                        + " concat_ws('-', s, num, CAST(k AS VARCHAR)), '', coalesce(num, '') FROM $f");
    }

    @Test
    void dateFunctionsAtMonthEndsAndLeapYears()
    {
        check(f().select(col("id"), add_months(col("dt"), 1), add_months(col("dt"), -13), add_months(lit("2024-01-31"), 1), add_months(lit("2023-01-31"), 1),
                        add_months(col("dt"), col("k")), last_day(col("dt")), quarter(col("dt")), dayofweek(col("dt")), dayofyear(col("dt")), weekofyear(col("dt"))),
                // DuckDB's date + interval is a timestamp; its dayofweek counts from 0 for Sunday, Spark's from 1
                "SELECT id, CAST(dt + INTERVAL 1 MONTH AS DATE), CAST(dt - INTERVAL 13 MONTH AS DATE), DATE '2024-02-29', DATE '2023-02-28',"
                        + " CAST(dt + to_months(k) AS DATE), last_day(dt), quarter(dt), dayofweek(dt) + 1, dayofyear(dt), weekofyear(dt) FROM $f");
        check(f().select(col("id"), trunc(col("dt"), "MM"), trunc(col("dt"), "year"), trunc(col("dt"), "Quarter"), trunc(col("dt"), "week"), trunc(col("dt"), "day"),
                        date_format(date_trunc("month", col("dt")), "yyyy-MM-dd HH:mm:ss"), date_format(date_trunc("week", col("dt")), "yyyy-MM-dd")),
                // Spark's trunc knows no 'day' and answers null
                "SELECT id, CAST(date_trunc('month', dt) AS DATE), CAST(date_trunc('year', dt) AS DATE), CAST(date_trunc('quarter', dt) AS DATE),"
                        + " CAST(date_trunc('week', dt) AS DATE), CAST(NULL AS DATE), strftime(date_trunc('month', dt), '%Y-%m-%d %H:%M:%S'),"
                        + " strftime(date_trunc('week', dt), '%Y-%m-%d') FROM $f");
        check(f().select(col("id"), date_format(col("dt"), "yyyy/MM/dd"), date_format(col("dt"), "d MMM yy, EEE"), date_format(col("dt"), "EEEE d MMMM y 'at' HH:mm"),
                        date_format(col("dt"), "D"), to_date(date_format(col("dt"), "dd.MM.yyyy"), "dd.MM.yyyy"), to_date(col("ds"), "yyyy-MM-dd"),
                        to_date(date_format(col("dt"), "yyyyMM"), "yyyyMM")),
                // strptime fails on what does not parse, where Spark's to_date is null: DuckDB's try_strptime
                "SELECT id, strftime(dt, '%Y/%m/%d'), strftime(dt, '%-d %b %y, %a'), strftime(dt, '%A %-d %B %Y at 00:00'), strftime(dt, '%-j'), dt,"
                        + " CAST(try_strptime(ds, '%Y-%m-%d') AS DATE), CAST(date_trunc('month', dt) AS DATE) FROM $f");
        check(f().filter(col("id").lt(15000)).select(col("id"), months_between(col("dt"), to_date(col("ds"))),
                        months_between(last_day(col("dt")), lit("2020-02-29"), false)),
                // DuckDB has no months_between: Spark's rule written out; ds stays before 2050, as DuckDB 1.1.3's year() is 0 on 2050-12-31
                "SELECT id, CASE WHEN day(dt) = day(TRY_CAST(ds AS DATE)) OR (dt = last_day(dt) AND TRY_CAST(ds AS DATE) = last_day(TRY_CAST(ds AS DATE)))"
                        + " THEN (year(dt) - year(TRY_CAST(ds AS DATE))) * 12 + month(dt) - month(TRY_CAST(ds AS DATE))"
                        + " ELSE round((year(dt) - year(TRY_CAST(ds AS DATE))) * 12 + month(dt) - month(TRY_CAST(ds AS DATE))"
                        + " + (day(dt) - day(TRY_CAST(ds AS DATE))) / 31.0, 8) END,"
                        + " CAST((year(dt) - 2020) * 12 + month(dt) - 2 AS DOUBLE) FROM $f WHERE id < 15000");
        check(f().select(col("id"), current_date(), datediff(current_date(), col("dt"))).filter(col("id").lt(5)),
                "SELECT id, current_date, current_date - dt FROM $f WHERE id < 5");
    }
}
