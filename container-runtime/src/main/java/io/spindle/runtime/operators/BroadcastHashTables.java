package io.spindle.runtime.operators;

import io.spindle.runtime.memory.UnifiedMemoryManager;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The hash tables that broadcast hash joins build from their broadcast sides, shared by the tasks of one
 * executor: the first task of a stage that needs a broadcast's table builds it, tasks that need it meanwhile wait
 * for that one build, and the stage's later tasks find it built. Without this every task decoded the broadcast
 * and hashed it again (TPC-H Q9 built its orders table once per lineitem split).
 *
 * <p>Memory: a table is counted once, as storage memory of the executor's pool, as Spark counts the blocks of
 * a broadcast variable: every task reads it and none owns it, so it belongs to no task's execution share. When
 * the pool has no storage room for it, the table is not shared: the task that built it keeps it as its own,
 * counted in its execution memory, and every other task builds its own as a join without this cache does.
 *
 * <p>Lifetime: a table stays while a task holds a {@link Lease} on it. An idle table (no lease) is kept for the
 * stage's later tasks until a table of a later job is built (jobs' ids grow; a job's stages end before the next
 * job of the same driver thread starts) or more than {@link #MAX_IDLE} tables are idle, the least recently
 * used going first; its storage memory is then given back.
 *
 * <p>Thread-safe.
 */
public final class BroadcastHashTables
{
    /** Idle tables kept at most: enough for the broadcast joins of one stage of a many-way join. */
    static final int MAX_IDLE = 8;

    /**
     * One broadcast's table as one join hashes it: the job, stage and broadcast it comes from and the join's build
     * key expressions, as text.
     */
    public record Key(int jobId, int stageId, int broadcastId, List<String> buildKeys)
    {
        public Key
        {
            buildKeys = List.copyOf(requireNonNull(buildKeys, "buildKeys is null"));
        }
    }

    private final UnifiedMemoryManager memory;
    /** In access order, so the first idle entry met is the least recently used. Guarded by this. */
    private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long builds;

    public BroadcastHashTables(UnifiedMemoryManager memory)
    {
        this.memory = requireNonNull(memory, "memory is null");
    }

    private static final class Entry
    {
        final CompletableFuture<HashJoinTable> table = new CompletableFuture<>();
        int leases;
        long bytes;
    }

    /** A task's hold on a table; {@link #release()} once, when the join is done with it. */
    public final class Lease
    {
        private final Key key;
        private final Entry entry;
        private final HashJoinTable table;
        private boolean released;

        private Lease(Key key, Entry entry, HashJoinTable table)
        {
            this.key = key;
            this.entry = entry;
            this.table = table;
        }

        public HashJoinTable table()
        {
            return table;
        }

        /** Whether the table is this task's alone: the pool had no storage room to share it, so the task counts it. */
        public boolean unshared()
        {
            return entry == null;
        }

        public void release()
        {
            if (released || entry == null) {
                released = true;
                return;
            }
            released = true;
            synchronized (BroadcastHashTables.this) {
                entry.leases--;
                if (entries.get(key) == entry) {
                    trimIdle(Integer.MIN_VALUE);
                }
            }
        }
    }

    /**
     * A lease on the table for {@code key}: built by {@code build} in this thread when no task of the executor has
     * it, else the one another task built or is building (this thread waits for it). Null when another task built
     * it but the pool had no storage room for it: the caller builds its own as if there were no cache.
     *
     * @throws RuntimeException what {@code build} threw, in the task that built and in those waiting for it
     */
    public Lease acquire(Key key, Supplier<HashJoinTable> build)
    {
        Entry entry;
        boolean builder;
        synchronized (this) {
            entry = entries.get(key);
            builder = entry == null;
            if (builder) {
                trimIdle(key.jobId());
                entry = new Entry();
                entries.put(key, entry);
            }
            entry.leases++;
        }
        if (builder) {
            return buildShared(key, entry, build);
        }
        HashJoinTable table;
        try {
            table = entry.table.join();
        }
        catch (CompletionException e) {
            synchronized (this) {
                entry.leases--;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        if (table == null) {
            return null;
        }
        return new Lease(key, entry, table);
    }

    private Lease buildShared(Key key, Entry entry, Supplier<HashJoinTable> build)
    {
        HashJoinTable table;
        try {
            table = build.get();
        }
        catch (RuntimeException | Error e) {
            synchronized (this) {
                entries.remove(key, entry);
            }
            entry.table.completeExceptionally(e);
            throw e;
        }
        long bytes = table.retainedBytes();
        boolean stored = memory.acquireStorage(bytes);
        synchronized (this) {
            builds++;
            if (stored) {
                entry.bytes = bytes;
            }
            else {
                entries.remove(key, entry);
            }
        }
        entry.table.complete(stored ? table : null);
        return stored ? new Lease(key, entry, table) : new Lease(key, null, table);
    }

    /** Drops idle tables of jobs before {@code currentJob}, then the least recently used idle ones over {@link #MAX_IDLE}. */
    private void trimIdle(int currentJob)
    {
        int idle = 0;
        for (Entry entry : entries.values()) {
            idle += entry.leases == 0 && entry.table.isDone() ? 1 : 0;
        }
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Entry> next = it.next();
            Entry entry = next.getValue();
            if (entry.leases > 0 || !entry.table.isDone()) {
                continue;
            }
            if (next.getKey().jobId() < currentJob || idle > MAX_IDLE) {
                it.remove();
                idle--;
                memory.releaseStorage(entry.bytes);
            }
        }
    }

    /** How many tables this executor has built, shared or not: a task that found its table built added none. */
    public synchronized long builds()
    {
        return builds;
    }

    /** How many tables are held, in use or idle. */
    public synchronized int size()
    {
        return entries.size();
    }

    /** Gives back every idle table's memory; tables in use stay until their leases are released. */
    public synchronized void clearIdle()
    {
        trimIdle(Integer.MAX_VALUE);
    }
}
