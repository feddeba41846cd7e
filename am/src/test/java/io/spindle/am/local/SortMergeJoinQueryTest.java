package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.SpindleSession;
import io.spindle.sql.execution.StageSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.spindle.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sort-merge joins and top-N in local mode over Parquet files that DuckDB writes, each answer checked against
 * DuckDB's: every join type, with null, duplicate and skewed keys (two fifths of one side on one key), residual
 * conditions, keys of every type leading a two-column key, a second join on the same key that reuses the first's
 * shuffle and sort, and limits over sorts.
 */
class SortMergeJoinQueryTest
{
    private static final String THRESHOLD = "spindle.sql.autoBroadcastJoinThreshold";
    private static final String PREFER_SORT_MERGE = "spindle.sql.join.preferSortMergeJoin";
    private static final String[][] OUTER_AND_INNER = {{"inner", "INNER"}, {"left", "LEFT OUTER"}, {"right", "RIGHT OUTER"}, {"full", "FULL OUTER"}};
    private static final String[] TYPED_KEYS = {"kl", "kd", "km", "kt", "kts", "ks", "kb"};

    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;
    private static SpindleSession session;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "16k", 3);
        session = fixture.session();
        // the tables are small enough to broadcast
        session.conf().set(THRESHOLD, "0");
        fixture.writeTable("a", columns("a", "i % 300", "i % 7", "(i % 5) * 0.5 - 1.0", "i % 9", "i % 6", "i % 4", "i % 6", "i % 3")
                + " FROM range(0, 4000) t(i)", 1000);
        // two rows in five of b have key 7
        fixture.writeTable("b", columns("b", "CASE WHEN i % 5 < 2 THEN 7 ELSE i % 350 END", "i % 5", "(i % 4) * 0.5 - 0.5", "i % 7", "i % 5",
                "i % 3", "(i + 1) % 6", "i % 2") + " FROM range(0, 3000) t(i)", 1000);
        fixture.writeTable("c", "SELECT CAST(i AS BIGINT) AS c_id, CAST(i % 320 AS INTEGER) AS c_ki, CAST(i AS DOUBLE) AS c_v FROM range(0, 2000) t(i)", 500);
    }

    /** The key columns of a table named {@code p}, each from an expression over i (values repeat), some with nulls. */
    private static String columns(String p, String ki, String kl, String kd, String km, String kt, String kts, String ks, String kb)
    {
        return "SELECT CAST(i AS BIGINT) AS " + p + "_id,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(" + ki + " AS INTEGER) END AS " + p + "_ki,"
                + " CAST(" + kl + " AS BIGINT) * 3000000000 AS " + p + "_kl,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE CAST(" + kd + " AS DOUBLE) END AS " + p + "_kd,"
                + " CAST((" + km + ") / 4.0 - 1 AS DECIMAL(12, 2)) AS " + p + "_km,"
                + " DATE '1969-12-30' + CAST(" + kt + " AS INTEGER) AS " + p + "_kt,"
                + " TIMESTAMP '2020-01-01 00:00:00' + to_microseconds(CAST(" + kts + " AS BIGINT) * 1000001) AS " + p + "_kts,"
                + " CASE WHEN i % 17 = 0 THEN NULL ELSE (['', 'a', 'ab', 'é', 'z', '東'])[CAST(" + ks + " AS INTEGER) + 1] END AS " + p + "_ks,"
                + " CASE WHEN i % 19 = 0 THEN NULL ELSE " + kb + " = 0 END AS " + p + "_kb,"
                + " CAST(i AS DOUBLE) AS " + p + "_v";
    }

    @AfterEach
    void restoreSettings()
    {
        session.conf().set(THRESHOLD, "0");
        session.conf().set(PREFER_SORT_MERGE, "true");
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

    /** Checks that {@code query} runs as a sort-merge join, neither hashing nor broadcasting, and gives DuckDB's rows for {@code duckSql}. */
    private static void assertMerged(String duckSql, DataFrame query)
    {
        session.conf().set(THRESHOLD, "0");
        String plan = query.physicalPlan().treeString();
        assertTrue(plan.contains("SortMergeJoin") && !plan.contains("HashJoin") && !plan.contains("Broadcast"), plan);
        DuckDbOracle.assertSameRowsUnordered(fixture.duck(duckSql), query.collect());
    }

    @Test
    void everyJoinTypeWithNullDuplicateAndSkewedKeys()
    {
        for (String[] type : OUTER_AND_INNER) {
            assertMerged("SELECT a_id, a_ki, b_id, b_ki FROM $a a " + type[1] + " JOIN $b b ON a_ki = b_ki",
                    table("a").join(table("b"), col("a_ki").equalTo(col("b_ki")), type[0]).select("a_id", "a_ki", "b_id", "b_ki"));
        }
        assertMerged("SELECT a_id, a_ki, a_ks FROM $a a WHERE EXISTS (SELECT 1 FROM $b b WHERE a_ki = b_ki)",
                table("a").join(table("b"), col("a_ki").equalTo(col("b_ki")), "left_semi").select("a_id", "a_ki", "a_ks"));
        assertMerged("SELECT a_id, a_ki, a_ks FROM $a a WHERE NOT EXISTS (SELECT 1 FROM $b b WHERE a_ki = b_ki)",
                table("a").join(table("b"), col("a_ki").equalTo(col("b_ki")), "left_anti").select("a_id", "a_ki", "a_ks"));

        long skewed = fixture.duck("SELECT count(*) FROM $a a JOIN $b b ON a_ki = b_ki WHERE b_ki = 7").get(0).getLong(0);
        assertTrue(skewed > 10_000, "key 7 should make many pairs, not " + skewed);
        assertEquals(fixture.duck("SELECT count(*) FROM $a a JOIN $b b ON a_ki = b_ki").get(0).getLong(0),
                table("a").join(table("b"), col("a_ki").equalTo(col("b_ki"))).count());
    }

    @Test
    void residualConditions()
    {
        for (String[] type : OUTER_AND_INNER) {
            assertMerged("SELECT a_id, b_id FROM $a a " + type[1] + " JOIN $b b ON a_ki = b_ki AND a_v < b_v",
                    table("a").join(table("b"), col("a_ki").equalTo(col("b_ki")).and(col("a_v").lt(col("b_v"))), type[0]).select("a_id", "b_id"));
        }
        assertMerged("SELECT a_id FROM $a a WHERE EXISTS (SELECT 1 FROM $b b WHERE a_ki = b_ki AND a_v > b_v)",
                table("a").join(table("b"), col("a_ki").equalTo(col("b_ki")).and(col("a_v").gt(col("b_v"))), "semi").select("a_id"));
        assertMerged("SELECT a_id FROM $a a WHERE NOT EXISTS (SELECT 1 FROM $b b WHERE a_ki = b_ki AND a_v > b_v)",
                table("a").join(table("b"), col("a_ki").equalTo(col("b_ki")).and(col("a_v").gt(col("b_v"))), "anti").select("a_id"));
    }

    @Test
    void twoColumnKeysLedByEveryType()
    {
        String[][] types = {{"inner", "INNER"}, {"full", "FULL OUTER"}, {"left_anti", null}};
        for (String typed : TYPED_KEYS) {
            String a = "a_" + typed;
            String b = "b_" + typed;
            for (String[] type : types) {
                DataFrame joined = table("a").join(table("b"), col(a).equalTo(col(b)).and(col("a_ki").equalTo(col("b_ki"))), type[0]);
                if (type[1] == null) {
                    assertMerged("SELECT a_id FROM $a a WHERE NOT EXISTS (SELECT 1 FROM $b b WHERE " + a + " = " + b + " AND a_ki = b_ki)",
                            joined.select("a_id"));
                }
                else {
                    assertMerged("SELECT a_id, b_id FROM $a a " + type[1] + " JOIN $b b ON " + a + " = " + b + " AND a_ki = b_ki",
                            joined.select("a_id", "b_id"));
                }
            }
        }
    }

    @Test
    void aSecondJoinOnTheSameKeyReusesTheFirstJoinsShuffleAndSort()
    {
        DataFrame chained = table("a").join(table("b"), col("a_ki").equalTo(col("b_ki")), "left")
                .join(table("c"), col("a_ki").equalTo(col("c_ki")))
                .select("a_id", "b_id", "c_id");
        String plan = chained.physicalPlan().treeString();
        assertEquals(3, plan.split("Exchange hashpartitioning", -1).length - 1, plan);
        assertEquals(3, plan.split("Sort \\[", -1).length - 1, plan);
        assertMerged("SELECT a_id, b_id, c_id FROM $a a LEFT JOIN $b b ON a_ki = b_ki JOIN $c c ON a_ki = c_ki", chained);
    }

    @Test
    void preferringHashJoinsAndTheHintsThatOverrideIt()
    {
        String expected = "SELECT a_id, b_id FROM $a a FULL OUTER JOIN $b b ON a_ks = b_ks AND a_ki = b_ki";
        session.conf().set(PREFER_SORT_MERGE, "false");
        DataFrame hashed = table("a").join(table("b"), col("a_ks").equalTo(col("b_ks")).and(col("a_ki").equalTo(col("b_ki"))), "full").select("a_id", "b_id");
        String plan = hashed.physicalPlan().treeString();
        assertTrue(plan.contains("HashJoin") && !plan.contains("SortMergeJoin"), plan);
        DuckDbOracle.assertSameRowsUnordered(fixture.duck(expected), hashed.collect());

        for (String hint : List.of("merge", "shufflemerge", "mergejoin")) {
            DataFrame hinted = table("a").hint(hint).join(table("b"), col("a_ks").equalTo(col("b_ks")).and(col("a_ki").equalTo(col("b_ki"))), "full")
                    .select("a_id", "b_id");
            plan = hinted.physicalPlan().treeString();
            assertTrue(plan.contains("SortMergeJoin") && !plan.contains("HashJoin"), hint + ": " + plan);
        }
        DataFrame hinted = table("a").join(table("b").hint("merge"), col("a_ks").equalTo(col("b_ks")).and(col("a_ki").equalTo(col("b_ki"))), "full")
                .select("a_id", "b_id");
        DuckDbOracle.assertSameRowsUnordered(fixture.duck(expected), hinted.collect());

        session.conf().set(PREFER_SORT_MERGE, "true");
        DataFrame shuffleHash = table("a").join(table("b").hint("shuffle_hash"), col("a_ki").equalTo(col("b_ki")));
        assertTrue(shuffleHash.physicalPlan().treeString().contains("HashJoin"), shuffleHash.physicalPlan().treeString());
        for (String mode : List.of("simple", "formatted", "cost")) {
            String explained = table("a").join(table("b"), col("a_ki").equalTo(col("b_ki"))).explainString(mode);
            assertTrue(explained.contains("SortMergeJoin"), mode + ": " + explained);
        }
    }

    @Test
    void limitOverSortKeepsTheTopRowsOfEachTask()
    {
        DataFrame top = table("a").orderBy(col("a_v").desc()).limit(15).select("a_id", "a_v");
        List<Row> expected = fixture.duck("SELECT a_id, a_v FROM $a ORDER BY a_v DESC LIMIT 15");
        DuckDbOracle.assertSameRows(expected, top.collect());
        StageSummary map = session.lastJobSummary().stages().get(0);
        assertTrue(map.tasks() > 1, "the table should be read by several tasks, not " + map.tasks());
        assertTrue(map.rowsOut() <= 15L * map.tasks(), "each map task keeps at most 15 rows, not " + map.rowsOut() + " in " + map.tasks() + " tasks");
        assertFalse(top.physicalPlan().treeString().contains("Sort ["), top.physicalPlan().treeString());
        for (String mode : List.of("simple", "formatted", "cost")) {
            String explained = top.explainString(mode);
            assertTrue(explained.contains("TakeOrdered"), mode + ": " + explained);
        }

        // nulls placed as asked, ties broken by a second key, a string key in UTF-8 byte order
        DuckDbOracle.assertSameRows(fixture.duck("SELECT a_id, a_kd, a_ks FROM $a ORDER BY a_kd ASC NULLS LAST, a_ks DESC NULLS FIRST, a_id LIMIT 40"),
                table("a").orderBy(col("a_kd").asc_nulls_last(), col("a_ks").desc_nulls_first(), col("a_id")).limit(40).select("a_id", "a_kd", "a_ks").collect());
        // after a join, over more rows than the limit in every task
        DuckDbOracle.assertSameRows(fixture.duck("SELECT a_id, b_id FROM $a a JOIN $b b ON a_ki = b_ki ORDER BY b_v + a_v DESC, a_id, b_id LIMIT 25"),
                table("a").join(table("b"), col("a_ki").equalTo(col("b_ki")))
                        .orderBy(col("b_v").plus(col("a_v")).desc(), col("a_id"), col("b_id")).limit(25).select("a_id", "b_id").collect());
        assertFalse(table("a").orderBy(col("a_v")).limit(5).explainString("simple").contains("Sort ["));
    }
}
