package io.spindle.am.local;

import io.spindle.am.scheduler.DagScheduler;
import io.spindle.am.scheduler.ExecutorPool;
import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.conf.SpindleConf;
import io.spindle.planner.stages.StageGraph;
import io.spindle.runtime.task.ExecutorEnvironment;
import io.spindle.runtime.task.TaskDescription;
import io.spindle.runtime.task.TaskResult;
import io.spindle.shuffle.ShuffleLayout;
import io.spindle.sql.DataFrame;
import io.spindle.sql.JobFailedException;
import io.spindle.sql.execution.QueryResult;
import io.spindle.sql.execution.StageSummary;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Map outputs deleted from disk after their stage: the reduce tasks fail to fetch them, and the scheduler
 * recomputes them from the map stage (the lineage) instead of failing the job.
 */
class LineageRecomputeTest
{
    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "32k", 3);
        fixture.writeTable("t", "SELECT i AS id, CAST(i % 97 AS BIGINT) AS k, CAST(i % 1000 AS DOUBLE) AS v FROM range(0, 30000) r(i)", 4000);
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    /** Runs tasks in this JVM, deleting map 0's output of the first shuffle each time a task writes it, up to {@code losses} times. */
    private static final class LosingPool
            implements ExecutorPool
    {
        private final LocalExecutorPool pool;
        private final Path work;
        private int losses;

        LosingPool(Path work, int losses)
        {
            this.work = work;
            this.pool = new LocalExecutorPool(2, new ExecutorEnvironment("local-lineage", "driver", "localhost", -1, new Configuration(),
                    List.of(work), null, true));
            this.losses = losses;
        }

        @Override
        public void submit(TaskDescription task, List<String> preferredHosts, Consumer<TaskResult> onDone)
        {
            pool.submit(task, preferredHosts, result -> {
                if (result.succeeded() && result.mapOutput().isPresent() && result.mapOutput().get().mapId() == 0
                        && result.mapOutput().get().shuffleId() == 0) {
                    lose(0, 0);
                }
                onDone.accept(result);
            });
        }

        private synchronized void lose(int shuffleId, int mapId)
        {
            if (losses == 0) {
                return;
            }
            losses--;
            try {
                Files.delete(ShuffleLayout.dataFile(List.of(work), shuffleId, mapId));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void uncache(int cacheId)
        {
            pool.uncache(cacheId);
        }

        @Override
        public void close()
        {
            pool.close();
        }
    }

    private static DataFrame query()
    {
        return fixture.read("t").groupBy("k").agg(count("*"), sum("v"));
    }

    @Test
    void aLostMapOutputIsRecomputedAndTheAnswerIsRight()
    {
        StageGraph graph = query().stageGraph();
        try (LosingPool pool = new LosingPool(dir.resolve("work-once"), 1)) {
            QueryResult result = new DagScheduler(pool, new SpindleConf()).run(graph, "lineage");

            DuckDbOracle.assertSameRowsUnordered(fixture.duck("SELECT k, count(*), sum(v) FROM $t GROUP BY k"), result.rows());
            List<StageSummary> recomputed = result.summary().stages().stream().filter(s -> s.name().startsWith("recomputed: ")).toList();
            assertEquals(1, recomputed.size(), result.summary().format());
            assertEquals(1, recomputed.get(0).tasks(), "only the lost map task ran again");
            assertTrue(result.summary().stages().get(result.summary().stages().size() - 1).failedAttempts() > 0, result.summary().format());
        }
    }

    @Test
    void anOutputLostAgainAndAgainFailsTheJobAfterABoundedNumberOfRecomputes()
    {
        StageGraph graph = query().stageGraph();
        try (LosingPool pool = new LosingPool(dir.resolve("work-always"), 1000)) {
            JobFailedException failure = assertThrows(JobFailedException.class, () -> new DagScheduler(pool, new SpindleConf()).run(graph, "lineage"));

            assertTrue(failure.getMessage().contains("lost map outputs 5 times"), failure.getMessage());
            assertTrue(failure.getMessage().contains("cannot fetch block (shuffle 0, map 0"), failure.getMessage());
        }
    }
}
