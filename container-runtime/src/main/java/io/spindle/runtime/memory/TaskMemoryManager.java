package io.spindle.runtime.memory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The memory of one task attempt: what its operators ({@link MemoryConsumer}s) hold of the executor's pool,
 * the task's peak, and what it spilled. When the pool refuses a request, the other consumers of the task that
 * can spill are asked to, largest first, before the asker is told to spill itself. {@link #close()} returns
 * everything to the pool. Used by the task's one thread.
 */
public final class TaskMemoryManager
        implements AutoCloseable
{
    private final UnifiedMemoryManager pool;
    private final long taskId;
    private final List<Path> spillDirs;
    private int spillFiles;
    private final List<MemoryConsumer> consumers = new ArrayList<>();
    private long used;
    private long peak;
    private long spilledBytes;
    private int spills;
    // read by the executor's heartbeat thread for its memory report
    private volatile String largestConsumer = "";
    private volatile long largestConsumerBytes;

    public TaskMemoryManager(UnifiedMemoryManager pool, long taskId, List<Path> spillDirs)
    {
        this.pool = requireNonNull(pool, "pool is null");
        this.taskId = taskId;
        this.spillDirs = List.copyOf(spillDirs);
        if (this.spillDirs.isEmpty()) {
            throw new IllegalArgumentException("a task needs at least one directory to spill to");
        }
        pool.registerTask(taskId);
        pool.taskStarted(this);
    }

    /** A manager over a pool of its own with no practical limit, for operators run outside an executor (tests). */
    public static TaskMemoryManager unbounded()
    {
        return new TaskMemoryManager(new UnifiedMemoryManager(Long.MAX_VALUE / 4, 0.5), 0,
                List.of(Path.of(System.getProperty("java.io.tmpdir"))));
    }

    /** A new, empty spill file for this task, spread over the task's directories in turn. */
    public SpillFile createSpillFile(String operator)
    {
        Path dir = spillDirs.get(spillFiles % spillDirs.size());
        spillFiles++;
        return SpillFile.create(dir.resolve("spill"), "task" + taskId + "-" + operator);
    }

    void register(MemoryConsumer consumer)
    {
        consumers.add(consumer);
    }

    void unregister(MemoryConsumer consumer)
    {
        consumers.remove(consumer);
    }

    /** Up to {@code bytes} for {@code requester}, after asking the task's other consumers to spill if need be. */
    long acquire(MemoryConsumer requester, long bytes)
    {
        long granted = pool.acquireExecution(taskId, bytes);
        if (granted < bytes) {
            List<MemoryConsumer> others = new ArrayList<>(consumers);
            others.remove(requester);
            others.sort(Comparator.comparingLong(MemoryConsumer::used).reversed());
            for (MemoryConsumer other : others) {
                if (granted >= bytes) {
                    break;
                }
                if (other.used() > 0 && other.spill() > 0) {
                    granted += pool.acquireExecution(taskId, bytes - granted);
                }
            }
        }
        account(requester, granted);
        return granted;
    }

    void force(MemoryConsumer requester, long bytes)
    {
        pool.forceExecution(taskId, bytes);
        account(requester, bytes);
    }

    private void account(MemoryConsumer requester, long bytes)
    {
        used += bytes;
        peak = Math.max(peak, used);
        long held = requester.used() + bytes;
        if (held > largestConsumerBytes) {
            largestConsumerBytes = held;
            largestConsumer = requester.name();
        }
    }

    void release(long bytes)
    {
        long released = Math.min(bytes, used);
        used -= released;
        pool.releaseExecution(taskId, released);
    }

    void spilled(long bytes)
    {
        spilledBytes += bytes;
        spills++;
    }

    public long used()
    {
        return used;
    }

    public long peak()
    {
        return peak;
    }

    public long spilledBytes()
    {
        return spilledBytes;
    }

    public int spills()
    {
        return spills;
    }

    /** The operator that held the most memory at any point, with its peak, e.g. for an out-of-memory report. */
    public String largestConsumer()
    {
        String name = largestConsumer;
        return name.isEmpty() ? "none" : name + " (" + (largestConsumerBytes >> 10) + " KiB at its peak)";
    }

    public long taskId()
    {
        return taskId;
    }

    @Override
    public void close()
    {
        used = 0;
        pool.releaseTask(taskId);
    }
}
