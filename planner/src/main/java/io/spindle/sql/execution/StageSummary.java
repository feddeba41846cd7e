package io.spindle.sql.execution;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What one stage did, summed over its successful task attempts: rows and bytes in (read from files or the
 * shuffle) and out (written to the shuffle or returned), shuffle bytes, the row groups and rows its scans
 * skipped by their footers' statistics, bytes spilled to disk, the largest execution memory one task held,
 * garbage collection time, wall time, the executors that ran it, and how evenly its tasks shared the work.
 */
public record StageSummary(int stageId, String name, int tasks, int failedAttempts, long rowsIn, long rowsOut, long bytesIn,
        long bytesOut, long shuffleBytesWritten, long shuffleBytesRead, long remoteBlocksFetched, long rowGroupsSkipped, long rowsSkipped,
        long pagesSkipped, long rowsSkippedByPages,
        long spillBytes, long peakTaskMemory, long gcMillis, long millis, List<String> executors, TaskSpread spread)
{
    public StageSummary
    {
        requireNonNull(name, "name is null");
        executors = List.copyOf(requireNonNull(executors, "executors is null"));
        requireNonNull(spread, "spread is null");
    }

    public StageSummary(int stageId, String name, int tasks, int failedAttempts, long rowsIn, long rowsOut, long bytesIn,
            long bytesOut, long shuffleBytesWritten, long shuffleBytesRead, long remoteBlocksFetched, long rowGroupsSkipped, long rowsSkipped,
            long pagesSkipped, long rowsSkippedByPages,
            long spillBytes, long peakTaskMemory, long gcMillis, long millis, List<String> executors)
    {
        this(stageId, name, tasks, failedAttempts, rowsIn, rowsOut, bytesIn, bytesOut, shuffleBytesWritten, shuffleBytesRead, remoteBlocksFetched,
                rowGroupsSkipped, rowsSkipped, pagesSkipped, rowsSkippedByPages, spillBytes, peakTaskMemory, gcMillis, millis, executors, TaskSpread.NONE);
    }

    /**
     * The spread of the stage's successful tasks: the median and the longest task time, the partition of the
     * longest, and the median and largest rows read; the sum of task times.
     */
    public record TaskSpread(long medianMillis, long maxMillis, int slowestPartition, long medianRowsIn, long maxRowsIn, long totalMillis)
    {
        public static final TaskSpread NONE = new TaskSpread(0, 0, -1, 0, 0, 0);
    }

    /** The same figures under another name, e.g. for a stage run again to recompute lost outputs. */
    public StageSummary withName(String newName)
    {
        return new StageSummary(stageId, newName, tasks, failedAttempts, rowsIn, rowsOut, bytesIn, bytesOut, shuffleBytesWritten,
                shuffleBytesRead, remoteBlocksFetched, rowGroupsSkipped, rowsSkipped, pagesSkipped, rowsSkippedByPages, spillBytes, peakTaskMemory, gcMillis, millis,
                executors, spread);
    }
}
