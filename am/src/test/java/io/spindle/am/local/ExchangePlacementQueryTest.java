package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.planner.physical.ExchangeExec;
import io.spindle.planner.physical.PhysicalPlan;
import io.spindle.sql.DataFrame;
import io.spindle.sql.SpindleSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Queries whose inputs are already spread the way an operator needs, run in local mode against DuckDB's answers:
 * the plan must not shuffle again, and the rows must still be right. Broadcasting is off so joins shuffle.
 */
class ExchangePlacementQueryTest
{
    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "16k", 3);
        SpindleSession session = fixture.session();
        session.conf().set("spindle.sql.autoBroadcastJoinThreshold", "0");
        // int keys on the left, long keys on the right, both with nulls and duplicates
        fixture.writeTable("l", "SELECT CAST(i AS INTEGER) AS lid, CASE WHEN i % 13 = 0 THEN NULL ELSE CAST(i % 900 AS INTEGER) END AS lk,"
                + " CAST(i * 0.5 AS DOUBLE) AS lv, CAST(i % 400 AS INTEGER) AS k FROM range(0, 3000) t(i)", 1024);
        fixture.writeTable("r", "SELECT CAST(i AS BIGINT) AS rid, CASE WHEN i % 17 = 0 THEN NULL ELSE CAST(i % 700 AS BIGINT) END AS rk,"
                + " CAST(i AS DOUBLE) AS rv, CAST(i % 600 AS INTEGER) AS k FROM range(0, 2000) t(i)", 1024);
        fixture.writeSingleFile("small", "SELECT CAST(i % 7 AS INTEGER) AS g, CAST(i AS BIGINT) AS x FROM range(0, 100) t(i)", 1000);
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    private static long exchanges(PhysicalPlan plan)
    {
        long own = plan instanceof ExchangeExec ? 1 : 0;
        return own + plan.children().stream().mapToLong(ExchangePlacementQueryTest::exchanges).sum();
    }

    private static void assertExchanges(long expected, DataFrame query)
    {
        PhysicalPlan plan = query.physicalPlan();
        assertEquals(expected, exchanges(plan), plan.treeString());
    }

    @Test
    void groupedOnTheJoinKeyShufflesOnce()
    {
        DataFrame query = fixture.read("l").join(fixture.read("r"), col("lk").equalTo(col("rk")))
                .groupBy("lk").agg(count("*"), sum("rv"), sum("lv"));
        assertExchanges(2, query);
        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT lk, count(*), sum(rv), sum(lv) FROM $l l JOIN $r r ON l.lk = r.rk GROUP BY lk"),
                query.collect());
    }

    @Test
    void groupedOnAUsingColumnAfterAProjectionShufflesOnce()
    {
        DataFrame query = fixture.read("l").join(fixture.read("r"), "k").select(col("rv"), col("k")).groupBy("k").agg(sum("rv"), count("*"));
        assertExchanges(2, query);
        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT k, sum(rv), count(*) FROM $l l JOIN $r r USING (k) GROUP BY k"), query.collect());
    }

    @Test
    void joinOfInputsHashedOnTheirKeysAddsNoExchangeEvenAcrossIntAndLong()
    {
        DataFrame query = fixture.read("l").repartition(3, col("lk")).join(fixture.read("r").repartition(3, col("rk")), col("lk").equalTo(col("rk")));
        assertExchanges(2, query);
        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT * FROM $l l JOIN $r r ON l.lk = r.rk"), query.collect());

        DataFrame fullOuter = fixture.read("l").repartition(3, col("lk"))
                .join(fixture.read("r").repartition(3, col("rk")), col("lk").equalTo(col("rk")), "full");
        assertExchanges(2, fullOuter);
        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT * FROM $l l FULL OUTER JOIN $r r ON l.lk = r.rk"), fullOuter.collect());
    }

    @Test
    void anInputHashedIntoOtherCountsSetsTheCountForTheOtherSide()
    {
        DataFrame query = fixture.read("l").repartition(5, col("lk")).join(fixture.read("r"), col("lk").equalTo(col("rk")), "left");
        assertExchanges(2, query);
        assertEquals(5, query.stageGraph().resultStage().numTasks());
        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT * FROM $l l LEFT JOIN $r r ON l.lk = r.rk"), query.collect());
    }

    @Test
    void aggregationOverOnePartitionAddsNoExchange()
    {
        DataFrame global = fixture.read("small").agg(count("*"), sum("x"));
        assertExchanges(0, global);
        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT count(*), sum(x) FROM $small"), global.collect());

        DataFrame grouped = fixture.read("l").coalesce(1).groupBy("k").agg(count("*"), sum("lv"));
        assertExchanges(1, grouped);
        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT k, count(*), sum(lv) FROM $l GROUP BY k"), grouped.collect());
    }
}
