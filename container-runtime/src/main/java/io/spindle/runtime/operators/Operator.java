package io.spindle.runtime.operators;

import io.spindle.runtime.batch.ColumnBatch;

/**
 * A pull-based operator of a task's pipeline. Contract: the caller calls {@link #next()} until it returns
 * null, then {@link #close()} exactly once (also after a failure, or early when it needs no more rows).
 * A returned batch belongs to the caller; the operator keeps no reference it will write to again.
 * An operator owns its children and closes them. Used by one thread.
 */
public interface Operator
        extends AutoCloseable
{
    /** The next non-empty batch, or null when there are no more rows. */
    ColumnBatch next();

    @Override
    void close();
}
