package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.sql.Row;
import io.spindle.sql.SpindleSession;
import io.spindle.sql.execution.StageSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decimals of more than 18 digits end to end in local mode, over Parquet files DuckDB writes with decimal(38,10) and
 * decimal(25,2) columns holding values beyond 10^18 of both signs and nulls, next to decimal(15,2) columns whose sums
 * outgrow 64 bits. Every answer is checked against DuckDB's on the same files. DuckDB's result types differ from
 * Spark's (Spindle keeps Spark's), so values are compared as numbers, and where Spark's type cuts the scale DuckDB's
 * side rounds to it (half away from zero, as Spark does).
 */
class WideDecimalQueryTest
{
    private static final String THRESHOLD = "spindle.sql.autoBroadcastJoinThreshold";

    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;
    private static SpindleSession session;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "256k", 3);
        session = fixture.session();
        // Spark's order of nulls: first when ascending, last when descending
        fixture.oracle().execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
        String w = fixture.writeTable("w", "SELECT CAST(i AS BIGINT) AS id,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(CAST(i - 10000 AS VARCHAR) || '98765432109876543.'"
                + " || lpad(CAST(i * 7919 % 10000000000 AS VARCHAR), 10, '0') AS DECIMAL(38,10)) END AS big,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE CAST(CAST(i % 7 - 3 AS VARCHAR) || '000000000000000000000.25' AS DECIMAL(25,2)) END AS k,"
                + " CAST(9999999999999.99 - i % 1000 AS DECIMAL(15,2)) AS price,"
                + " CASE WHEN i % 17 = 0 THEN NULL ELSE CAST((i % 1000) / 100.0 AS DECIMAL(15,2)) END AS qty"
                + " FROM range(0, 20000) r(i)", 2048);
        String labels = fixture.writeTable("labels", "SELECT CAST(CAST(j - 3 AS VARCHAR) || '000000000000000000000.25' AS DECIMAL(25,2)) AS lk,"
                + " 'label' || CAST(j AS VARCHAR) AS label FROM range(0, 5) r(j)"
                + " UNION ALL SELECT NULL, 'nothing' UNION ALL SELECT CAST('123.45' AS DECIMAL(25,2)), 'unmatched'", 2048);
        session.sql("CREATE TEMPORARY VIEW w USING parquet OPTIONS (path '" + w + "')");
        session.sql("CREATE TEMPORARY VIEW labels USING parquet OPTIONS (path '" + labels + "')");
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    @Test
    void readsWideValuesExactly()
    {
        assertEquals("decimal(38,10)", session.sql("SELECT big FROM w").schema().field(0).type().sqlName());
        assertEquals("decimal(25,2)", session.sql("SELECT k FROM w").schema().field(0).type().sqlName());
        check("SELECT id, big, k, price, qty FROM w ORDER BY id", "SELECT id, big, k, price, qty FROM $w ORDER BY id");
    }

    @Test
    void comparesWideValuesAcrossScalesAndWidths()
    {
        checkBoth("SELECT id, big FROM w WHERE big > CAST('100000000000000000000.5' AS DECIMAL(38,10)) ORDER BY id");
        checkBoth("SELECT id FROM w WHERE k = CAST('-1000000000000000000000.25' AS DECIMAL(25,2)) ORDER BY id");
        checkBoth("SELECT id FROM w WHERE k <> CAST('0.25' AS DECIMAL(25,2)) AND k >= CAST('-2000000000000000000000.25' AS DECIMAL(25,2))"
                + " ORDER BY id");
        checkBoth("SELECT id FROM w WHERE k IN (CAST('2000000000000000000000.25' AS DECIMAL(25,2)), CAST('0.25' AS DECIMAL(25,2))) ORDER BY id");
        checkBoth("SELECT id, big FROM w WHERE big BETWEEN CAST('-1000000000000000000000' AS DECIMAL(38,10))"
                + " AND CAST('50000000000000000000.1234567890' AS DECIMAL(38,10)) ORDER BY id");
        // decimal(38,10) against decimal(25,2), and a decimal(15,2) against decimal(38,10)
        checkBoth("SELECT id FROM w WHERE big <= k ORDER BY id");
        checkBoth("SELECT id FROM w WHERE price < big AND qty < k ORDER BY id");
    }

    @Test
    void arithmeticMixesWidthsAndRoundsToSparksResultScale()
    {
        // big + k and -big (0 - big) are decimal(38,9) and big * qty decimal(38,6) by Spark's rules: DuckDB keeps every digit
        check("SELECT id, big + k, big - k, k * qty, big * qty, -big, price * qty, price * (1 - qty) * (1 + qty), k + 1 FROM w ORDER BY id",
                // DuckDB multiplies decimal(15,2)s in 64 bits unless told to widen
                "SELECT id, round(big + k, 9), round(big - k, 9), k * qty, round(big * qty, 6), round(-big, 9), price * qty,"
                        + " CAST(price AS DECIMAL(38,2)) * (1 - qty) * (1 + qty), k + 1 FROM $w ORDER BY id");
    }

    @Test
    void conditionalsAndWideLiterals()
    {
        check("SELECT id, CASE WHEN id % 3 = 0 THEN big WHEN id % 3 = 1 THEN k END, coalesce(big, k, 0), coalesce(k, 12345678901234567890.5),"
                        + " big + 12345678901234567890.5, 98765432109876543210.25 FROM w ORDER BY id",
                "SELECT id, CASE WHEN id % 3 = 0 THEN big WHEN id % 3 = 1 THEN k END, coalesce(big, k, 0), coalesce(k, 12345678901234567890.5),"
                        + " round(big + 12345678901234567890.5, 9), 98765432109876543210.25 FROM $w ORDER BY id");
    }

    @Test
    void aggregatesGroupedByAWideKey()
    {
        check("SELECT k, sum(big), min(big), max(big), count(big), sum(price), sum(qty), min(qty), count(*) FROM w GROUP BY k ORDER BY k",
                "SELECT k, sum(big), min(big), max(big), count(big), sum(price), sum(qty), min(qty), count(*) FROM $w GROUP BY k ORDER BY k");
        check("SELECT id % 2, sum(price), max(k) FROM w GROUP BY id % 2 ORDER BY 1",
                "SELECT id % 2, sum(price), max(k) FROM $w GROUP BY id % 2 ORDER BY 1");
    }

    /** sum(decimal(15,2)) is decimal(25,2): over 20000 prices near 10^13 it passes 64 bits unscaled, as TPC-H Q1's sums can. */
    @Test
    void sumOfNarrowDecimalsGrowsPastEighteenDigits()
    {
        List<Row> actual = session.sql("SELECT sum(price), sum(price * (1 - qty) * (1 + qty)), sum(big) FROM w").collect();
        assertEquals("decimal(25,2)", session.sql("SELECT sum(price) FROM w").schema().field(0).type().sqlName());
        BigDecimal total = (BigDecimal) actual.get(0).get(0);
        assertTrue(total.unscaledValue().bitLength() > 63, "the sum " + total + " should need more than 64 bits");
        assertSame(fixture.duck("SELECT sum(price), sum(CAST(price AS DECIMAL(38,2)) * (1 - qty) * (1 + qty)), sum(big) FROM $w"), actual, false);
    }

    /** avg of decimals is decimal with 4 more digits of scale, HALF_UP; DuckDB answers a double, so check it against DuckDB's sum and count. */
    @Test
    void averagesOfWideAndNarrowDecimals()
    {
        List<Row> actual = session.sql("SELECT k, avg(big), avg(price) FROM w GROUP BY k ORDER BY k").collect();
        List<Row> sums = fixture.duck("SELECT k, sum(big), count(big), sum(price), count(price) FROM $w GROUP BY k ORDER BY k");
        assertEquals(sums.size(), actual.size());
        for (int r = 0; r < sums.size(); r++) {
            Row expected = sums.get(r);
            Row row = actual.get(r);
            assertEquals(expected.get(0) == null ? null : ((BigDecimal) expected.get(0)).stripTrailingZeros(),
                    row.get(0) == null ? null : ((BigDecimal) row.get(0)).stripTrailingZeros(), "key of group " + r);
            BigDecimal bigMean = ((BigDecimal) expected.get(1)).divide(BigDecimal.valueOf(((Number) expected.get(2)).longValue()), 14, RoundingMode.HALF_UP);
            BigDecimal priceMean = ((BigDecimal) expected.get(3)).divide(BigDecimal.valueOf(((Number) expected.get(4)).longValue()), 6, RoundingMode.HALF_UP);
            assertEquals(bigMean, row.get(1), "avg(big) for " + row.get(0));
            assertEquals(priceMean, row.get(2), "avg(price) for " + row.get(0));
        }
    }

    @Test
    void joinsOnAWideDecimalKeyShuffledAndBroadcast()
    {
        String sql = "SELECT w.id, w.k, l.label FROM w JOIN labels l ON w.k = l.lk ORDER BY w.id";
        String grouped = "SELECT l.label, count(*), sum(w.big) FROM w JOIN labels l ON w.k = l.lk GROUP BY l.label ORDER BY l.label";
        String outer = "SELECT l.label, count(w.id) FROM labels l LEFT JOIN w ON w.k = l.lk GROUP BY l.label ORDER BY l.label";
        try {
            session.conf().set(THRESHOLD, "0");
            assertFalse(session.sql(sql).physicalPlan().treeString().contains("Broadcast"), session.sql(sql).physicalPlan().treeString());
            checkBoth(sql);
            checkBoth(grouped);
            checkBoth(outer);
        }
        finally {
            session.conf().set(THRESHOLD, "10m");
        }
        checkBoth(sql);
        checkBoth(grouped);
    }

    @Test
    void sortsByWideDecimals()
    {
        checkBoth("SELECT id, big FROM w ORDER BY big DESC NULLS LAST, id LIMIT 40");
        checkBoth("SELECT id, big FROM w ORDER BY big NULLS FIRST, id LIMIT 25");
        checkBoth("SELECT id, k, big FROM w ORDER BY k NULLS FIRST, big DESC, id");
    }

    @Test
    void castsToStringDoubleAndOtherDecimals()
    {
        check("SELECT id, CAST(big AS STRING), CAST(k AS STRING), CAST(big AS DOUBLE), CAST(k AS DECIMAL(15,2)), CAST(price AS DECIMAL(30,5)),"
                        + " CAST(qty AS DECIMAL(20,0)), CAST(CAST(big AS STRING) AS DECIMAL(38,10)) FROM w ORDER BY id",
                "SELECT id, CAST(big AS VARCHAR), CAST(k AS VARCHAR), CAST(big AS DOUBLE), TRY_CAST(k AS DECIMAL(15,2)), CAST(price AS DECIMAL(30,5)),"
                        + " CAST(qty AS DECIMAL(20,0)), big FROM $w ORDER BY id");
    }

    @Test
    void windowSumsOfWideDecimals()
    {
        check("SELECT id, sum(big) OVER (PARTITION BY k) AS s, sum(price) OVER (PARTITION BY k) AS p FROM w WHERE id < 4000 ORDER BY id",
                "SELECT id, sum(big) OVER (PARTITION BY k) AS s, sum(price) OVER (PARTITION BY k) AS p FROM $w WHERE id < 4000 ORDER BY id");
    }

    /** Row groups are skipped by the min and max of a wide decimal column, with DuckDB's answer. */
    @Test
    void skipsRowGroupsByWideDecimalStatistics()
    {
        int rows = 100_000;
        // big rises with id, so each row group covers a narrow range of it
        String file = fixture.writeSingleFile("sorted", "SELECT i AS id,"
                + " CAST(CAST(i - 50000 AS VARCHAR) || '123456789012345678.0123456789' AS DECIMAL(38,10)) AS big"
                + " FROM range(0, " + rows + ") r(i) ORDER BY i", 2048);
        session.sql("CREATE TEMPORARY VIEW sorted USING parquet OPTIONS (path '" + file + "')");
        // literals, not casts of strings, so the filter reaches the scan as bounds to compare with the statistics
        String where = " WHERE big > 40000000000000000000000 AND big <= 45000000000000000000000.5";

        List<Row> actual = session.sql("SELECT count(*), sum(big), min(id), max(big) FROM sorted" + where).collect();

        StageSummary scan = session.lastJobSummary().stages().get(0);
        assertTrue(scan.rowsIn() < rows / 10, "rows read " + scan.rowsIn());
        assertTrue(scan.rowGroupsSkipped() > 0, "row groups skipped " + scan.rowGroupsSkipped());
        assertSame(fixture.duck("SELECT count(*), sum(big), min(id), max(big) FROM $sorted" + where), actual, true);
        assertTrue(((Number) actual.get(0).get(0)).longValue() > 4000, "rows that pass " + actual);
    }

    /** Spindle writes decimals of 19 to 38 digits as Spark does, fixed-length byte arrays of the fewest bytes, and DuckDB reads them back. */
    @Test
    void writesWideDecimalsToParquetThatDuckDbReads()
    {
        String out = dir.resolve("written").toString();
        String select = "SELECT id, big, k, price * qty AS pq, big * qty AS bq, sum(price) OVER (PARTITION BY k) AS total FROM w";
        session.sql(select).write().parquet(out);

        List<Row> written = session.sql(select + " ORDER BY id").collect();
        String files = "read_parquet('" + out + "/*.parquet')";
        assertSame(fixture.oracle().query("SELECT * FROM " + files + " ORDER BY id"), written, true);
        assertSame(written, session.read().parquet(out).orderBy("id").collect(), true);

        List<Row> schema = fixture.oracle().query("SELECT name, type, type_length FROM parquet_schema('" + out + "/*.parquet')"
                + " WHERE name IN ('big', 'k', 'pq', 'total') GROUP BY ALL ORDER BY name");
        assertEquals("[[big, FIXED_LEN_BYTE_ARRAY, 16], [k, FIXED_LEN_BYTE_ARRAY, 11], [pq, FIXED_LEN_BYTE_ARRAY, 13],"
                + " [total, FIXED_LEN_BYTE_ARRAY, 11]]", schema.stream().map(row -> "[" + row.get(0) + ", " + row.get(1) + ", " + row.get(2) + "]").toList().toString());
    }

    /** The same SQL in both engines, DuckDB reading the same files. */
    private static void checkBoth(String sql)
    {
        check(sql, sql.replace(" FROM w", " FROM $w w").replace(" JOIN labels", " JOIN $labels").replace("JOIN w ", "JOIN $w w "));
    }

    private static void check(String sql, String duckSql)
    {
        List<Row> actual = session.sql(sql).collect();
        assertFalse(actual.isEmpty(), "every query here has rows to compare: " + sql);
        assertSame(fixture.duck(duckSql), actual, sql.toLowerCase().contains("order by"));
    }

    /** Same rows (in order, or in any order), decimals compared by value whatever their scale. */
    private static void assertSame(List<Row> expected, List<Row> actual, boolean ordered)
    {
        if (ordered) {
            DuckDbOracle.assertSameRows(stripped(expected), stripped(actual));
        }
        else {
            DuckDbOracle.assertSameRowsUnordered(stripped(expected), stripped(actual));
        }
    }

    /** Decimals without trailing zeros, so the unordered comparison sorts equal values alike. */
    private static List<Row> stripped(List<Row> rows)
    {
        List<Row> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Object[] values = new Object[row.size()];
            for (int c = 0; c < values.length; c++) {
                Object value = row.get(c);
                values[c] = value instanceof BigDecimal d ? d.stripTrailingZeros() : value;
            }
            out.add(new Row(values));
        }
        return out;
    }
}
