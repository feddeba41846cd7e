package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.execution.JobSummary;
import io.spindle.sql.execution.StageSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.max;
import static io.spindle.sql.functions.min;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Aggregation, sort and a shuffled hash join with an executor memory pool of 1 MiB (two task threads share it),
 * far smaller than their state: they must spill, report it, and still agree with DuckDB.
 */
class SpillQueryTest
{
    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "256k", 2, Map.of("spindle.memory.poolBytes", "1m"));
        fixture.writeTable("t", "SELECT i AS id, CAST((i * 7919) % 150000 AS BIGINT) AS k,"
                + " CASE WHEN i % 10 = 0 THEN NULL ELSE 'v' || CAST((i * 31) % 977 AS VARCHAR) END AS s,"
                + " CAST(i % 1000 AS DOUBLE) / 8 AS d FROM range(0, 300000) r(i)", 20000);
        fixture.writeTable("u", "SELECT i AS uid, CASE WHEN i % 50 = 0 THEN NULL ELSE CAST((i * 13) % 200000 AS BIGINT) END AS uk,"
                + " 'u' || CAST(i % 97 AS VARCHAR) AS us FROM range(0, 200000) r(i)", 20000);
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    private static long spilled(JobSummary summary)
    {
        return summary.stages().stream().mapToLong(StageSummary::spillBytes).sum();
    }

    @Test
    void aGroupByWithMoreGroupsThanFitInMemorySpillsAndIsRight()
    {
        DataFrame grouped = fixture.read("t").groupBy("k").agg(count("*"), sum("d"), min("s"), max("s"), sum("id"));

        List<Row> rows = grouped.collect();

        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT k, count(*), sum(d), min(s), max(s), sum(id) FROM $t GROUP BY k"), rows);
        assertEquals(150000, rows.size());
        JobSummary summary = fixture.session().lastJobSummary();
        assertTrue(spilled(summary) > 0, "nothing spilled:\n" + summary.format());
        assertTrue(summary.format().contains("spill"), summary.format());
        // the summary says what to do about it, and records how the work spread over the tasks
        assertTrue(summary.hints().stream().anyMatch(h -> h.contains("spilled") && h.contains("spindle.executor.memory")), summary.format());
        assertTrue(summary.stages().stream().allMatch(s -> s.spread().slowestPartition() >= 0 && s.spread().maxMillis() >= s.spread().medianMillis()),
                summary.format());
        assertTrue(summary.stages().stream().allMatch(s -> s.peakTaskMemory() <= 2 << 20),
                "no task held much more than the pool:\n" + summary.format());
    }

    @Test
    void aGlobalSortOfMoreRowsThanFitInMemorySpillsAndKeepsTheOrder()
    {
        DataFrame sorted = fixture.read("t").orderBy(col("s").desc(), col("id"));

        List<Row> rows = sorted.collect();

        DuckDbOracle.assertSameRows(fixture.duck("SELECT * FROM $t ORDER BY s DESC NULLS LAST, id"), rows);
        assertTrue(spilled(fixture.session().lastJobSummary()) > 0, fixture.session().lastJobSummary().format());
    }

    @Test
    void aShuffledHashJoinWhoseBuildSideDoesNotFitSwitchesToSortMergeAndIsRightForEveryJoinType()
    {
        Map<String, String> sqlTypes = Map.of("inner", "JOIN", "left", "LEFT JOIN", "right", "RIGHT JOIN", "full", "FULL JOIN",
                "semi", "WHERE EXISTS", "anti", "WHERE NOT EXISTS");
        for (Map.Entry<String, String> type : sqlTypes.entrySet()) {
            boolean bothSides = !type.getKey().equals("semi") && !type.getKey().equals("anti");
            DataFrame joined = fixture.read("t").join(fixture.read("u").hint("shuffle_hash"), col("k").equalTo(col("uk")), type.getKey());
            String plan = joined.physicalPlan().treeString();
            assertTrue(plan.contains("HashJoin") && !plan.contains("SortMergeJoin") && !plan.contains("Broadcast"), plan);
            DataFrame summed = bothSides
                    ? joined.agg(count("*"), count("id"), sum("id"), count("uid"), sum("uid"), min("us"), max("s"), sum("k"))
                    : joined.agg(count("*"), sum("id"), min("s"), sum("k"));
            String expected = bothSides
                    ? "SELECT count(*), count(id), sum(id), count(uid), sum(uid), min(us), max(s), sum(k) FROM $t t " + type.getValue() + " $u u ON k = uk"
                    : "SELECT count(*), sum(id), min(s), sum(k) FROM $t t " + type.getValue() + " (SELECT 1 FROM $u u WHERE uk = k)";

            List<Row> rows = summed.collect();

            DuckDbOracle.assertSameRows(fixture.duck(expected), rows);
            JobSummary summary = fixture.session().lastJobSummary();
            assertTrue(spilled(summary) > 0, type.getKey() + " spilled nothing:\n" + summary.format());
        }
    }
}
