package io.spindle.sql;

/**
 * A task found a cached partition gone (evicted, or its executor lost). The session recomputes the cache from
 * its plan by running the query again; users see this only if that keeps failing.
 */
public final class CachedBlockMissingException
        extends JobFailedException
{
    private final int cacheId;

    public CachedBlockMissingException(int cacheId, String message)
    {
        super(message);
        this.cacheId = cacheId;
    }

    public int cacheId()
    {
        return cacheId;
    }
}
