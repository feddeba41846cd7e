package io.spindle.sql.execution;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobSummaryTest
{
    private static StageSummary stage(int id, int tasks, int failed, long spill, long gc, StageSummary.TaskSpread spread)
    {
        return new StageSummary(id, "stage " + id, tasks, failed, 1000, 1000, 0, 0, 0, 0, 0, 0, 0, 0, 0, spill, 0, gc, 5000, List.of("1"), spread);
    }

    @Test
    void aBalancedStageWithoutSpillSaysNothing()
    {
        JobSummary job = new JobSummary(1, "q", List.of(stage(0, 8, 0, 0, 100, new StageSummary.TaskSpread(900, 1100, 3, 1000, 1200, 8000))), 5000);

        assertEquals(List.of(), job.hints());
        assertTrue(!job.format().contains("why:"), job.format());
    }

    @Test
    void aSlowTaskWithManyMoreRowsIsCalledSkewByKeys()
    {
        JobSummary job = new JobSummary(1, "q", List.of(stage(2, 8, 0, 0, 0, new StageSummary.TaskSpread(500, 6500, 5, 10_000, 900_000, 10_000))), 7000);

        assertEquals(1, job.hints().size());
        String hint = job.hints().get(0);
        assertTrue(hint.startsWith("stage 2 is skewed: its slowest task (partition 5) took 6.50 s, 13x the median 0.50 s"), hint);
        assertTrue(hint.contains("read 900000 rows against a median of 10000: a few keys hold most rows"), hint);
        assertTrue(job.format().contains("why: stage 2 is skewed"), job.format());
    }

    @Test
    void aSlowTaskWithOrdinaryRowsPointsAtItsExecutor()
    {
        String hint = new JobSummary(1, "q", List.of(stage(0, 4, 0, 0, 0, new StageSummary.TaskSpread(400, 3000, 1, 100, 110, 4200))), 3000)
                .hints().get(0);
        assertTrue(hint.contains("its rows are not unusual, so look at that executor"), hint);
    }

    @Test
    void spillGarbageCollectionAndRetriesEachGetTheirAdvice()
    {
        JobSummary job = new JobSummary(1, "q", List.of(stage(1, 2, 3, 64L << 20, 3000, new StageSummary.TaskSpread(5000, 5100, 0, 10, 10, 10_000))), 6000);

        List<String> hints = job.hints();
        assertEquals(3, hints.size(), hints.toString());
        assertTrue(hints.get(0).equals("stage 1 spilled 64.0 MiB to disk: give executors more memory (spindle.executor.memory,"
                + " spindle.memory.fraction) or the stage more tasks (spindle.sql.shuffle.partitions)"), hints.get(0));
        assertTrue(hints.get(1).startsWith("stage 1 spent 30% of its task time in garbage collection"), hints.get(1));
        assertTrue(hints.get(2).startsWith("stage 1 ran 3 failed task attempts again"), hints.get(2));
    }
}
