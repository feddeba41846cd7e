package io.spindle.runtime.io;

import io.spindle.runtime.batch.ColumnBatch;

import java.io.Closeable;

/**
 * Reads one split of a file as {@link ColumnBatch}es. Contract: call {@link #next()} until it returns null,
 * then {@link #close()} (also on failure). Not thread-safe: a reader belongs to one task.
 */
public interface BatchReader
        extends Closeable
{
    /** The next batch, or null when the split is done. */
    ColumnBatch next();

    /** Bytes of the file read so far. */
    long bytesRead();
}
