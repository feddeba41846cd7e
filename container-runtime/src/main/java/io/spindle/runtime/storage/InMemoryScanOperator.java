package io.spindle.runtime.storage;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.operators.Operator;
import io.spindle.runtime.serde.BatchSerde;
import io.spindle.storage.StorageLevel;

import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * One partition of a cached DataFrame. Reading, it decodes the block this executor holds, or fails with a
 * {@link BlockMissingException}. Computing, it passes its child's batches on and keeps their frames; when the
 * child is done it stores them as the block and reports the block's size. Contract: {@link #next()} until null,
 * then {@link #close()}, which closes the child. The frames of a partition being computed are held in memory
 * until it is stored (they are compressed, so far smaller than the rows).
 */
public final class InMemoryScanOperator
        implements Operator
{
    private final BlockStore store;
    private final BlockStore.BlockId id;
    private final StorageLevel level;
    private final Operator compute;
    private final LongConsumer onStored;
    private final String executorId;
    private Iterator<ColumnBatch> cached;
    private ByteArrayOutputStream frames;
    private boolean done;

    private InMemoryScanOperator(BlockStore store, BlockStore.BlockId id, StorageLevel level, Operator compute, LongConsumer onStored,
            String executorId)
    {
        this.store = store;
        this.id = id;
        this.level = level;
        this.compute = compute;
        this.onStored = onStored;
        this.executorId = executorId;
    }

    public static InMemoryScanOperator reading(BlockStore store, BlockStore.BlockId id, String executorId)
    {
        return new InMemoryScanOperator(store, id, null, null, bytes -> { }, executorId);
    }

    /** @param onStored told the block's size in bytes once it is stored */
    public static InMemoryScanOperator computing(BlockStore store, BlockStore.BlockId id, StorageLevel level, Operator compute, LongConsumer onStored)
    {
        return new InMemoryScanOperator(store, id, level, compute, onStored, "");
    }

    @Override
    public ColumnBatch next()
    {
        if (compute == null) {
            if (cached == null) {
                byte[] block = store.get(id).orElseThrow(() -> new BlockMissingException(id.cacheId(), id.partition(), executorId));
                List<ColumnBatch> batches = BatchSerde.decodeAll(block, 0, block.length);
                cached = batches.iterator();
            }
            while (cached.hasNext()) {
                ColumnBatch batch = cached.next();
                if (batch.rowCount() > 0) {
                    return batch;
                }
            }
            return null;
        }
        if (done) {
            return null;
        }
        if (frames == null) {
            frames = new ByteArrayOutputStream();
        }
        ColumnBatch batch = compute.next();
        if (batch != null) {
            BatchSerde.encodeTo(batch, frames);
            return batch;
        }
        done = true;
        byte[] block = frames.toByteArray();
        frames = null;
        if (store.put(id, block, level)) {
            onStored.accept(block.length);
        }
        return null;
    }

    @Override
    public void close()
    {
        if (compute != null) {
            compute.close();
        }
    }
}
