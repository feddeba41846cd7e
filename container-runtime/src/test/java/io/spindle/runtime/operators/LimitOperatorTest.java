package io.spindle.runtime.operators;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.testing.ListOperator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.drain;
import static io.spindle.runtime.testing.Batches.values;
import static io.spindle.runtime.testing.Batches.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LimitOperatorTest
{
    /** Ten batches of three rows each, numbered 0 to 29. */
    private static ListOperator thirtyRows()
    {
        List<ColumnBatch> batches = new ArrayList<>();
        for (long start = 0; start < 30; start += 3) {
            batches.add(batch(vector(DataType.LONG, start, start + 1, start + 2), vector(DataType.STRING, "r" + start, null, "r" + (start + 2))));
        }
        return new ListOperator(batches);
    }

    private static List<Object> firstColumn(List<ColumnBatch> batches)
    {
        List<Object> out = new ArrayList<>();
        for (ColumnBatch batch : batches) {
            out.addAll(values(batch.column(0)));
        }
        return out;
    }

    @Test
    void stopsPullingOnceTheLimitIsReached()
    {
        ListOperator source = thirtyRows();
        LimitOperator limit = new LimitOperator(source, 7);

        assertEquals(3, limit.next().rowCount());
        assertEquals(3, limit.next().rowCount());
        ColumnBatch last = limit.next();
        assertEquals(1, last.rowCount());
        assertEquals(List.of(6L), values(last.column(0)));
        assertEquals(List.of("r6"), values(last.column(1)));
        assertNull(limit.next());
        assertNull(limit.next());

        assertEquals(3, source.pulls(), "the limit must not pull a batch it will not return");
    }

    @Test
    void limitOnABatchBoundaryDoesNotPullTheNextBatch()
    {
        ListOperator source = thirtyRows();

        List<ColumnBatch> out = drain(new LimitOperator(source, 6));

        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), firstColumn(out));
        assertEquals(2, source.pulls());
        assertEquals(1, source.closes());
    }

    @Test
    void limitZeroPullsNothing()
    {
        ListOperator source = thirtyRows();

        assertEquals(List.of(), drain(new LimitOperator(source, 0)));
        assertEquals(0, source.pulls());
    }

    @Test
    void limitBeyondTheInputReturnsEveryRow()
    {
        ListOperator source = thirtyRows();

        List<ColumnBatch> out = drain(new LimitOperator(source, 1_000_000_000_000L));

        assertEquals(LongStream.range(0, 30).boxed().toList(), firstColumn(out));
        assertEquals(11, source.pulls());
    }

    @Test
    void keepsNullsOfTheRowsItKeeps()
    {
        List<ColumnBatch> out = drain(new LimitOperator(thirtyRows(), 2));

        assertEquals(1, out.size());
        assertEquals(java.util.Arrays.asList("r0", null), values(out.get(0).column(1)));
    }
}
