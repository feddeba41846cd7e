package io.spindle.am.scheduler;

import io.netty.channel.embedded.EmbeddedChannel;
import io.spindle.planner.physical.FileScanExec;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.runtime.rpc.Messages;
import io.spindle.runtime.task.TaskDescription;
import io.spindle.runtime.task.TaskResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterExecutorPoolTest
{
    private static final Schema SCHEMA = Schema.of(new StructField("k", DataType.LONG, true));

    private static TaskDescription task(long id)
    {
        FileSource source = new FileSource("parquet", List.of("/in"), SCHEMA, List.of(new FileSplit("/in/a.parquet", List.of(0), 10, 1, List.of())), 10, 1);
        return new TaskDescription(id, 0, 0, 0, 0, new FileScanExec(source, List.of(0)), Optional.empty(), Map.of());
    }

    private static ClusterExecutorPool pool()
    {
        return new ClusterExecutorPool("app_1", new ExecutorProvisioner()
        {
            @Override
            public void requestExecutors(int count)
            {
            }

            @Override
            public void releaseExecutor(String executorId)
            {
            }

            @Override
            public int activeExecutors()
            {
                return 1;
            }
        }, 1, 60_000, false);
    }

    @Test
    void aTaskLostWithItsExecutorIsReportedWithTheExecutorsLastMemoryReport()
            throws Exception
    {
        ClusterExecutorPool pool = pool();
        EmbeddedChannel channel = new EmbeddedChannel();
        pool.onMessage(channel, new Messages.RegisterExecutor("1", "node7", 1, 7337));
        CompletableFuture<TaskResult> result = new CompletableFuture<>();
        pool.submit(task(17), List.of(), result::complete);
        pool.onMessage(channel, new Messages.Heartbeat("1", "heap used 250 MB of 256 MB; largest task TID 17 held 120 MB, most in HashAggregate(final)"));

        pool.executorExited("1", "executor 1 (container_01 on node7) was killed with SIGKILL (exit code 137) in its 640 MB container");

        TaskResult failed = result.get();
        assertFalse(failed.succeeded());
        assertTrue(failed.error().contains("exit code 137"), failed.error());
        assertTrue(failed.error().contains("at its last heartbeat: heap used 250 MB of 256 MB; largest task TID 17 held 120 MB, most in HashAggregate(final)"),
                failed.error());
    }

    @Test
    void anExecutorThatNeverReportedIsDescribedWithoutAMemoryReport()
            throws Exception
    {
        ClusterExecutorPool pool = pool();
        EmbeddedChannel channel = new EmbeddedChannel();
        pool.onMessage(channel, new Messages.RegisterExecutor("2", "node8", 1, 7337));
        CompletableFuture<TaskResult> result = new CompletableFuture<>();
        pool.submit(task(18), List.of(), result::complete);
        pool.onMessage(channel, new Messages.Heartbeat("2"));

        pool.executorExited("2", "executor 2 exited with code 1");

        assertFalse(result.get().error().contains("last heartbeat"), result.get().error());
    }
}
