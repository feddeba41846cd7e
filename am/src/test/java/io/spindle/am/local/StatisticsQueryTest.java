package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.planner.optimizer.Optimizer;
import io.spindle.planner.statistics.Statistics;
import io.spindle.planner.statistics.StatisticsEstimator;
import io.spindle.sql.DataFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Estimates from real Parquet footers that DuckDB writes: what {@code explain("cost")} shows and what join planning does with it. */
class StatisticsQueryTest
{
    private static final String THRESHOLD = "spindle.sql.autoBroadcastJoinThreshold";

    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "16k", 3);
        fixture.writeTable("l", "SELECT CAST(i AS INTEGER) AS lid, CAST(i % 900 AS INTEGER) AS lk, CAST(i * 0.5 AS DOUBLE) AS lv FROM range(0, 3000) t(i)", 1024);
        fixture.writeTable("r", "SELECT CAST(i AS BIGINT) AS rid, CAST(i % 700 AS BIGINT) AS rk, CAST(i AS DOUBLE) AS rv,"
                + " 'name-' || CAST(i AS VARCHAR) AS rname FROM range(0, 2000) t(i)", 1024);
    }

    @AfterEach
    void restoreThreshold()
    {
        fixture.session().conf().set(THRESHOLD, "10m");
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    private static Statistics estimate(DataFrame df)
    {
        return StatisticsEstimator.estimate(Optimizer.optimize(df.logicalPlan()));
    }

    @Test
    void costExplainShowsEachOperatorsEstimateFromTheFooters()
    {
        DataFrame query = fixture.read("l").join(fixture.read("r"), col("lk").equalTo(col("rk"))).groupBy("lk").agg(count("*"), sum("rv"));
        String explain = query.explainString("cost");
        String logical = explain.substring(explain.indexOf("== Optimized Logical Plan ==\n"), explain.indexOf("== Physical Plan =="));
        List<String> lines = Arrays.stream(logical.split("\n")).skip(1).filter(line -> !line.isBlank()).toList();
        assertTrue(lines.size() >= 3, explain);
        lines.forEach(line -> assertTrue(line.contains(", Statistics(sizeInBytes="), line));
        assertTrue(explain.contains("rowCount=3000)") && explain.contains("rowCount=2000)"), "scans count the footers' rows:\n" + explain);
        // lk runs over 0..899: at most 900 groups
        assertEquals(900, estimate(query).rowCount(), 1e-9, explain);
        assertEquals(3000, estimate(fixture.read("l").filter(col("lid").lt(100000))).rowCount(), 1e-9);
        assertEquals(100, estimate(fixture.read("l").filter(col("lid").lt(100))).rowCount(), 1.0);
    }

    @Test
    void aSideFilteredUnderTheThresholdIsBroadcastAndTheRowsStayRight()
    {
        double wholeRight = estimate(fixture.read("r")).sizeInBytes();
        fixture.session().conf().set(THRESHOLD, String.valueOf((long) (wholeRight / 2)));

        DataFrame whole = fixture.read("l").join(fixture.read("r"), col("lk").equalTo(col("rk")));
        assertFalse(whole.physicalPlan().treeString().contains("BroadcastExchange"), whole.physicalPlan().treeString());

        DataFrame filtered = fixture.read("l").join(fixture.read("r").filter(col("rid").lt(200)), col("lk").equalTo(col("rk")));
        assertTrue(filtered.physicalPlan().treeString().contains("BroadcastExchange"), filtered.explainString("cost"));
        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT * FROM $l l JOIN (SELECT * FROM $r WHERE rid < 200) r ON l.lk = r.rk"),
                filtered.collect());
    }

    @Test
    void groupedOnTheJoinKeyExplainsWithTwoExchanges()
    {
        fixture.session().conf().set(THRESHOLD, "0");
        DataFrame query = fixture.read("l").join(fixture.read("r"), col("lk").equalTo(col("rk"))).groupBy("lk").agg(count("*"), sum("rv"));
        String explain = query.explainString("cost");
        System.out.println(explain);
        assertEquals(2, explain.split("Exchange hashpartitioning", -1).length - 1, explain);
        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT lk, count(*), sum(rv) FROM $l l JOIN $r r ON l.lk = r.rk GROUP BY lk"),
                query.collect());
    }
}
