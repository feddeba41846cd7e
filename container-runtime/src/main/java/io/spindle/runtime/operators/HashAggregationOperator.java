package io.spindle.runtime.operators;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.physical.HashAggregateExec;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.expr.VectorExpression;
import io.spindle.runtime.memory.MemoryConsumer;
import io.spindle.runtime.memory.SpillFile;
import io.spindle.runtime.memory.TaskMemoryManager;
import io.spindle.runtime.operators.aggregation.Accumulator;
import io.spindle.runtime.operators.aggregation.GroupKeyTable;

import java.util.ArrayList;
import java.util.List;

/**
 * Hash aggregation, partial or final (see {@link HashAggregateExec}). Contract: call {@link #next()} until it
 * returns null, then {@link #close()}, which closes the child and deletes any spill files. Without grouping
 * keys there is always exactly one group, so an aggregate over no rows still yields its row (count 0, sum
 * null), as SQL requires.
 *
 * <p>The group table and accumulators are counted against the task's memory. When the memory manager
 * refuses more, a partial aggregation hands its groups downstream as they are and starts a fresh table: the
 * final aggregation merges partial groups anyway, so nothing needs to go to disk. A final aggregation cannot do
 * that; it spills its groups' intermediate state to {@value #SPILL_PARTITIONS} files by a hash of the keys and
 * starts afresh. At the end each file is aggregated on its own by a nested final aggregation (which may
 * spill again, by different hash bits), so only one partition's groups are in memory at once.
 */
