package io.spindle.runtime.storage;

import io.spindle.runtime.memory.UnifiedMemoryManager;
import io.spindle.storage.StorageLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One executor's cached partitions ("blocks"), each the batch frames of one partition of one cached DataFrame.
 * A block is kept in memory when its level allows and the executor's pool grants storage memory, else on the
 * local disk when its level allows, else not at all (it is recomputed when next needed). When execution or a
 * newer block needs the memory, the least recently used blocks go: to disk if their level allows, away otherwise.
 *
 * <p>Thread-safe. Its state is guarded by the memory manager's lock, because the manager calls back to evict
 * while holding it.
 */
public final class BlockStore
{
    private final UnifiedMemoryManager memory;
    private final List<Path> dirs;
    /** In access order: the first entry is the least recently used. */
    private final LinkedHashMap<BlockId, Block> blocks = new LinkedHashMap<>(16, 0.75f, true);
    private long evictedToDisk;
    private long dropped;

    public record BlockId(int cacheId, int partition)
    {
        String fileName()
        {
            return "cache_" + cacheId + "_" + partition + ".block";
        }
    }

    private static final class Block
    {
        final StorageLevel level;
        final long size;
        byte[] bytes;
        Path file;

        Block(StorageLevel level, long size)
        {
            this.level = level;
            this.size = size;
        }
    }

    public BlockStore(UnifiedMemoryManager memory, List<Path> dirs)
    {
        this.memory = requireNonNull(memory, "memory is null");
        this.dirs = List.copyOf(dirs);
        memory.setEvictor(this::evict);
    }

    /** Stores a partition's frames at {@code level}; returns false when the level allows neither memory nor disk for it now. */
    public boolean put(BlockId id, byte[] frames, StorageLevel level)
    {
        synchronized (memory) {
            remove(id);
            Block block = new Block(level, frames.length);
            if (level.useMemory() && memory.acquireStorage(frames.length)) {
                block.bytes = frames;
            }
            else if (level.useDisk()) {
                block.file = writeFile(id, frames);
            }
            else {
                return false;
            }
            blocks.put(id, block);
            return true;
        }
    }

    /** The frames of a block, from memory or disk; empty when this executor does not hold it. */
    public Optional<byte[]> get(BlockId id)
    {
        Path file;
        synchronized (memory) {
            Block block = blocks.get(id);
            if (block == null) {
                return Optional.empty();
            }
            if (block.bytes != null) {
                return Optional.of(block.bytes);
            }
            file = block.file;
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read cached block " + id + " from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Drops every block of one cache. */
    public void removeCache(int cacheId)
    {
        synchronized (memory) {
            List<BlockId> ids = new ArrayList<>();
            for (BlockId id : blocks.keySet()) {
                if (id.cacheId() == cacheId) {
                    ids.add(id);
                }
            }
            ids.forEach(this::remove);
        }
    }

    private void remove(BlockId id)
    {
        Block block = blocks.remove(id);
        if (block == null) {
            return;
        }
        if (block.bytes != null) {
            memory.releaseStorage(block.size);
        }
        deleteFile(block);
    }

    /** Called by the memory manager, under its lock: frees at least {@code bytes} of blocks in memory if it can. */
    private long evict(long bytes)
    {
        long freed = 0;
        for (Iterator<Map.Entry<BlockId, Block>> it = blocks.entrySet().iterator(); it.hasNext() && freed < bytes; ) {
            Map.Entry<BlockId, Block> entry = it.next();
            Block block = entry.getValue();
            if (block.bytes == null) {
                continue;
            }
            if (block.level.useDisk()) {
                block.file = writeFile(entry.getKey(), block.bytes);
                evictedToDisk++;
            }
            else {
                it.remove();
                dropped++;
            }
            block.bytes = null;
            freed += block.size;
        }
        return freed;
    }

    public boolean inMemory(BlockId id)
    {
        synchronized (memory) {
            Block block = blocks.get(id);
            return block != null && block.bytes != null;
        }
    }

    public boolean contains(BlockId id)
    {
        synchronized (memory) {
            return blocks.containsKey(id);
        }
    }

    /** Blocks moved from memory to disk, and blocks dropped, to make room. */
    public long evictedToDisk()
    {
        synchronized (memory) {
            return evictedToDisk;
        }
    }

    public long dropped()
    {
        synchronized (memory) {
            return dropped;
        }
    }

    private Path writeFile(BlockId id, byte[] frames)
    {
        Path dir = dirs.get(Math.floorMod(id.hashCode(), dirs.size())).resolve("cache");
        Path file = dir.resolve(id.fileName());
        try {
            Files.createDirectories(dir);
            Files.write(file, frames);
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write cached block " + id + " to " + file + ": " + e.getMessage()
                    + "; check free space in the executor's local dirs", e);
        }
    }

    private static void deleteFile(Block block)
    {
        if (block.file == null) {
            return;
        }
        try {
            Files.deleteIfExists(block.file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot delete cached block file " + block.file + ": " + e.getMessage(), e);
        }
    }
}
