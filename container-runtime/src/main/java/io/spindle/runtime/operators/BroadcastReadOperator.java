package io.spindle.runtime.operators;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.serde.BatchSerde;

import java.util.Iterator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Returns the rows of a broadcast: the encoded batch frames the driver shipped with the task, decoded on the
 * first {@link #next()}. Contract: as {@link Operator}; owns no input.
 */
public final class BroadcastReadOperator
        implements Operator
{
    private final byte[] frames;
    private Iterator<ColumnBatch> batches;

    public BroadcastReadOperator(byte[] frames)
    {
        this.frames = requireNonNull(frames, "frames is null");
    }

    @Override
    public ColumnBatch next()
    {
        if (batches == null) {
            List<ColumnBatch> decoded = frames.length == 0 ? List.of() : BatchSerde.decodeAll(frames, 0, frames.length);
            batches = decoded.iterator();
        }
        while (batches.hasNext()) {
            ColumnBatch batch = batches.next();
            if (batch.rowCount() > 0) {
                return batch;
            }
        }
        return null;
    }

    @Override
    public void close()
    {
    }
}
