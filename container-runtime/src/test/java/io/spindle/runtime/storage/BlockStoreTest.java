package io.spindle.runtime.storage;

import io.spindle.runtime.memory.UnifiedMemoryManager;
import io.spindle.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockStoreTest
{
    @TempDir
    Path dir;

    private static byte[] bytes(int size, int seed)
    {
        byte[] out = new byte[size];
        Arrays.fill(out, (byte) seed);
        return out;
    }

    private static BlockStore.BlockId id(int cache, int partition)
    {
        return new BlockStore.BlockId(cache, partition);
    }

    private long files()
            throws IOException
    {
        Path cache = dir.resolve("cache");
        if (!Files.exists(cache)) {
            return 0;
        }
        try (var list = Files.list(cache)) {
            return list.count();
        }
    }

    @Test
    void memoryAndDiskBlocksMoveToDiskLeastRecentlyUsedFirstWhenANewBlockNeedsRoom()
            throws IOException
    {
        UnifiedMemoryManager memory = new UnifiedMemoryManager(1000, 0.5);
        BlockStore store = new BlockStore(memory, List.of(dir));
        assertTrue(store.put(id(1, 0), bytes(400, 1), StorageLevel.MEMORY_AND_DISK));
        assertTrue(store.put(id(1, 1), bytes(400, 2), StorageLevel.MEMORY_AND_DISK));
        store.get(id(1, 0));

        assertTrue(store.put(id(2, 0), bytes(400, 3), StorageLevel.MEMORY_AND_DISK));

        assertTrue(store.inMemory(id(1, 0)), "recently read, so kept");
        assertFalse(store.inMemory(id(1, 1)), "least recently used, so moved to disk");
        assertTrue(store.inMemory(id(2, 0)));
        assertArrayEquals(bytes(400, 2), store.get(id(1, 1)).orElseThrow(), "still readable from disk");
        assertEquals(800, memory.storageUsed());
        assertEquals(1, store.evictedToDisk());
        assertEquals(1, files());
    }

    @Test
    void memoryOnlyBlocksAreDroppedWhenExecutionNeedsTheirMemory()
    {
        UnifiedMemoryManager memory = new UnifiedMemoryManager(1000, 0.2);
        BlockStore store = new BlockStore(memory, List.of(dir));
        assertTrue(store.put(id(1, 0), bytes(500, 1), StorageLevel.MEMORY_ONLY));
        assertTrue(store.put(id(1, 1), bytes(300, 2), StorageLevel.MEMORY_ONLY));

        assertEquals(700, memory.acquireExecution(9, 700), "execution reclaims storage above its 200-byte region");

        assertFalse(store.contains(id(1, 0)));
        assertTrue(store.get(id(1, 0)).isEmpty());
        assertTrue(store.contains(id(1, 1)));
        assertEquals(1, store.dropped());
        assertFalse(store.put(id(1, 2), bytes(500, 3), StorageLevel.MEMORY_ONLY), "no room and no disk allowed");
    }

    @Test
    void diskOnlyBlocksTakeNoMemoryAndUnpersistDeletesThem()
            throws IOException
    {
        UnifiedMemoryManager memory = new UnifiedMemoryManager(1000, 0.5);
        BlockStore store = new BlockStore(memory, List.of(dir));
        assertTrue(store.put(id(4, 0), bytes(5000, 7), StorageLevel.DISK_ONLY));
        assertTrue(store.put(id(4, 1), bytes(10, 8), StorageLevel.MEMORY_ONLY));
        assertEquals(10, memory.storageUsed());
        assertEquals(1, files());

        store.removeCache(4);

        assertFalse(store.contains(id(4, 0)));
        assertFalse(store.contains(id(4, 1)));
        assertEquals(0, memory.storageUsed());
        assertEquals(0, files());
    }
}
