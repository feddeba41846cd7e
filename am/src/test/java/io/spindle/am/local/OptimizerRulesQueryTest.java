package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Sort;
import io.spindle.planner.optimizer.Optimizer;
import io.spindle.sql.AnalysisException;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.SpindleSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optimizer rules that infer filters across join keys, narrow outer joins, push limits down and drop
 * redundant sorts, each seen firing in the optimized plan of a local-mode query whose rows match DuckDB's,
 * and the {@code shuffle_hash} join hint seen in the physical plan.
 */
class OptimizerRulesQueryTest
{
    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;
    private static SpindleSession session;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "16k", 3);
        session = fixture.session();
        fixture.writeTable("l", "SELECT CAST(i AS BIGINT) AS lid, CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(i % 500 AS BIGINT) END AS lk,"
                + " CAST(i * 0.5 AS DOUBLE) AS lv FROM range(0, 2000) t(i)", 256);
        fixture.writeTable("r", "SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i % 300 AS BIGINT) END AS rk,"
                + " CAST(i AS DOUBLE) AS rv FROM range(0, 1200) t(i)", 256);
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    private static LogicalPlan optimized(DataFrame query)
    {
        return Optimizer.optimize(query.logicalPlan());
    }

    private static <T extends LogicalPlan> List<T> find(LogicalPlan plan, Class<T> kind)
    {
        List<T> found = new ArrayList<>();
        if (kind.isInstance(plan)) {
            found.add(kind.cast(plan));
        }
        for (LogicalPlan child : plan.children()) {
            found.addAll(find(child, kind));
        }
        return found;
    }

    @Test
    void aFilterOnOneJoinKeyIsPushedIntoBothScans()
    {
        DataFrame query = fixture.read("l").join(fixture.read("r"), col("lk").equalTo(col("rk"))).filter(col("lk").gt(250));

        List<FileRelation> scans = find(optimized(query), FileRelation.class);
        assertEquals(2, scans.size());
        for (FileRelation scan : scans) {
            assertTrue(scan.pushedFilters().toString().contains("> 250"), scan.describe());
        }
        DuckDbOracle.assertSameRowsUnordered(
                fixture.duck("SELECT lid, lk, lv, rk, rv FROM $l l JOIN $r r ON lk = rk WHERE lk > 250"), query.collect());
    }

    @Test
    void aNullRejectingFilterMakesAnOuterJoinInner()
    {
        DataFrame query = fixture.read("l").join(fixture.read("r"), col("lk").equalTo(col("rk")), "left").filter(col("rv").plus(1).gt(600));

        Join join = find(optimized(query), Join.class).get(0);
        assertEquals("inner", join.type().sqlName());
        DuckDbOracle.assertSameRowsUnordered(
                fixture.duck("SELECT lid, lk, lv, rk, rv FROM $l l LEFT JOIN $r r ON lk = rk WHERE rv + 1 > 600"), query.collect());

        DataFrame keepsPadding = fixture.read("l").join(fixture.read("r"), col("lk").equalTo(col("rk")), "left").filter(col("rv").isNull());
        assertEquals("left_outer", find(optimized(keepsPadding), Join.class).get(0).type().sqlName());
        DuckDbOracle.assertSameRowsUnordered(
                fixture.duck("SELECT lid, lk, lv, rk, rv FROM $l l LEFT JOIN $r r ON lk = rk WHERE rv IS NULL"), keepsPadding.collect());
    }

    @Test
    void limitsArePushedBelowProjectionsUnionsAndOuterJoins()
    {
        DataFrame projected = fixture.read("l").select(col("lid"), col("lv").multiply(2).as("twice")).limit(5);
        assertInstanceOf(Limit.class, optimized(projected).children().get(0), optimized(projected).treeString());
        assertEquals(5, projected.collect().size());

        DataFrame union = fixture.read("l").select("lid").unionAll(fixture.read("r").select("rk")).limit(7);
        assertEquals(3, find(optimized(union), Limit.class).size(), optimized(union).treeString());
        assertEquals(7, union.collect().size());

        DataFrame outer = fixture.read("l").join(fixture.read("r"), col("lk").equalTo(col("rk")), "left").limit(9);
        Join join = find(optimized(outer), Join.class).get(0);
        assertFalse(find(join.left(), Limit.class).isEmpty(), optimized(outer).treeString());
        List<Row> rows = outer.collect();
        assertEquals(9, rows.size());
        List<Row> all = fixture.duck("SELECT lid, lk, lv, rk, rv FROM $l l LEFT JOIN $r r ON lk = rk");
        for (Row row : rows) {
            assertTrue(all.contains(row), row + " is not a row of the join");
        }
    }

    @Test
    void shuffleHashHintShufflesASideSmallEnoughToBroadcast()
    {
        DataFrame unhinted = fixture.read("l").join(fixture.read("r"), col("lk").equalTo(col("rk")));
        assertTrue(unhinted.physicalPlan().treeString().contains("BroadcastExchange"), unhinted.physicalPlan().treeString());

        DataFrame hinted = fixture.read("l").hint("shuffle_hash").join(fixture.read("r"), col("lk").equalTo(col("rk")));
        String plan = hinted.physicalPlan().treeString();
        assertFalse(plan.contains("BroadcastExchange"), plan);
        assertTrue(plan.contains("build left"), plan);
        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT lid, lk, lv, rk, rv FROM $l l JOIN $r r ON lk = rk"), hinted.collect());

        AnalysisException unknown = assertThrows(AnalysisException.class, () -> fixture.read("l").hint("shuffle_merge"));
        assertTrue(unknown.getMessage().contains("'shuffle_merge'") && unknown.getMessage().contains("broadcast, shuffle_hash"), unknown.getMessage());
    }

    @Test
    void sortsWhoseOrderNobodySeesAreRemoved()
    {
        DataFrame aggregated = fixture.read("l").orderBy("lv").groupBy("lk").agg(sum(col("lv")).as("total"));
        assertTrue(find(optimized(aggregated), Sort.class).isEmpty(), optimized(aggregated).treeString());
        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT lk, SUM(lv) AS total FROM $l GROUP BY lk"), aggregated.collect());

        DataFrame resorted = fixture.read("l").orderBy("lv").orderBy(col("lid").desc());
        assertEquals(1, find(optimized(resorted), Sort.class).size(), optimized(resorted).treeString());
        DuckDbOracle.assertSameRows(fixture.duck("SELECT lid, lk, lv FROM $l ORDER BY lid DESC"), resorted.collect());
    }
}
