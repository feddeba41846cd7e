package io.spindle.sql;

import io.spindle.planner.logical.CachedRelation;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.optimizer.Optimizer;
import io.spindle.storage.CachedBlocks;
import io.spindle.storage.StorageLevel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A session's cached DataFrames. A DataFrame is cached by its analyzed plan: any later plan built on that very
 * plan (the DataFrame itself, or a DataFrame derived from it) reads the cache instead of recomputing it. The
 * manager also remembers, from the jobs' results, which executor holds each cached partition; a cache is read
 * only while every partition is known to be somewhere, and is recomputed from its plan otherwise.
 * Thread-safe.
 */
final class CacheManager
        implements CachedBlocks
{
    private final List<Entry> entries = new ArrayList<>();
    private int nextId;

    private static final class Entry
    {
        final int id;
        final LogicalPlan analyzed;
        final StorageLevel level;
        final LogicalPlan optimized;
        final Map<Integer, String> blocks = new HashMap<>();

        Entry(int id, LogicalPlan analyzed, StorageLevel level, LogicalPlan optimized)
        {
            this.id = id;
            this.analyzed = analyzed;
            this.level = level;
            this.optimized = optimized;
        }
    }

    /** Caches {@code analyzed} at {@code level}; a plan already cached keeps its first level, as in Spark. */
    synchronized void persist(LogicalPlan analyzed, StorageLevel level, boolean joinReorder, long broadcastThreshold)
    {
        if (find(analyzed).isPresent()) {
            return;
        }
        LogicalPlan optimized = Optimizer.optimize(substitute(analyzed), joinReorder, broadcastThreshold);
        entries.add(new Entry(nextId++, analyzed, level, optimized));
    }

    /** Forgets the cache of {@code analyzed}; returns its id so that the executors can drop its blocks. */
    synchronized Optional<Integer> remove(LogicalPlan analyzed)
    {
        Optional<Entry> entry = find(analyzed);
        entry.ifPresent(entries::remove);
        return entry.map(e -> e.id);
    }

    synchronized Optional<StorageLevel> level(LogicalPlan analyzed)
    {
        return find(analyzed).map(e -> e.level);
    }

    synchronized List<Integer> ids()
    {
        return entries.stream().map(e -> e.id).toList();
    }

    synchronized void clear()
    {
        entries.clear();
    }

    private Optional<Entry> find(LogicalPlan analyzed)
    {
        return entries.stream().filter(e -> e.analyzed == analyzed).findFirst();
    }

    /** {@code plan} with every cached subtree replaced by a {@link CachedRelation}. */
    synchronized LogicalPlan substitute(LogicalPlan plan)
    {
        for (Entry entry : entries) {
            if (entry.analyzed == plan) {
                return new CachedRelation(entry.id, entry.level, entry.optimized);
            }
        }
        List<LogicalPlan> children = plan.children();
        List<LogicalPlan> replaced = new ArrayList<>(children.size());
        boolean changed = false;
        for (LogicalPlan child : children) {
            LogicalPlan substituted = substitute(child);
            changed |= substituted != child;
            replaced.add(substituted);
        }
        return changed ? plan.replaceChildren(replaced) : plan;
    }

    /** Records where a job stored cached partitions: cache id to partition to executor. */
    synchronized void recordBlocks(Map<Integer, Map<Integer, String>> stored)
    {
        for (Entry entry : entries) {
            Map<Integer, String> blocks = stored.get(entry.id);
            if (blocks != null) {
                entry.blocks.putAll(blocks);
            }
        }
    }

    /** Forgets where a cache's blocks are, so that the next query recomputes and stores them again. */
    synchronized void forgetBlocks(int cacheId)
    {
        entries.stream().filter(e -> e.id == cacheId).forEach(e -> e.blocks.clear());
    }

    @Override
    public synchronized Optional<List<String>> locations(int cacheId, int partitions)
    {
        for (Entry entry : entries) {
            if (entry.id != cacheId) {
                continue;
            }
            List<String> executors = new ArrayList<>(partitions);
            for (int p = 0; p < partitions; p++) {
                String executor = entry.blocks.get(p);
                if (executor == null) {
                    return Optional.empty();
                }
                executors.add(executor);
            }
            return Optional.of(executors);
        }
        return Optional.empty();
    }
}
