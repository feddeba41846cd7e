package io.spindle.runtime.memory;

import java.util.HashMap;
import java.util.Map;

/**
 * One executor's memory pool, shared by execution (aggregation tables, sort buffers, join build sides) and
 * storage (cached blocks), after Spark's unified model. Either side borrows what the other leaves free.
 * Execution may take back memory storage borrowed by evicting cached blocks, but only down to the storage
 * region ({@code storageFraction} of the pool); storage never evicts execution.
 *
 * <p>Execution is shared fairly: each of N running tasks may hold at most 1/N of what execution can reach.
 * A request is never blocked: it gets what is available now, and the asker spills when that is too little.
 * Accounting only — no bytes are allocated here. Thread-safe; the {@link StorageEvictor} is called with
 * this manager's lock held, so a block store must take this same lock (and no other) around its own state.
 */
public final class UnifiedMemoryManager
{
    /** Frees cached blocks; called under the manager's lock. Returns the bytes freed, which the manager uncounts itself. */
    public interface StorageEvictor
    {
        long evict(long bytes);
    }

    private final long maxMemory;
    private final long storageRegion;
    private final Map<Long, Long> executionByTask = new HashMap<>();
    private long executionUsed;
    private long storageUsed;
    private long peakExecution;
    private StorageEvictor evictor = bytes -> 0;
    private final Map<Long, TaskMemoryManager> runningTasks = new HashMap<>();

    public UnifiedMemoryManager(long maxMemory, double storageFraction)
    {
        if (maxMemory <= 0) {
            throw new IllegalArgumentException("the memory pool must be positive, not " + maxMemory + " bytes");
        }
        if (storageFraction < 0 || storageFraction > 1) {
            throw new IllegalArgumentException(MemoryConfig.STORAGE_FRACTION.name() + " must be in [0, 1], not " + storageFraction);
        }
        this.maxMemory = maxMemory;
        this.storageRegion = (long) (maxMemory * storageFraction);
    }

    public synchronized void setEvictor(StorageEvictor evictor)
    {
        this.evictor = evictor;
    }

    public long maxMemory()
    {
        return maxMemory;
    }

    /** Marks a task as running, so it counts in the fair share before its first request. */
    public synchronized void registerTask(long taskId)
    {
        executionByTask.putIfAbsent(taskId, 0L);
    }

    synchronized void taskStarted(TaskMemoryManager task)
    {
        runningTasks.put(task.taskId(), task);
    }

    /**
     * How memory stands, for the driver to quote if the container is killed: the heap in use, execution and
     * storage memory, and the running task holding the most execution memory with its largest operator.
     */
    public synchronized String report()
    {
        Runtime runtime = Runtime.getRuntime();
        StringBuilder text = new StringBuilder()
                .append("heap used ").append((runtime.totalMemory() - runtime.freeMemory()) >> 20).append(" MB of ")
                .append(runtime.maxMemory() >> 20).append(" MB; execution memory ").append(executionUsed >> 20).append(" MB and storage ")
                .append(storageUsed >> 20).append(" MB of a ").append(maxMemory >> 20).append(" MB pool");
        TaskMemoryManager largest = null;
        for (TaskMemoryManager task : runningTasks.values()) {
            if (largest == null || executionByTask.getOrDefault(task.taskId(), 0L) > executionByTask.getOrDefault(largest.taskId(), 0L)) {
                largest = task;
            }
        }
        if (largest != null) {
            text.append("; largest task TID ").append(largest.taskId()).append(" held ")
                    .append(executionByTask.getOrDefault(largest.taskId(), 0L) >> 20).append(" MB, most in ").append(largest.largestConsumer());
        }
        return text.toString();
    }

    /**
     * Up to {@code bytes} of execution memory for {@code taskId}: the least of what was asked, the task's fair
     * share left, and what is free after evicting cached blocks above the storage region. May be zero.
     */
    public synchronized long acquireExecution(long taskId, long bytes)
    {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot acquire " + bytes + " bytes");
        }
        long held = executionByTask.getOrDefault(taskId, 0L);
        executionByTask.put(taskId, held);
        long free = maxMemory - executionUsed - storageUsed;
        if (bytes > free && storageUsed > storageRegion) {
            long wanted = Math.min(bytes - free, storageUsed - storageRegion);
            storageUsed -= Math.min(storageUsed, evictor.evict(wanted));
            free = maxMemory - executionUsed - storageUsed;
        }
        long reachable = maxMemory - Math.min(storageUsed, storageRegion);
        long fairShare = reachable / executionByTask.size();
        long granted = Math.max(0, Math.min(bytes, Math.min(free, fairShare - held)));
        grant(taskId, held, granted);
        return granted;
    }

    /** Counts {@code bytes} for the task even over its share: for the one batch an operator cannot do without. */
    public synchronized void forceExecution(long taskId, long bytes)
    {
        grant(taskId, executionByTask.getOrDefault(taskId, 0L), bytes);
    }

    private void grant(long taskId, long held, long bytes)
    {
        executionByTask.put(taskId, held + bytes);
        executionUsed += bytes;
        peakExecution = Math.max(peakExecution, executionUsed);
    }

    public synchronized void releaseExecution(long taskId, long bytes)
    {
        long held = executionByTask.getOrDefault(taskId, 0L);
        long released = Math.min(held, bytes);
        executionByTask.put(taskId, held - released);
        executionUsed -= released;
    }

    /** Releases whatever the task still holds and forgets it; returns the bytes it had not given back. */
    public synchronized long releaseTask(long taskId)
    {
        runningTasks.remove(taskId);
        Long held = executionByTask.remove(taskId);
        if (held == null) {
            return 0;
        }
        executionUsed -= held;
        return held;
    }

    /**
     * Takes {@code bytes} for a cached block, evicting other blocks when the pool is full. Returns false, and
     * takes nothing, when the block cannot fit even after eviction (execution's memory is never taken).
     */
    public synchronized boolean acquireStorage(long bytes)
    {
        if (bytes > maxMemory - executionUsed) {
            return false;
        }
        long free = maxMemory - executionUsed - storageUsed;
        if (bytes > free) {
            storageUsed -= Math.min(storageUsed, evictor.evict(bytes - free));
            free = maxMemory - executionUsed - storageUsed;
        }
        if (bytes > free) {
            return false;
        }
        storageUsed += bytes;
        return true;
    }

    public synchronized void releaseStorage(long bytes)
    {
        storageUsed -= Math.min(storageUsed, bytes);
    }

    public synchronized long executionUsed()
    {
        return executionUsed;
    }

    public synchronized long executionUsed(long taskId)
    {
        return executionByTask.getOrDefault(taskId, 0L);
    }

    public synchronized long storageUsed()
    {
        return storageUsed;
    }

    public synchronized long peakExecution()
    {
        return peakExecution;
    }
}
