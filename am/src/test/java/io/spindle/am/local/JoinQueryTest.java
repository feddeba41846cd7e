package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.sql.AnalysisException;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.SpindleSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.spindle.sql.functions.broadcast;
import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.lit;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Joins in local mode over Parquet files that DuckDB writes, each join type checked against DuckDB's
 * answer, both as a shuffled hash join (broadcasting turned off) and with the planner free to broadcast a
 * small side: null and duplicate keys, keys of different integer types, an empty side, residual conditions,
 * multi-column keys, joins without equi keys, and a TPC-H Q3-shaped three-way join with aggregation.
 */
class JoinQueryTest
{
    private static final String ALL_COLUMNS = "l.lid, l.lk, l.lk2, l.lv, l.k, r.rid, r.rk, r.rk2, r.rv, r.k";
    private static final String THRESHOLD = "spindle.sql.autoBroadcastJoinThreshold";
    private static final String[][] OUTER_AND_INNER = {{"inner", "INNER"}, {"left", "LEFT OUTER"}, {"right", "RIGHT OUTER"}, {"full", "FULL OUTER"}};

    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;
    private static SpindleSession session;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "16k", 3);
        session = fixture.session();
        // left keys are ints, right keys longs, each repeated a few times; 1 in 13 left keys and 1 in 17 right keys
        // are null, and left keys from 700 up have no match
        write("l", "SELECT CAST(i AS INTEGER) AS lid, CASE WHEN i % 13 = 0 THEN NULL ELSE CAST(i % 900 AS INTEGER) END AS lk,"
                + " 'x' || CAST(i % 3 AS VARCHAR) AS lk2, CAST(i * 0.5 AS DOUBLE) AS lv, CAST(i % 400 AS INTEGER) AS k"
                + " FROM range(0, 3000) t(i)");
        write("r", "SELECT CAST(i AS BIGINT) AS rid, CASE WHEN i % 17 = 0 THEN NULL ELSE CAST(i % 700 AS BIGINT) END AS rk,"
                + " 'x' || CAST(i % 4 AS VARCHAR) AS rk2, CAST(i AS DOUBLE) AS rv, CAST(i % 600 AS INTEGER) AS k"
                + " FROM range(0, 2000) t(i)");
        write("customer", "SELECT CAST(i AS BIGINT) AS c_custkey,"
                + " CASE i % 5 WHEN 0 THEN 'BUILDING' WHEN 1 THEN 'AUTOMOBILE' WHEN 2 THEN 'MACHINERY' WHEN 3 THEN 'HOUSEHOLD' ELSE 'FURNITURE' END"
                + " AS c_mktsegment FROM range(1, 1501) t(i)");
        write("orders", "SELECT CAST(i AS BIGINT) AS o_orderkey, CAST(1 + (i * 7) % 1500 AS BIGINT) AS o_custkey,"
                + " DATE '1992-01-01' + CAST((i * 13) % 2400 AS INTEGER) AS o_orderdate, CAST(i % 2 AS INTEGER) AS o_shippriority"
                + " FROM range(1, 15001) t(i)");
        write("lineitem", "SELECT CAST(1 + (i * 31) % 15000 AS BIGINT) AS l_orderkey,"
                + " CAST((i % 9000) / 10.0 + 900 AS DECIMAL(12,2)) AS l_extendedprice, CAST((i % 11) / 100.0 AS DECIMAL(12,2)) AS l_discount,"
                + " DATE '1992-01-02' + CAST((i * 17) % 2500 AS INTEGER) AS l_shipdate FROM range(0, 60000) t(i)");
    }

    private static void write(String name, String select)
    {
        fixture.writeTable(name, select, 1024);
    }

    @AfterEach
    void restoreThreshold()
    {
        session.conf().set(THRESHOLD, "10m");
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    private static DataFrame table(String name)
    {
        return fixture.read(name);
    }

    private static List<Row> duck(String sql)
    {
        return fixture.duck(sql);
    }

    /** Runs {@code query} shuffled and then free to broadcast, checking both against DuckDB's rows. */
    private static void assertBothWays(List<Row> expected, DataFrame query)
    {
        session.conf().set(THRESHOLD, "0");
        assertFalse(query.physicalPlan().treeString().contains("Broadcast"), query.physicalPlan().treeString());
        DuckDbOracle.assertSameRowsUnordered(expected, query.collect());
        session.conf().set(THRESHOLD, "10m");
        DuckDbOracle.assertSameRowsUnordered(expected, query.collect());
    }

    private static void assertJoin(String type, String duckType)
    {
        DataFrame joined = table("l").join(table("r"), col("lk").equalTo(col("rk")), type);
        assertBothWays(duck("SELECT " + ALL_COLUMNS + " FROM $l l " + duckType + " JOIN $r r ON l.lk = r.rk"), joined);
        boolean broadcastable = !type.startsWith("full") && !type.equals("outer");
        assertEquals(broadcastable, joined.physicalPlan().treeString().contains("BroadcastExchange"), joined.physicalPlan().treeString());
    }

    @Test
    void innerJoinWithNullAndDuplicateKeys()
    {
        assertJoin("inner", "INNER");
        assertEquals(table("l").join(table("r"), col("lk").equalTo(col("rk"))).count(),
                duck("SELECT count(*) FROM $l l JOIN $r r ON l.lk = r.rk").get(0).getLong(0));
    }

    @Test
    void outerJoins()
    {
        assertJoin("left", "LEFT OUTER");
        assertJoin("left_outer", "LEFT OUTER");
        assertJoin("right", "RIGHT OUTER");
        assertJoin("rightouter", "RIGHT OUTER");
        assertJoin("full", "FULL OUTER");
        assertJoin("full_outer", "FULL OUTER");
        assertJoin("outer", "FULL OUTER");
    }

    @Test
    void semiAndAntiJoinsKeepLeftRowsOnly()
    {
        DataFrame semi = table("l").join(table("r"), col("lk").equalTo(col("rk")), "left_semi");
        assertBothWays(duck("SELECT * FROM $l l WHERE EXISTS (SELECT 1 FROM $r r WHERE l.lk = r.rk)"), semi);
        DataFrame anti = table("l").join(table("r"), col("lk").equalTo(col("rk")), "anti");
        assertBothWays(duck("SELECT * FROM $l l WHERE NOT EXISTS (SELECT 1 FROM $r r WHERE l.lk = r.rk)"), anti);
        assertTrue(anti.collect().stream().anyMatch(row -> row.get(1) == null), "left rows with a null key are never matched, so anti keeps them");
    }

    @Test
    void residualConditionAndMultiColumnKeys()
    {
        for (String[] type : OUTER_AND_INNER) {
            DataFrame joined = table("l")
                    .join(table("r"), col("lk").equalTo(col("rk")).and(col("rk2").equalTo(col("lk2"))).and(col("lv").lt(col("rv"))), type[0]);
            assertBothWays(duck("SELECT " + ALL_COLUMNS + " FROM $l l " + type[1] + " JOIN $r r ON l.lk = r.rk AND r.rk2 = l.lk2 AND l.lv < r.rv"),
                    joined);
        }
        assertBothWays(duck("SELECT * FROM $l l WHERE EXISTS (SELECT 1 FROM $r r WHERE l.lk = r.rk AND l.lv > r.rv)"),
                table("l").join(table("r"), col("lk").equalTo(col("rk")).and(col("lv").gt(col("rv"))), "leftsemi"));
        assertBothWays(duck("SELECT * FROM $l l WHERE NOT EXISTS (SELECT 1 FROM $r r WHERE l.lk = r.rk AND l.lv > r.rv)"),
                table("l").join(table("r"), col("lk").equalTo(col("rk")).and(col("lv").gt(col("rv"))), "leftanti"));
    }

    @Test
    void emptySide()
    {
        DataFrame emptyRight = table("r").filter(col("rid").lt(0));
        DataFrame emptyLeft = table("l").filter(col("lid").lt(0));
        for (String[] type : OUTER_AND_INNER) {
            assertBothWays(duck("SELECT " + ALL_COLUMNS + " FROM $l l " + type[1] + " JOIN (SELECT * FROM $r WHERE rid < 0) r ON l.lk = r.rk"),
                    table("l").join(emptyRight, col("lk").equalTo(col("rk")), type[0]));
            assertBothWays(duck("SELECT " + ALL_COLUMNS + " FROM (SELECT * FROM $l WHERE lid < 0) l " + type[1] + " JOIN $r r ON l.lk = r.rk"),
                    emptyLeft.join(table("r"), col("lk").equalTo(col("rk")), type[0]));
        }
        assertEquals(0, table("l").join(emptyRight, col("lk").equalTo(col("rk")), "semi").count());
        assertEquals(3000, table("l").join(emptyRight, col("lk").equalTo(col("rk")), "anti").count());
    }

    @Test
    void usingColumnsAppearOnce()
    {
        DataFrame joined = table("l").join(table("r"), "k");
        assertEquals(List.of("k", "lid", "lk", "lk2", "lv", "rid", "rk", "rk2", "rv"), List.of(joined.columns()));
        assertBothWays(duck("SELECT k, lid, lk, lk2, lv, rid, rk, rk2, rv FROM $l l JOIN $r r USING (k)"), joined);
    }

    @Test
    void joinThenAggregate()
    {
        assertBothWays(duck("SELECT lk2, count(*), count(rid), sum(rv) FROM $l l LEFT JOIN $r r ON l.lk = r.rk GROUP BY lk2"),
                table("l").join(table("r"), col("lk").equalTo(col("rk")), "left").groupBy("lk2").agg(count("*"), count("rid"), sum("rv")));
    }

    @Test
    void broadcastHintForcesBroadcastOfThatSide()
    {
        session.conf().set(THRESHOLD, "0");
        DataFrame hinted = table("l").join(broadcast(table("r")), col("lk").equalTo(col("rk")), "left");
        String plan = hinted.physicalPlan().treeString();
        assertTrue(plan.contains("BroadcastExchange") && plan.contains("build right"), plan);
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT " + ALL_COLUMNS + " FROM $l l LEFT JOIN $r r ON l.lk = r.rk"), hinted.collect());

        DataFrame hintedLeft = table("l").hint("broadcast").join(table("r"), col("lk").equalTo(col("rk")), "right");
        plan = hintedLeft.physicalPlan().treeString();
        assertTrue(plan.contains("BroadcastExchange") && plan.contains("build left"), plan);
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT " + ALL_COLUMNS + " FROM $l l RIGHT JOIN $r r ON l.lk = r.rk"), hintedLeft.collect());
    }

    @Test
    void joinsWithoutEquiKeys()
    {
        DataFrame small = table("l").filter(col("lid").lt(120));
        DataFrame cross = small.filter(col("lid").lt(30)).crossJoin(table("r").filter(col("rid").lt(300)));
        assertBothWays(duck("SELECT " + ALL_COLUMNS + " FROM (SELECT * FROM $l WHERE lid < 30) l CROSS JOIN (SELECT * FROM $r WHERE rid < 300) r"), cross);
        assertTrue(cross.physicalPlan().treeString().contains("NestedLoopJoin"), cross.physicalPlan().treeString());
        assertEquals(30L * 300, cross.count(), "a count reads no column of either side");
        assertEquals(30L * 2000, small.filter(col("lid").lt(30)).select(col("lid").plus(1)).crossJoin(table("r").select("rk")).count());
        for (String[] type : OUTER_AND_INNER) {
            DataFrame joined = small.join(table("r"), col("lv").gt(col("rv")).and(col("rk2").equalTo(lit("x1"))), type[0]);
            assertBothWays(duck("SELECT " + ALL_COLUMNS + " FROM (SELECT * FROM $l WHERE lid < 120) l " + type[1] + " JOIN $r r"
                    + " ON l.lv > r.rv AND r.rk2 = 'x1'"), joined);
        }
        assertBothWays(duck("SELECT * FROM $l l WHERE lid < 120 AND NOT EXISTS (SELECT 1 FROM $r r WHERE l.lv > r.rv)"),
                small.join(table("r"), col("lv").gt(col("rv")), "anti"));
        assertBothWays(duck("SELECT * FROM $l l WHERE lid < 120 AND EXISTS (SELECT 1 FROM $r r WHERE l.lv > r.rv + 50)"),
                small.join(table("r"), col("lv").gt(col("rv").plus(50)), "semi"));
    }

    @Test
    void tpchQ3ShapedThreeWayJoin()
    {
        LocalDate cutoff = LocalDate.of(1995, 3, 15);
        DataFrame q3 = table("customer").filter(col("c_mktsegment").equalTo("BUILDING"))
                .join(table("orders").filter(col("o_orderdate").lt(lit(cutoff))), col("c_custkey").equalTo(col("o_custkey")))
                .join(table("lineitem").filter(col("l_shipdate").gt(lit(cutoff))), col("l_orderkey").equalTo(col("o_orderkey")))
                .groupBy("l_orderkey", "o_orderdate", "o_shippriority")
                .agg(sum(col("l_extendedprice").multiply(lit(1).minus(col("l_discount")))).as("revenue"))
                .orderBy(col("revenue").desc(), col("o_orderdate"), col("l_orderkey"))
                .limit(10);
        List<Row> expected = duck("SELECT l_orderkey, o_orderdate, o_shippriority, sum(l_extendedprice * (1 - l_discount)) AS revenue"
                + " FROM $customer c, $orders o, $lineitem li WHERE c_mktsegment = 'BUILDING' AND c_custkey = o_custkey AND l_orderkey = o_orderkey"
                + " AND o_orderdate < DATE '1995-03-15' AND l_shipdate > DATE '1995-03-15'"
                + " GROUP BY l_orderkey, o_orderdate, o_shippriority ORDER BY revenue DESC, o_orderdate, l_orderkey LIMIT 10");
        assertEquals(10, expected.size());
        session.conf().set(THRESHOLD, "0");
        DuckDbOracle.assertSameRows(expected, q3.collect());
        session.conf().set(THRESHOLD, "10m");
        DuckDbOracle.assertSameRows(expected, q3.collect());
    }

    @Test
    void qualifiedNamesTellSelfJoinSidesApart()
    {
        DataFrame a = table("l").alias("a");
        DataFrame b = table("l").as("b");
        DataFrame joined = a.join(b, col("a.lk").equalTo(col("b.k")).and(col("b.lid").lt(col("a.lid"))), "left")
                .filter(col("a.lid").lt(200))
                .select(col("a.lid"), col("b.lid").as("other"), col("a.lk2"), col("b.lv"));
        assertEquals(List.of("lid", "other", "lk2", "lv"), List.of(joined.columns()));
        assertBothWays(duck("SELECT a.lid, b.lid, a.lk2, b.lv FROM $l a LEFT JOIN $l b ON a.lk = b.k AND b.lid < a.lid WHERE a.lid < 200"), joined);

        AnalysisException ambiguous = assertThrows(AnalysisException.class, () -> a.join(b, col("lk").equalTo(col("b.k"))));
        assertTrue(ambiguous.getMessage().contains("ambiguous") && ambiguous.getMessage().contains("qualify"), ambiguous.getMessage());
        AnalysisException missing = assertThrows(AnalysisException.class, () -> a.join(b, col("a.nope").equalTo(col("b.k"))));
        assertTrue(missing.getMessage().contains("column 'a.nope' not found in [a.lid, a.lk"), missing.getMessage());
    }

    @Test
    void badJoinsFailWithAClearMessage()
    {
        AnalysisException badType = assertThrows(AnalysisException.class,
                () -> table("l").join(table("r"), col("lk").equalTo(col("rk")), "sideways"));
        assertTrue(badType.getMessage().contains("join type 'sideways' is not known"), badType.getMessage());
        assertTrue(badType.getMessage().contains("left_semi"), badType.getMessage());

        AnalysisException ambiguous = assertThrows(AnalysisException.class,
                () -> table("l").join(table("r"), col("k").equalTo(col("rk"))));
        assertTrue(ambiguous.getMessage().contains("'k'") && ambiguous.getMessage().contains("ambiguous"), ambiguous.getMessage());
        assertTrue(ambiguous.getMessage().contains("qualify"), ambiguous.getMessage());
    }
}
