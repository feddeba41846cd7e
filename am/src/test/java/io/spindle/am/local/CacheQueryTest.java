package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.planner.physical.FileScanExec;
import io.spindle.planner.physical.InMemoryScanExec;
import io.spindle.planner.physical.PhysicalPlan;
import io.spindle.sql.DataFrame;
import io.spindle.sql.execution.StageSummary;
import io.spindle.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * cache(), persist() and unpersist() in local mode with a 4 MiB memory pool, against DuckDB: what is cached is read
 * instead of recomputed, and what was evicted is recomputed from its plan.
 */
class CacheQueryTest
{
    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "256k", 3, Map.of("spindle.memory.poolBytes", "4m"));
        // hash values barely compress, so each table's cached blocks take about 2.5 MB: one fits the pool, two do not
        for (String table : List.of("a", "b")) {
            fixture.writeTable(table, "SELECT i AS id, CAST(hash(i + " + (table.equals("a") ? 0 : 7) + ") % 1000000000000 AS BIGINT) AS h,"
                    + " CAST(i % 13 AS INTEGER) AS k FROM range(0, 200000) r(i)", 25000);
        }
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    private static boolean contains(PhysicalPlan plan, Class<?> kind)
    {
        return kind.isInstance(plan) || plan.children().stream().anyMatch(child -> contains(child, kind));
    }

    private static List<String> stageNames()
    {
        return fixture.session().lastJobSummary().stages().stream().map(StageSummary::name).toList();
    }

    @Test
    void aCachedFrameIsComputedOnceThenReadFromTheExecutorsUntilUnpersisted()
    {
        DataFrame filtered = fixture.read("a").filter(col("k").lt(9)).cache();
        assertEquals(Optional.of(StorageLevel.MEMORY_AND_DISK), filtered.storageLevel());
        PhysicalPlan beforeAction = filtered.groupBy("k").agg(count("*")).physicalPlan();
        assertTrue(contains(beforeAction, FileScanExec.class), "nothing is cached until an action runs:\n" + beforeAction);

        long rows = filtered.count();

        assertEquals(fixture.duck("SELECT count(*) FROM $a WHERE k < 9").get(0).get(0), rows);
        DataFrame grouped = filtered.groupBy("k").agg(count("*"), sum("h"));
        PhysicalPlan plan = grouped.physicalPlan();
        assertFalse(contains(plan, FileScanExec.class), "the second query reads the cache:\n" + plan);
        assertTrue(plan.treeString().contains("cached partitions"), plan.treeString());
        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT k, count(*), sum(h) FROM $a WHERE k < 9 GROUP BY k"), grouped.collect());
        assertTrue(stageNames().get(0).startsWith("HashAggregate(partial) <- InMemoryTableScan"), stageNames().toString());

        filtered.unpersist();

        assertEquals(Optional.empty(), filtered.storageLevel());
        assertTrue(contains(grouped.physicalPlan(), FileScanExec.class));
        DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT k, count(*), sum(h) FROM $a WHERE k < 9 GROUP BY k"), grouped.collect());
    }

    @Test
    void memoryOnlyBlocksEvictedByAnotherCacheAreRecomputedFromTheirPlan()
    {
        DataFrame a = fixture.read("a").select("id", "h").persist(StorageLevel.MEMORY_ONLY);
        DataFrame b = fixture.read("b").select("id", "h").persist(StorageLevel.MEMORY_ONLY);
        try {
            assertEquals(200000, a.count());
            assertFalse(contains(a.agg(sum("h")).physicalPlan(), FileScanExec.class), "a is cached");
            assertEquals(200000, b.count());

            Object sum = a.agg(sum("h")).collect().get(0).get(0);

            assertEquals(fixture.duck("SELECT CAST(sum(h) AS BIGINT) FROM $a").get(0).get(0), sum);
            assertTrue(stageNames().get(0).contains("FileScan"), "caching b dropped a's blocks, so a was recomputed: " + stageNames());
            assertTrue(contains(a.agg(sum("h")).physicalPlan(), InMemoryScanExec.class));
        }
        finally {
            a.unpersist();
            b.unpersist();
        }
    }

    @Test
    void aDiskOnlyCacheGivesTheSameAnswersAsTheFiles()
    {
        DataFrame joined = fixture.read("a").join(fixture.read("b").withColumnRenamed("h", "bh").withColumnRenamed("k", "bk"), "id")
                .persist(StorageLevel.DISK_ONLY);
        try {
            String sql = "SELECT a.k, count(*), sum(b.h) FROM $a a JOIN $b b ON a.id = b.id WHERE a.h % 3 = 0 GROUP BY a.k";
            DataFrame query = joined.filter(col("h").mod(3).equalTo(0)).groupBy("k").agg(count("*"), sum("bh"));
            DuckDbOracle.assertSameRowsUnordered(fixture.duck(sql), query.collect());
            assertFalse(contains(query.physicalPlan(), FileScanExec.class), query.physicalPlan().treeString());
            DuckDbOracle.assertSameRowsUnordered(fixture.duck(sql), query.collect());
        }
        finally {
            joined.unpersist();
        }
    }
}
