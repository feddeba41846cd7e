package io.spindle.runtime.operators;

import io.spindle.runtime.batch.ColumnBatch;

/** Passes on the first {@code limit} rows and stops pulling from its child after them. */
public final class LimitOperator
        implements Operator
{
    private final Operator child;
    private long remaining;

    public LimitOperator(Operator child, long limit)
    {
        this.child = child;
        this.remaining = limit;
    }

    @Override
    public ColumnBatch next()
    {
        if (remaining <= 0) {
            return null;
        }
        ColumnBatch batch = child.next();
        if (batch == null) {
            return null;
        }
        if (batch.rowCount() <= remaining) {
            remaining -= batch.rowCount();
            return batch;
        }
        int keep = (int) remaining;
        remaining = 0;
        int[] positions = new int[keep];
        for (int i = 0; i < keep; i++) {
            positions[i] = i;
        }
        return batch.select(positions, keep);
    }

    @Override
    public void close()
    {
        child.close();
    }
}
