package io.spindle.runtime.memory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnifiedMemoryManagerTest
{
    @Test
    void poolIsTheFractionOfTheHeapLeftAfterTheReserve()
    {
        assertEquals((long) ((4096L << 20) - (300L << 20)) * 6 / 10, MemoryConfig.poolBytes(4096L << 20, 0.6, 300L << 20, 0), 1);
        // a 512 MiB executor keeps a quarter (128 MiB), not 300 MiB, out of the pool
        assertEquals((long) ((512L << 20) - (128L << 20)) * 6 / 10, MemoryConfig.poolBytes(512L << 20, 0.6, 300L << 20, 0), 1);
        assertEquals(12345, MemoryConfig.poolBytes(512L << 20, 0.6, 300L << 20, 12345));
        assertThrows(IllegalArgumentException.class, () -> MemoryConfig.poolBytes(1 << 30, 1.5, 0, 0));
    }

    @Test
    void aLoneTaskMayTakeThePoolAndTwoTasksGetHalfEach()
    {
        UnifiedMemoryManager pool = new UnifiedMemoryManager(1000, 0.5);

        assertEquals(1000, pool.acquireExecution(1, 1500));
        pool.releaseExecution(1, 1000);
        pool.registerTask(2);
        assertEquals(500, pool.acquireExecution(1, 800), "with two tasks running, one gets at most half");
        assertEquals(500, pool.acquireExecution(2, 800));
        assertEquals(0, pool.acquireExecution(2, 1));
        assertEquals(500, pool.releaseTask(1), "what a finished task did not give back is reclaimed");
        assertEquals(500, pool.acquireExecution(2, 800), "the remaining task's share grows back");
        assertEquals(1000, pool.executionUsed());
    }

    @Test
    void executionEvictsCachedBlocksDownToTheStorageRegionButNoFurther()
    {
        UnifiedMemoryManager pool = new UnifiedMemoryManager(1000, 0.3);
        List<Long> evictions = new ArrayList<>();
        pool.setEvictor(bytes -> {
            evictions.add(bytes);
            return bytes;
        });
        assertTrue(pool.acquireStorage(900));

        assertEquals(700, pool.acquireExecution(1, 1000), "storage keeps its 300-byte region");
        assertEquals(List.of(600L), evictions);
        assertEquals(300, pool.storageUsed());
    }

    @Test
    void storageBorrowsFreeExecutionMemoryButNeverEvictsExecution()
    {
        UnifiedMemoryManager pool = new UnifiedMemoryManager(1000, 0.5);
        assertEquals(700, pool.acquireExecution(1, 700));

        assertTrue(pool.acquireStorage(300));
        assertFalse(pool.acquireStorage(1), "the pool is full and execution's memory is not storage's to take");
        pool.releaseExecution(1, 700);
        assertTrue(pool.acquireStorage(600), "freed execution memory can be borrowed");
        assertEquals(900, pool.storageUsed());
    }

    @Test
    void storageEvictsOlderBlocksForANewOne()
    {
        UnifiedMemoryManager pool = new UnifiedMemoryManager(1000, 0.5);
        long[] cached = {800};
        pool.setEvictor(bytes -> {
            long freed = Math.min(cached[0], bytes);
            cached[0] -= freed;
            return freed;
        });
        assertTrue(pool.acquireStorage(800));

        assertTrue(pool.acquireStorage(500));
        assertEquals(1000, pool.storageUsed());
        assertEquals(500, cached[0]);
    }

    @Test
    void aTaskAsksItsOtherOperatorsToSpillBeforeRefusingAnotherOne()
    {
        UnifiedMemoryManager pool = new UnifiedMemoryManager(1000, 0.5);
        TaskMemoryManager task = new TaskMemoryManager(pool, 7, List.of(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))));
        int[] spills = {0};
        MemoryConsumer holder = new MemoryConsumer(task, "holder")
        {
            @Override
            public long spill()
            {
                spills[0]++;
                long freed = used();
                freeAll();
                return freed;
            }
        };
        MemoryConsumer asker = new MemoryConsumer(task, "asker")
        {
        };
        assertTrue(holder.tryReserve(900));

        assertTrue(asker.tryReserve(500));
        assertEquals(1, spills[0]);
        assertEquals(0, holder.used());
        assertEquals(500, task.used());
        assertEquals(900, task.peak());
        assertTrue(task.largestConsumer().startsWith("holder"));
        task.close();
        assertEquals(0, pool.executionUsed());
    }

    @Test
    void theMemoryReportNamesTheTaskAndOperatorHoldingTheMost()
    {
        UnifiedMemoryManager pool = new UnifiedMemoryManager(64L << 20, 0.5);
        List<java.nio.file.Path> dirs = List.of(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        TaskMemoryManager small = new TaskMemoryManager(pool, 3, dirs);
        TaskMemoryManager big = new TaskMemoryManager(pool, 4, dirs);
        new MemoryConsumer(small, "Sort")
        {
        }.tryReserve(1L << 20);
        new MemoryConsumer(big, "HashAggregate(final)")
        {
        }.tryReserve(20L << 20);

        String report = pool.report();

        assertTrue(report.contains("execution memory 21 MB and storage 0 MB of a 64 MB pool"), report);
        assertTrue(report.contains("largest task TID 4 held 20 MB, most in HashAggregate(final) (20480 KiB at its peak)"), report);
        big.close();
        assertTrue(pool.report().contains("largest task TID 3"), pool.report());
        small.close();
        assertFalse(pool.report().contains("largest task"), pool.report());
    }
}
