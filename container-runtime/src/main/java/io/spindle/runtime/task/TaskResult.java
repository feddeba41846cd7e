package io.spindle.runtime.task;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a task attempt ended. A map task returns where its output is; a result task returns its rows as
 * encoded batch frames, or, in a writing job, the file it wrote. A failed one carries the error text, and
 * says whether it failed to fetch a map output (so the driver can tell lost shuffle data from a bug).
 */
public record TaskResult(long taskId, String executorId, boolean succeeded, Optional<MapOutput> mapOutput, byte[] resultFrames,
        TaskMetrics metrics, String error, boolean fetchFailed, Optional<WrittenFile> writtenFile)
{
    public TaskResult
    {
        requireNonNull(executorId, "executorId is null");
        requireNonNull(mapOutput, "mapOutput is null");
        requireNonNull(writtenFile, "writtenFile is null");
        requireNonNull(metrics, "metrics is null");
    }

    public static TaskResult success(long taskId, String executorId, Optional<MapOutput> mapOutput, byte[] frames, TaskMetrics metrics)
    {
        return new TaskResult(taskId, executorId, true, mapOutput, frames, metrics, null, false, Optional.empty());
    }

    /** A result task of a writing job: the file it staged for the driver to commit. */
    public static TaskResult written(long taskId, String executorId, WrittenFile file, TaskMetrics metrics)
    {
        return new TaskResult(taskId, executorId, true, Optional.empty(), null, metrics, null, false, Optional.of(file));
    }

    public static TaskResult failure(long taskId, String executorId, String error, boolean fetchFailed, TaskMetrics metrics)
    {
        return new TaskResult(taskId, executorId, false, Optional.empty(), null, metrics, error, fetchFailed, Optional.empty());
    }
}
