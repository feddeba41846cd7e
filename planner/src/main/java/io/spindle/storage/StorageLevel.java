package io.spindle.storage;

/**
 * Where the blocks of a cached DataFrame are kept, with Spark's names. Blocks are always kept serialized (Spindle's
 * compressed batch frames), so there are no {@code _SER} variants and no replication.
 */
public enum StorageLevel
{
    /** In executor memory; a block that does not fit, or is evicted, is recomputed when needed. */
    MEMORY_ONLY(true, false),
    /** In executor memory, going to the executor's local disk when memory is short (Spark's default for DataFrames). */
    MEMORY_AND_DISK(true, true),
    /** On the executor's local disk only. */
    DISK_ONLY(false, true);

    private final boolean useMemory;
    private final boolean useDisk;

    StorageLevel(boolean useMemory, boolean useDisk)
    {
        this.useMemory = useMemory;
        this.useDisk = useDisk;
    }

    public boolean useMemory()
    {
        return useMemory;
    }

    public boolean useDisk()
    {
        return useDisk;
    }
}
