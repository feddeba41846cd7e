package io.spindle.runtime.memory;

import io.spindle.conf.ConfigKey;

/** The keys that size an executor's memory pool; the ApplicationMaster passes them to every executor it starts. */
public final class MemoryConfig
{
    public static final ConfigKey<Double> MEMORY_FRACTION = ConfigKey.doubleKey("spindle.memory.fraction", 0.6,
            "share of (heap - spindle.memory.reserved) that execution and storage share, as Spark's spark.memory.fraction");
    public static final ConfigKey<Double> STORAGE_FRACTION = ConfigKey.doubleKey("spindle.memory.storageFraction", 0.5,
            "share of the pool where cached blocks are safe from eviction by execution, as Spark's spark.memory.storageFraction");
    public static final ConfigKey<Long> RESERVED = ConfigKey.bytesKey("spindle.memory.reserved", "300m",
            "heap kept out of the pool for Spindle's own objects; capped at a quarter of the heap on small executors");
    public static final ConfigKey<Long> POOL_BYTES = ConfigKey.bytesKey("spindle.memory.poolBytes", "0",
            "size of the execution and storage pool in bytes, overriding the fractions; 0 derives it from the heap (for tests and tuning)");

    private MemoryConfig()
    {
    }

    /** The pool for a heap of {@code heapBytes}: {@code (heap - reserved) * fraction}, unless poolBytes is set. */
    public static long poolBytes(long heapBytes, double fraction, long reserved, long explicitPool)
    {
        if (explicitPool > 0) {
            return explicitPool;
        }
        if (fraction <= 0 || fraction > 1) {
            throw new IllegalArgumentException(MEMORY_FRACTION.name() + " must be in (0, 1], not " + fraction);
        }
        long kept = Math.min(reserved, heapBytes / 4);
        return (long) ((heapBytes - kept) * fraction);
    }
}
