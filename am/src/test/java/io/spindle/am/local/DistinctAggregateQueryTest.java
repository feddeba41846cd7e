package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.planner.physical.FileScanExec;
import io.spindle.planner.physical.PhysicalPlan;
import io.spindle.sql.DataFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.spindle.sql.functions.avg;
import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.countDistinct;
import static io.spindle.sql.functions.max;
import static io.spindle.sql.functions.min;
import static io.spindle.sql.functions.stddev;
import static io.spindle.sql.functions.stddev_pop;
import static io.spindle.sql.functions.sum;
import static io.spindle.sql.functions.sumDistinct;
import static io.spindle.sql.functions.var_pop;
import static io.spindle.sql.functions.variance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** count(DISTINCT) beside other aggregates, and filters pushed through unions, in local mode against DuckDB. */
class DistinctAggregateQueryTest
{
    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "32k", 3);
        fixture.writeTable("t", "SELECT i AS id, CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i % 5 AS INTEGER) END AS k,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE 's' || CAST(i % 37 AS VARCHAR) END AS s,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE CAST(((i * 7) % 1000) / 4 AS DECIMAL(9,2)) END AS m FROM range(0, 20000) r(i)", 3000);
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    @Test
    void distinctCountsBesideSumsCountsAndExtremesPerGroup()
    {
        DataFrame grouped = fixture.read("t").groupBy("k")
                .agg(countDistinct("s").as("ds"), sum("m").as("sm"), count("*").as("n"), count("s").as("ns"), min("s").as("lo"), max("m").as("hi"));

        DuckDbOracle.assertSameRowsUnordered(
                fixture.duck("SELECT k, count(DISTINCT s), sum(m), count(*), count(s), min(s), max(m) FROM $t GROUP BY k"), grouped.collect());
        assertEquals(List.of("k", "ds", "sm", "n", "ns", "lo", "hi"), List.of(grouped.columns()));
        assertEquals("decimal(19,2)", grouped.schema().field(2).type().sqlName(), "sum keeps Spark's type");
    }

    @Test
    void distinctAggregatesOfSeveralColumnsBesideAnAverage()
    {
        DataFrame grouped = fixture.read("t").groupBy("k")
                .agg(countDistinct("s").as("ds"), sumDistinct("m").as("dm"), countDistinct("m").as("cm"), avg("m").as("am"), count("*").as("n"));

        DuckDbOracle.assertSameRowsUnordered(
                fixture.duck("SELECT k, count(DISTINCT s), sum(DISTINCT m), count(DISTINCT m), avg(m), count(*) FROM $t GROUP BY k"), grouped.collect());
        assertEquals(List.of("k", "ds", "dm", "cm", "am", "n"), List.of(grouped.columns()));
        assertEquals(List.of("decimal(19,2)", "decimal(13,6)"), List.of(grouped.schema().field(2).type().sqlName(), grouped.schema().field(4).type().sqlName()));
        // the parts join on k, which is null for some rows: a hash or merge join on keys, and the null group kept
        String plan = grouped.explainString("simple");
        assertTrue(!plan.contains("NestedLoop"), plan);
        assertEquals(6, grouped.collect().size());
    }

    @Test
    void varianceAndStandardDeviationOfDecimalsAndIntegers()
    {
        DataFrame spread = fixture.read("t").groupBy("k").agg(stddev("m"), stddev_pop(col("id")), variance("m"), var_pop(col("m")));

        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT k, stddev_samp(m), stddev_pop(id), var_samp(m), var_pop(m) FROM $t GROUP BY k"),
                spread.collect());
        assertEquals(List.of("k", "stddev_samp(m)", "stddev_pop(id)", "var_samp(m)", "var_pop(m)"), List.of(spread.columns()));
    }

    @Test
    void rollupAndCubeGiveSubtotalsAsSparkDoes()
    {
        DataFrame rollup = fixture.read("t").filter(col("id").lt(5000)).rollup("k", "s").agg(count("*").as("n"), sum("m").as("total"));
        assertEquals(List.of("k", "s", "n", "total"), List.of(rollup.columns()));
        DuckDbOracle.assertSameRowsUnordered(
                fixture.duck("SELECT k, s, count(*), sum(m) FROM $t WHERE id < 5000 GROUP BY ROLLUP(k, s)"), rollup.collect());
        DuckDbOracle.assertSameRowsUnordered(
                fixture.duck("SELECT k, count(*), max(m) FROM $t GROUP BY CUBE(k)"), fixture.read("t").cube("k").agg(count("*"), max("m")).collect());
    }

    @Test
    void aGlobalDistinctCountOverNoRowsIsZero()
    {
        DataFrame none = fixture.read("t").filter(col("id").lt(0)).agg(countDistinct("s"), count("*"), sum("m"));

        DuckDbOracle.assertSameRows(fixture.duck("SELECT count(DISTINCT s), count(*), sum(m) FROM $t WHERE id < 0"), none.collect());
        DuckDbOracle.assertSameRows(fixture.duck("SELECT count(DISTINCT s), count(*) FROM $t"), fixture.read("t").agg(countDistinct("s"), count("*")).collect());
    }

    @Test
    void aFilterOverAUnionReachesEveryScan()
    {
        DataFrame union = fixture.read("t").select("id", "s").union(fixture.read("t").select("id", "s")).filter(col("id").lt(500));

        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT id, s FROM $t WHERE id < 500 UNION ALL SELECT id, s FROM $t WHERE id < 500"),
                union.collect());
        List<FileScanExec> scans = new ArrayList<>();
        collectScans(union.physicalPlan(), scans);
        assertEquals(2, scans.size());
        assertTrue(scans.stream().allMatch(scan -> !scan.pushedFilters().isEmpty()), union.physicalPlan().treeString());
    }

    private static void collectScans(PhysicalPlan plan, List<FileScanExec> out)
    {
        if (plan instanceof FileScanExec scan) {
            out.add(scan);
        }
        plan.children().forEach(child -> collectScans(child, out));
    }
}
