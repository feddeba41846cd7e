package io.spindle.runtime.rpc;

import io.spindle.runtime.task.TaskDescription;
import io.spindle.runtime.task.TaskResult;

import static java.util.Objects.requireNonNull;

/** The messages between the driver and its executors. */
public final class Messages
{
    private Messages()
    {
    }

    /** Executor to driver, first message on a new connection. */
    public record RegisterExecutor(String executorId, String host, int cores, int shufflePort)
    {
        public RegisterExecutor
        {
            requireNonNull(executorId, "executorId is null");
            requireNonNull(host, "host is null");
        }
    }

    /** Driver to executor: registration accepted. */
    public record RegisteredExecutor(String appId)
    {
    }

    /** Driver to executor: run this task attempt. */
    public record LaunchTask(TaskDescription task)
    {
    }

    /** Executor to driver: a task attempt ended. */
    public record StatusUpdate(TaskResult result)
    {
    }

    /** Executor to driver, every few seconds: still alive. */
    /** An executor is alive; {@code memoryReport} says how its memory stands, so the driver can explain a kill. */
    public record Heartbeat(String executorId, String memoryReport)
    {
        public Heartbeat(String executorId)
        {
            this(executorId, "");
        }
    }

    /** Driver to executor: finish and exit. */
    public record StopExecutor(String reason)
    {
    }

    /** Tells an executor to drop every block of a cache (the DataFrame was unpersisted). */
    public record RemoveCache(int cacheId)
    {
    }
}
