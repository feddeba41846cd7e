package io.spindle.runtime.operators;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.JoinType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.memory.TaskMemoryManager;
import io.spindle.runtime.memory.UnifiedMemoryManager;
import io.spindle.runtime.testing.ListOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.spindle.runtime.operators.HashJoinOperatorTest.LEFT;
import static io.spindle.runtime.operators.HashJoinOperatorTest.LEFT_TYPES;
import static io.spindle.runtime.operators.HashJoinOperatorTest.RIGHT;
import static io.spindle.runtime.operators.HashJoinOperatorTest.RIGHT_TYPES;
import static io.spindle.runtime.operators.HashJoinOperatorTest.randomRows;
import static io.spindle.runtime.operators.HashJoinOperatorTest.reference;
import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.batches;
import static io.spindle.runtime.testing.Batches.drain;
import static io.spindle.runtime.testing.Batches.rows;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BroadcastHashTablesTest
{
    private static final long MB = 1024 * 1024;
    private static final Expression LEFT_KEY = resolve(col("lk"), LEFT);
    private static final Expression RIGHT_KEY = resolve(col("rk"), RIGHT);
    private static final BroadcastHashTables.Key KEY = new BroadcastHashTables.Key(3, 7, 0, List.of(RIGHT_KEY.toString()));

    @TempDir
    Path spillDir;

    private final Random random = new Random(5);
    private final List<List<Object>> broadcast = randomRows(random, 400);

    /** One task's join of its probe rows with the broadcast, run as TaskRunner runs a broadcast hash join. */
    private final class Task
    {
        final TaskMemoryManager memory;
        final ListOperator build = new ListOperator(batches(RIGHT, broadcast, 64));
        final HashJoinOperator join;

        Task(UnifiedMemoryManager pool, long taskId, List<List<Object>> probeRows, BroadcastHashTables tables, BroadcastHashTables.Key key)
        {
            memory = new TaskMemoryManager(pool, taskId, List.of(spillDir));
            join = new HashJoinOperator(new ListOperator(batches(LEFT, probeRows, 50)), build, false, JoinType.INNER, LEFT_TYPES, RIGHT_TYPES,
                    List.of(LEFT_KEY), List.of(RIGHT_KEY), Optional.empty(), memory, Optional.of(new HashJoinOperator.SharedBuild(tables, key)));
        }

        List<List<Object>> run()
        {
            List<ColumnBatch> out = new ArrayList<>();
            ColumnBatch first = join.next();
            assertEquals(0, memory.used(), "a shared table is not the task's execution memory");
            if (first != null) {
                out.add(first);
                out.addAll(drain(join));
            }
            else {
                join.close();
            }
            memory.close();
            return rows(out);
        }
    }

    private List<List<Object>> expected(List<List<Object>> probeRows)
    {
        return sortedRows(reference(probeRows, broadcast, JoinType.INNER, (l, r) -> l.get(0) != null && l.get(0).equals(r.get(0))));
    }

    private static List<List<Object>> sortedRows(List<List<Object>> rows)
    {
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> a.toString().compareTo(b.toString()));
        return sorted;
    }

    @Test
    void twoTasksOfAStageShareOneTableBuiltOnce()
            throws Exception
    {
        UnifiedMemoryManager pool = new UnifiedMemoryManager(64 * MB, 0.5);
        BroadcastHashTables tables = new BroadcastHashTables(pool);
        List<List<Object>> probe1 = randomRows(random, 300);
        List<List<Object>> probe2 = randomRows(random, 300);
        Task task1 = new Task(pool, 1, probe1, tables, KEY);
        Task task2 = new Task(pool, 2, probe2, tables, KEY);

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<List<Object>>> out1 = threads.submit(() -> {
                start.await();
                return task1.run();
            });
            Future<List<List<Object>>> out2 = threads.submit(() -> {
                start.await();
                return task2.run();
            });
            assertEquals(expected(probe1), sortedRows(out1.get()));
            assertEquals(expected(probe2), sortedRows(out2.get()));
        }
        finally {
            threads.shutdownNow();
        }

        assertEquals(1, tables.builds(), "one table for both tasks");
        assertEquals(1, (task1.build.pulls() > 0 ? 1 : 0) + (task2.build.pulls() > 0 ? 1 : 0), "only the building task reads the broadcast");
        assertEquals(1, task1.build.closes());
        assertEquals(1, task2.build.closes());
        long stored = pool.storageUsed();
        assertTrue(stored > 0, "the table is counted once, as storage");

        // a later task of the stage finds the idle table
        List<List<Object>> probe3 = randomRows(random, 100);
        Task task3 = new Task(pool, 3, probe3, tables, KEY);
        assertEquals(expected(probe3), sortedRows(task3.run()));
        assertEquals(1, tables.builds());
        assertEquals(0, task3.build.pulls());
        assertEquals(stored, pool.storageUsed());

        // a table of the next job lets the idle one of this job go
        BroadcastHashTables.Key nextJob = new BroadcastHashTables.Key(4, 9, 0, KEY.buildKeys());
        Task task4 = new Task(pool, 4, probe3, tables, nextJob);
        assertEquals(expected(probe3), sortedRows(task4.run()));
        assertEquals(2, tables.builds());
        assertEquals(1, tables.size());
        assertEquals(stored, pool.storageUsed(), "the same rows, hashed again for the next job; the first job's table is given back");
        tables.clearIdle();
        assertEquals(0, tables.size());
        assertEquals(0, pool.storageUsed());
    }

    @Test
    void withoutStorageRoomEachTaskBuildsAndCountsItsOwn()
    {
        // a pool too small for the table: every task builds one of its own, counted in its execution memory
        UnifiedMemoryManager pool = new UnifiedMemoryManager(1024, 0.5);
        BroadcastHashTables tables = new BroadcastHashTables(pool);
        List<List<Object>> probe = randomRows(random, 200);
        for (long taskId = 1; taskId <= 2; taskId++) {
            Task task = new Task(pool, taskId, probe, tables, KEY);
            List<ColumnBatch> out = new ArrayList<>();
            out.add(task.join.next());
            assertTrue(task.memory.used() > 0, "the task counts the table it could not share");
            out.addAll(drain(task.join));
            assertEquals(0, task.memory.used(), "and gives it back on close");
            task.memory.close();
            assertEquals(expected(probe), sortedRows(rows(out)));
            assertTrue(task.build.pulls() > 0);
        }
        assertEquals(2, tables.builds());
        assertEquals(0, tables.size());
        assertEquals(0, pool.storageUsed());
    }

    @Test
    void idleTablesBeyondTheLimitAreGivenBackLeastRecentlyUsedFirst()
    {
        UnifiedMemoryManager pool = new UnifiedMemoryManager(64 * MB, 0.5);
        BroadcastHashTables tables = new BroadcastHashTables(pool);
        ColumnBatch rows = batch(RIGHT, broadcast);
        long bytes = 0;
        for (int broadcastId = 0; broadcastId <= BroadcastHashTables.MAX_IDLE; broadcastId++) {
            BroadcastHashTables.Key key = new BroadcastHashTables.Key(1, 1, broadcastId, KEY.buildKeys());
            BroadcastHashTables.Lease lease = tables.acquire(key,
                    () -> HashJoinTable.build(rows, List.of(ExpressionCompiler.compile(RIGHT_KEY)), List.of(RIGHT_KEY.type())));
            bytes = lease.table().retainedBytes();
            lease.release();
        }
        assertEquals(BroadcastHashTables.MAX_IDLE, tables.size());
        assertEquals(BroadcastHashTables.MAX_IDLE * bytes, pool.storageUsed());
    }
}
