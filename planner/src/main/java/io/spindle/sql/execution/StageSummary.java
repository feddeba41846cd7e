package io.spindle.sql.execution;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What one stage did, summed over its successful task attempts: rows and bytes in (read from files or the
 * shuffle) and out (written to the shuffle or returned), shuffle bytes, the row groups and rows its scans
 * skipped by their footers' statistics, bytes spilled to disk, the largest execution memory one task held,
 * garbage collection time, wall time and the executors that ran it.
 */
public record StageSummary(int stageId, String name, int tasks, int failedAttempts, long rowsIn, long rowsOut, long bytesIn,
        long bytesOut, long shuffleBytesWritten, long shuffleBytesRead, long remoteBlocksFetched, long rowGroupsSkipped, long rowsSkipped,
        long pagesSkipped, long rowsSkippedByPages,
        long spillBytes, long peakTaskMemory, long gcMillis, long millis, List<String> executors)
{
    public StageSummary
    {
        requireNonNull(name, "name is null");
        executors = List.copyOf(requireNonNull(executors, "executors is null"));
    }

    /** The same figures under another name, e.g. for a stage run again to recompute lost outputs. */
    public StageSummary withName(String newName)
    {
        return new StageSummary(stageId, newName, tasks, failedAttempts, rowsIn, rowsOut, bytesIn, bytesOut, shuffleBytesWritten,
                shuffleBytesRead, remoteBlocksFetched, rowGroupsSkipped, rowsSkipped, pagesSkipped, rowsSkippedByPages, spillBytes, peakTaskMemory, gcMillis, millis, executors);
    }
}