public final class HashAggregationOperator
        extends MemoryConsumer
        implements Operator
{
    static final int SPILL_PARTITIONS = 16;
    /** Past this depth a partition is aggregated in memory whatever the budget: its keys no longer split. */
    private static final int MAX_SPILL_DEPTH = 6;

    private final Operator child;
    private final HashAggregateExec node;
    private final HashAggregateExec.Mode mode;
    private final List<VectorExpression> keys;
    private final List<VectorExpression> arguments;
    private final List<Integer> intermediateWidths;
    private final boolean global;
    private final int depth;
    private GroupKeyTable table;
    private Accumulator[] accumulators;
    private boolean consuming;
    private boolean inputDone;
    private boolean finished;
    private Emitter emitter;
    private SpillFile[] partitions;
    private int nextPartition;
    private HashAggregationOperator partitionAggregation;

    public HashAggregationOperator(Operator child, HashAggregateExec node)
    {
        this(child, node, TaskMemoryManager.unbounded());
    }

    public HashAggregationOperator(Operator child, HashAggregateExec node, TaskMemoryManager memory)
    {
        this(child, node, memory, 0);
    }

    private HashAggregationOperator(Operator child, HashAggregateExec node, TaskMemoryManager memory, int depth)
    {
        super(memory, "HashAggregate(" + node.mode().name().toLowerCase(java.util.Locale.ROOT) + ")");
        this.child = child;
        this.node = node;
        this.mode = node.mode();
        this.depth = depth;
        this.keys = node.groupingKeys().stream().map(ExpressionCompiler::compile).toList();
        this.global = node.groupingKeys().isEmpty();
        List<VectorExpression> args = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        for (AggregateCall call : node.aggregates()) {
            args.add(mode == HashAggregateExec.Mode.PARTIAL ? call.argument().map(ExpressionCompiler::compile).orElse(null) : null);
            widths.add(call.function().intermediateTypes(call.argumentType()).size());
        }
        this.arguments = args;
        this.intermediateWidths = List.copyOf(widths);
        resetTable();
    }

    private void resetTable()
    {
        table = new GroupKeyTable(node.groupingKeys().stream().map(Expression::type).toList());
        accumulators = new Accumulator[node.aggregates().size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = Accumulator.create(node.aggregates().get(i));
            if (global) {
                accumulators[i].ensureCapacity(1);
            }
        }
    }

    @Override
    public ColumnBatch next()
    {
        while (true) {
            if (emitter != null) {
                ColumnBatch batch = emitter.next();
                if (batch != null) {
                    return batch;
                }
                emitter = null;
            }
            if (partitionAggregation != null) {
                ColumnBatch batch = partitionAggregation.next();
                if (batch != null) {
                    return batch;
                }
                partitionAggregation.close();
                partitionAggregation = null;
            }
            if (finished) {
                return null;
            }
            if (!inputDone) {
                consume();
                continue;
            }
            if (partitions == null) {
                finished = true;
                continue;
            }
            if (nextPartition < partitions.length) {
                SpillFile file = partitions[nextPartition++];
                partitionAggregation = new HashAggregationOperator(new SpillReadOperator(file), node, memory(), depth + 1);
                continue;
            }
            finished = true;
        }
    }

    /** Whether this aggregation (not counting nested ones) wrote groups to disk. */
    public boolean spilled()
    {
        return partitions != null;
    }

    /** Reads input until it ends or memory runs out, then sets up what to emit next. */
    private void consume()
    {
        consuming = true;
        try {
            ColumnBatch batch;
            while ((batch = child.next()) != null) {
                accumulate(batch);
                if (!reserveGrowth()) {
                    if (mode == HashAggregateExec.Mode.PARTIAL) {
                        emitter = new Emitter(table, accumulators);
                        resetTable();
                        freeAll();
                        return;
                    }
                    spillTable();
                }
            }
            inputDone = true;
            if (partitions != null) {
                spillTable();
                return;
            }
            if (mode == HashAggregateExec.Mode.PARTIAL && !global && table.groupCount() == 0) {
                return;
            }
            emitter = new Emitter(table, accumulators);
        }
        finally {
            consuming = false;
        }
    }

    private void accumulate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        int[] groups;
        if (global) {
            groups = new int[rows];
        }
        else {
            ColumnVector[] keyVectors = new ColumnVector[keys.size()];
            for (int k = 0; k < keyVectors.length; k++) {
                keyVectors[k] = keys.get(k).evaluate(batch);
            }
            groups = table.assign(keyVectors, rows);
        }
        int groupCount = global ? 1 : table.groupCount();
        int column = keys.size();
        for (int a = 0; a < accumulators.length; a++) {
            Accumulator accumulator = accumulators[a];
            accumulator.ensureCapacity(groupCount);
            if (mode == HashAggregateExec.Mode.PARTIAL) {
                VectorExpression argument = arguments.get(a);
                accumulator.add(groups, argument == null ? null : argument.evaluate(batch), rows);
            }
            else {
                int width = intermediateWidths.get(a);
                accumulator.merge(groups, batch.columns().subList(column, column + width), rows);
                column += width;
            }
        }
    }

    /** Counts what the table grew by; false when the memory manager would not grant it (and may spill). */
    private boolean reserveGrowth()
    {
        long retained = table.retainedBytes();
        for (Accumulator accumulator : accumulators) {
            retained += accumulator.retainedBytes();
        }
        long growth = retained - used();
        if (growth <= 0) {
            return true;
        }
        if (tryReserve(growth)) {
            return true;
        }
        if (global || table.groupCount() == 0 || depth >= MAX_SPILL_DEPTH) {
            reserveAnyway(growth);
            return true;
        }
        return false;
    }

    @Override
    public long spill()
    {
        if (!consuming || mode != HashAggregateExec.Mode.FINAL || global || table.groupCount() == 0 || depth >= MAX_SPILL_DEPTH) {
            return 0;
        }
        long freed = used();
        spillTable();
        return freed;
    }

    /** Writes every group's keys and intermediate state to its partition's file and starts a fresh table. */
    private void spillTable()
    {
        if (partitions == null) {
            partitions = new SpillFile[SPILL_PARTITIONS];
            for (int p = 0; p < partitions.length; p++) {
                partitions[p] = memory().createSpillFile("aggregate");
            }
        }
        long before = 0;
        for (SpillFile file : partitions) {
            before += file.bytes();
        }
        int groups = table.groupCount();
        for (int from = 0; from < groups; from += ColumnBatch.DEFAULT_ROWS) {
            int to = Math.min(groups, from + ColumnBatch.DEFAULT_ROWS);
            List<ColumnVector> columns = new ArrayList<>(table.keyColumns(from, to));
            for (Accumulator accumulator : accumulators) {
                columns.addAll(accumulator.intermediate(from, to));
            }
            writePartitioned(new ColumnBatch(columns, to - from));
        }
        long after = 0;
        for (SpillFile file : partitions) {
            after += file.bytes();
        }
        recordSpill(after - before);
        resetTable();
        freeAll();
    }

    private void writePartitioned(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        ColumnVector[] keyVectors = batch.columns().subList(0, keys.size()).toArray(new ColumnVector[0]);
        int[] hashes = RowHasher.hash(keyVectors, rows);
        int[][] positions = new int[SPILL_PARTITIONS][rows];
        int[] counts = new int[SPILL_PARTITIONS];
        // each depth takes different bits of the hash, so a partition that spills again splits further
        int shift = 4 * depth + 3;
        for (int i = 0; i < rows; i++) {
            int p = (RowHasher.mix(hashes[i]) >>> shift) & (SPILL_PARTITIONS - 1);
            positions[p][counts[p]++] = i;
        }
        for (int p = 0; p < SPILL_PARTITIONS; p++) {
            if (counts[p] > 0) {
                partitions[p].write(batch.select(positions[p], counts[p]));
            }
        }
    }

    /** Emits the groups of one table, partial state or final values, in batches. */
    private final class Emitter
    {
        private final GroupKeyTable groups;
        private final Accumulator[] states;
        private final int groupCount;
        private int emitted;

        Emitter(GroupKeyTable groups, Accumulator[] states)
        {
            this.groups = groups;
            this.states = states;
            this.groupCount = global ? 1 : groups.groupCount();
        }

        ColumnBatch next()
        {
            if (emitted >= groupCount) {
                return null;
            }
            int from = emitted;
            int to = Math.min(groupCount, from + ColumnBatch.DEFAULT_ROWS);
            emitted = to;
            List<ColumnVector> columns = new ArrayList<>(global ? List.of() : groups.keyColumns(from, to));
            for (Accumulator accumulator : states) {
                if (mode == HashAggregateExec.Mode.PARTIAL) {
                    columns.addAll(accumulator.intermediate(from, to));
                }
                else {
                    columns.add(accumulator.result(from, to));
                }
            }
            return new ColumnBatch(columns, to - from);
        }
    }

    @Override
    public void close()
    {
        try {
            if (partitionAggregation != null) {
                partitionAggregation.close();
            }
            if (partitions != null) {
                for (SpillFile file : partitions) {
                    file.close();
                }
            }
            unregister();
        }
        finally {
            child.close();
        }
    }
}
