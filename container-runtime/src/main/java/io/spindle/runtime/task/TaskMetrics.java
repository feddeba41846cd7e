package io.spindle.runtime.task;

import java.util.HashMap;
import java.util.Map;

/**
 * Counters of one task attempt, filled by its operators and sent to the driver with the task's result.
 * Rows and bytes "in" are what the task read (files or shuffle); "out" what it wrote (shuffle or result).
 * Written by the task's thread only.
 */
public final class TaskMetrics
{
    public long rowsIn;
    public long rowsOut;
    public long bytesIn;
    public long bytesOut;
    public long shuffleBytesWritten;
    public long shuffleBytesRead;
    public long remoteBlocksFetched;
    /** Row groups (ORC stripes) of the scanned split, and their rows, that data skipping left unread. */
    public long rowGroupsSkipped;
    public long rowsSkipped;
    public long millis;
    /** Parquet data pages, and rows, that scans left unread because the pushed filters ruled them out by the page index. */
    public long pagesSkipped;
    public long rowsSkippedByPageIndex;
    /** Bytes operators wrote to spill files, and how many times they spilled. */
    public long spillBytes;
    public long spills;
    /** The most execution memory the task held at once. */
    public long peakExecutionMemory;
    /** Garbage collection time of the executor's JVM while the task ran (shared with concurrent tasks, as Spark's). */
    public long gcMillis;
    /** Cached partitions this task stored on its executor: cache id to block bytes (the partition is the task's). */
    public Map<Integer, Long> cachedBlocks = new HashMap<>();
    /** The shuffle and map output this task could not fetch, or -1: the driver recomputes that output. */
    public int fetchFailedShuffle = -1;
    public int fetchFailedMap = -1;
    /** The cache whose partition this task found missing, or -1. */
    public int missingCacheId = -1;
}
