package io.spindle.runtime.storage;

/** A task was to read a cached partition that this executor does not hold (evicted, or cached elsewhere). */
public final class BlockMissingException
        extends RuntimeException
{
    private final int cacheId;

    public BlockMissingException(int cacheId, int partition, String executorId)
    {
        super("cached partition " + partition + " of cache #" + cacheId + " is not on executor " + executorId
                + " (evicted under memory pressure, or its executor was lost); it will be recomputed from its plan");
        this.cacheId = cacheId;
    }

    public int cacheId()
    {
        return cacheId;
    }
}
