package io.spindle.runtime.io;

import io.spindle.runtime.batch.ColumnBatch;

import java.io.Closeable;

/** Writes batches into one file. Contract: {@link #write} any number of times, then {@link #close()} once, also after a failure. */
public interface BatchWriter
        extends Closeable
{
    void write(ColumnBatch batch);

    long rowsWritten();

    /** The size of the file once {@link #close()} has completed it. */
    long bytesWritten();
}
