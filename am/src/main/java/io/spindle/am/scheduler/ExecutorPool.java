package io.spindle.am.scheduler;

import io.spindle.runtime.task.TaskDescription;
import io.spindle.runtime.task.TaskResult;

import java.util.List;
import java.util.function.Consumer;

/**
 * The executors a driver runs tasks on: threads in this JVM, or executor containers reached over RPC.
 * Implementations queue tasks until a core is free and call {@code onDone} exactly once per submitted task,
 * also when its executor is lost (with a failed result). Thread-safe.
 */
public interface ExecutorPool
        extends AutoCloseable
{
    /** A location that names one executor rather than a host: a task given one waits for that executor while it lives. */
    static String executorLocation(String executorId)
    {
        return EXECUTOR_LOCATION_PREFIX + executorId;
    }

    String EXECUTOR_LOCATION_PREFIX = "executor:";

    /** Queues a task; {@code preferredHosts} are host names or {@link #executorLocation executor locations}. */
    void submit(TaskDescription task, List<String> preferredHosts, Consumer<TaskResult> onDone);

    /** Drops the blocks of cache {@code cacheId} on every executor. */
    void uncache(int cacheId);

    /**
     * Called by the scheduler when a shuffle map stage has finished, before the next stage starts. A pool
     * may replace its executors here; it returns once the next stage can run.
     */
    default void afterShuffleMapStage(int stageId)
    {
    }

    @Override
    void close();
}
