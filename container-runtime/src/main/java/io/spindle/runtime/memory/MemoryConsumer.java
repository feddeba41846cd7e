package io.spindle.runtime.memory;

import static java.util.Objects.requireNonNull;

/**
 * An operator's account with its task's {@link TaskMemoryManager}. The operator reserves memory before it
 * grows a buffer and releases it when the buffer goes. One that can spill overrides {@link #spill()}: the task
 * may call it, on the task's own thread, while another consumer of the same task is asking for memory, so the
 * operator must be ready to spill whenever it is not inside one of its own methods.
 */
public abstract class MemoryConsumer
{
    private final TaskMemoryManager memory;
    private final String name;
    private long used;

    protected MemoryConsumer(TaskMemoryManager memory, String name)
    {
        this.memory = requireNonNull(memory, "memory is null");
        this.name = requireNonNull(name, "name is null");
        memory.register(this);
    }

    /** Reserves {@code bytes} if the pool gives them all; otherwise reserves nothing and returns false. */
    protected final boolean tryReserve(long bytes)
    {
        long granted = memory.acquire(this, bytes);
        used += granted;
        if (granted < bytes) {
            free(granted);
            return false;
        }
        return true;
    }

    /** Counts {@code bytes} that the operator must hold whatever the pool says (at most one batch's worth). */
    protected final void reserveAnyway(long bytes)
    {
        memory.force(this, bytes);
        used += bytes;
    }

    protected final void free(long bytes)
    {
        long released = Math.min(bytes, used);
        used -= released;
        memory.release(released);
    }

    protected final void freeAll()
    {
        free(used);
    }

    /** Counts bytes written to a spill file, for the task's metrics. */
    protected final void recordSpill(long bytes)
    {
        memory.spilled(bytes);
    }

    /** Stops counting against the task; releases what is still held. */
    protected final void unregister()
    {
        freeAll();
        memory.unregister(this);
    }

    /** Writes what it holds to disk and frees the memory; returns the bytes freed (0 when it cannot now). */
    public long spill()
    {
        return 0;
    }

    public final long used()
    {
        return used;
    }

    public final String name()
    {
        return name;
    }

    protected final TaskMemoryManager memory()
    {
        return memory;
    }
}
