package io.spindle.runtime.operators;

import io.spindle.planner.expressions.SortOrder;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.expr.VectorExpression;
import io.spindle.runtime.memory.MemoryConsumer;
import io.spindle.runtime.memory.SpillFile;
import io.spindle.runtime.memory.TaskMemoryManager;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts its whole input by the sort orders, spilling to disk when memory runs short. Contract: the first
 * {@link #next()} reads the child to its end, later calls return the rows in order; {@link #close()} closes
 * the child and deletes any spill files.
 *
 * <p>Input batches are buffered while the task's memory manager grants room for them (each counted twice:
 * the rows and their sorted copy). When it refuses, or when another operator of the task needs the memory,
 * the buffer is sorted by the {@link RowOrdering} (a stable merge sort over an int index, no boxing) and written as one sorted run to a
 * spill file. At the end, with no runs the buffer is sorted in memory; otherwise the last buffer becomes a run
 * too and the runs are merged a batch at a time, holding one batch per run. The sort is stable within a run;
 * rows with equal keys from different runs come out in run order, so the whole sort is stable.
 */
public final class SortOperator
        extends MemoryConsumer
        implements Operator
{
    private final Operator child;
    private final RowOrdering ordering;
    private final List<VectorExpression> keys;
    private final int columnCount;
    private final List<ColumnBatch> buffered = new ArrayList<>();
    private final List<SpillFile> runs = new ArrayList<>();
    private boolean consuming;
    private boolean consumed;
    private ColumnBatch sorted;
    private int emitted;
    private Merger merger;

    public SortOperator(Operator child, List<SortOrder> orders, int columnCount)
    {
        this(child, orders, columnCount, TaskMemoryManager.unbounded());
    }

    public SortOperator(Operator child, List<SortOrder> orders, int columnCount, TaskMemoryManager memory)
    {
        super(memory, "Sort");
        this.child = child;
        this.ordering = new RowOrdering(orders);
        this.keys = orders.stream().map(o -> ExpressionCompiler.compile(o.expression())).toList();
        this.columnCount = columnCount;
    }

    @Override
    public ColumnBatch next()
    {
        sortInput();
        if (merger != null) {
            return merger.next();
        }
        if (sorted == null || emitted >= sorted.rowCount()) {
            return null;
        }
        int from = emitted;
        int to = Math.min(sorted.rowCount(), from + ColumnBatch.DEFAULT_ROWS);
        emitted = to;
        if (from == 0 && to == sorted.rowCount()) {
            return sorted;
        }
        return slice(sorted, from, to);
    }

    /**
     * Reads and sorts the whole input now, as the first {@link #next()} would, so that an owner can have this
     * sort take its input's memory (spilling what does not fit) before another operator of the task needs it.
     */
    public void sortInput()
    {
        if (!consumed) {
            consume();
            consumed = true;
        }
    }

    /** How many sorted runs went to disk so far. */
    public int spilledRuns()
    {
        return runs.size();
    }

    private void consume()
    {
        consuming = true;
        ColumnBatch batch;
        while ((batch = child.next()) != null) {
            long bytes = 2 * batch.sizeInBytes();
            if (!tryReserve(bytes)) {
                spillBuffer();
                if (!tryReserve(bytes)) {
                    reserveAnyway(bytes);
                }
            }
            buffered.add(batch);
        }
        consuming = false;
        if (runs.isEmpty()) {
            sorted = buffered.isEmpty() ? null : sortBuffer();
            buffered.clear();
            return;
        }
        spillBuffer();
        merger = new Merger();
    }

    @Override
    public long spill()
    {
        if (!consuming || buffered.isEmpty()) {
            return 0;
        }
        long freed = used();
        spillBuffer();
        return freed;
    }

    private void spillBuffer()
    {
        if (buffered.isEmpty()) {
            return;
        }
        ColumnBatch run = sortBuffer();
        buffered.clear();
        SpillFile file = memory().createSpillFile("sort");
        runs.add(file);
        for (int from = 0; from < run.rowCount(); from += ColumnBatch.DEFAULT_ROWS) {
            file.write(slice(run, from, Math.min(run.rowCount(), from + ColumnBatch.DEFAULT_ROWS)));
        }
        file.finishWriting();
        recordSpill(file.bytes());
        freeAll();
    }

    private ColumnBatch sortBuffer()
    {
        ColumnBatch all = BatchConcat.concat(buffered, columnCount);
        ColumnVector[] keyVectors = evaluateKeys(all);
        int rows = all.rowCount();
        int[] index = new int[rows];
        for (int i = 0; i < rows; i++) {
            index[i] = i;
        }
        ordering.sort(index, rows, keyVectors);
        return all.select(index, rows);
    }

    private ColumnVector[] evaluateKeys(ColumnBatch batch)
    {
        ColumnVector[] keyVectors = new ColumnVector[keys.size()];
        for (int k = 0; k < keyVectors.length; k++) {
            keyVectors[k] = keys.get(k).evaluate(batch);
        }
        return keyVectors;
    }

    private static ColumnBatch slice(ColumnBatch batch, int from, int to)
    {
        int[] positions = new int[to - from];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = from + i;
        }
        return batch.select(positions, positions.length);
    }

    /** Merges the sorted runs; holds the current batch of each run and its evaluated keys. */
    private final class Merger
    {
        private final PriorityQueue<Cursor> heads;
        private final List<SpillFile.Reader> readers = new ArrayList<>();

        Merger()
        {
            heads = new PriorityQueue<>(Math.max(1, runs.size()), (a, b) -> {
                int cmp = ordering.compare(a.keys, a.row, b.keys, b.row);
                return cmp != 0 ? cmp : Integer.compare(a.run, b.run);
            });
            for (int r = 0; r < runs.size(); r++) {
                SpillFile.Reader reader = runs.get(r).openReader();
                readers.add(reader);
                Cursor cursor = new Cursor(r, reader);
                if (cursor.advanceBatch()) {
                    heads.add(cursor);
                }
            }
        }

        ColumnBatch next()
        {
            if (heads.isEmpty()) {
                return null;
            }
            RowGatherer out = null;
            while (!heads.isEmpty() && (out == null || out.rowCount() < ColumnBatch.DEFAULT_ROWS)) {
                Cursor head = heads.poll();
                if (out == null) {
                    out = new RowGatherer(head.batch.columns().stream().map(ColumnVector::type).toList());
                }
                out.startRow();
                out.copy(head.batch, head.row, 0);
                if (head.advanceRow()) {
                    heads.add(head);
                }
            }
            return out.build();
        }

        void close()
        {
            readers.forEach(SpillFile.Reader::close);
        }
    }

    private final class Cursor
    {
        final int run;
        final SpillFile.Reader reader;
        ColumnBatch batch;
        ColumnVector[] keys;
        int row;

        Cursor(int run, SpillFile.Reader reader)
        {
            this.run = run;
            this.reader = reader;
        }

        boolean advanceRow()
        {
            row++;
            return row < batch.rowCount() || advanceBatch();
        }

        boolean advanceBatch()
        {
            do {
                batch = reader.next();
                if (batch == null) {
                    return false;
                }
            }
            while (batch.rowCount() == 0);
            keys = evaluateKeys(batch);
            row = 0;
            return true;
        }
    }

    @Override
    public void close()
    {
        try {
            if (merger != null) {
                merger.close();
            }
            runs.forEach(SpillFile::close);
            runs.clear();
            buffered.clear();
            sorted = null;
            unregister();
        }
        finally {
            child.close();
        }
    }
}
