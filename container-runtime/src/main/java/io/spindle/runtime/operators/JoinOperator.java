package io.spindle.runtime.operators;

import io.spindle.planner.logical.JoinType;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.runtime.expr.VectorExpression;
import io.spindle.runtime.memory.MemoryConsumer;
import io.spindle.runtime.memory.TaskMemoryManager;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the joins share: the build input is read whole into memory on the first {@link #next()}; probe
 * batches then stream through, a subclass names the candidate pairs of each slice of a probe batch, the
 * residual condition (over the left's columns followed by the right's) keeps the pairs that match, and the
 * join type decides what comes out: matched pairs, null-extended unmatched probe rows after each slice,
 * unmatched build rows once the probe input is exhausted, or for semi and anti joins the probe rows alone.
 * Owns and closes both inputs. Used by one thread.
 *
 * <p>Memory: each build batch is reserved with the task's memory manager before it is kept, counted twice
 * (the batch and its share of the concatenated build side and the subclass's table). When the pool refuses,
 * {@link #overflow} decides: it returns an operator that produces the join's whole output from the build
 * rows (those read so far, replayed, then the rest of the build input) and the probe input, which from then
 * on stands in for this join; or it returns null, and the build side is held past the pool, still counted.
 * The join does not give memory back when another operator asks ({@link #spill()} frees nothing). A subclass
 * that gets its build side from elsewhere ({@link #sharedBuildSide()}) reserves nothing for it.
 */
public abstract class JoinOperator
        extends MemoryConsumer
        implements Operator
{
    private final Operator probe;
    private final Operator build;
    private final boolean buildIsLeft;
    private final JoinType type;
    private final List<DataType> probeTypes;
    private final List<DataType> buildTypes;
    private final Optional<VectorExpression> residual;
    private final boolean emitUnmatchedProbe;
    private final boolean emitUnmatchedBuild;
    private final ArrayDeque<ColumnBatch> ready = new ArrayDeque<>();
    private ColumnBatch buildRows;
    private Operator overflowJoin;
    private boolean[] buildMatched;
    private boolean probeDone;
    private boolean finished;

    /** Candidate pairs: {@code probeRows[i]} of the probe batch with {@code buildRows[i]} of the build side. */
    protected static final class Pairs
    {
        int[] probeRows;
        int[] buildRows;
        int count;

        public Pairs(int capacity)
        {
            probeRows = new int[Math.max(capacity, 16)];
            buildRows = new int[probeRows.length];
        }

        public void add(int probeRow, int buildRow)
        {
            if (count == probeRows.length) {
                probeRows = Arrays.copyOf(probeRows, count * 2);
                buildRows = Arrays.copyOf(buildRows, count * 2);
            }
            probeRows[count] = probeRow;
            buildRows[count] = buildRow;
            count++;
        }
    }

    protected JoinOperator(Operator probe, Operator build, boolean buildIsLeft, JoinType type, List<DataType> probeTypes,
            List<DataType> buildTypes, Optional<VectorExpression> residual, TaskMemoryManager memory, String name)
    {
        super(memory, name);
        this.probe = requireNonNull(probe, "probe is null");
        this.build = requireNonNull(build, "build is null");
        this.buildIsLeft = buildIsLeft;
        this.type = requireNonNull(type, "type is null");
        this.probeTypes = List.copyOf(probeTypes);
        this.buildTypes = List.copyOf(buildTypes);
        this.residual = requireNonNull(residual, "residual is null");
        if (buildIsLeft && !type.outputsRight()) {
            throw new IllegalArgumentException("a " + type.sqlName() + " join probes with its left side; it cannot build it");
        }
        this.emitUnmatchedProbe = buildIsLeft ? type.keepsUnmatchedRight() : type.keepsUnmatchedLeft();
        this.emitUnmatchedBuild = buildIsLeft ? type.keepsUnmatchedLeft() : type.keepsUnmatchedRight();
    }

    /**
     * Called when the memory pool refuses room for the next build batch, before anything was probed. Returns an
     * operator that produces this join's whole output, in its column order, from {@code build} (every build row:
     * those read so far, then the rest of the build input) and {@code probe}, taking ownership of both; or null
     * to keep building in memory beyond the pool.
     */
    protected abstract Operator overflow(Operator build, Operator probe);

    /**
     * Called once, before {@link #prepare}: the whole build side when the subclass obtained it elsewhere (a table
     * the executor's tasks share, whose memory is not this task's), else null, and the join reads the build input
     * and reserves it as the class comment says. The default is null.
     */
    protected ColumnBatch sharedBuildSide()
    {
        return null;
    }

    /** Every build row, concatenated, read without reserving memory: for a subclass whose build side someone else counts. */
    protected final ColumnBatch drainBuildInput()
    {
        List<ColumnBatch> batches = new ArrayList<>();
        ColumnBatch batch;
        while ((batch = build.next()) != null) {
            batches.add(batch);
        }
        return batches.isEmpty() ? emptyBuildSide() : BatchConcat.concat(batches, buildTypes.size());
    }

    /** Called once with the whole build side (zero rows when it is empty) before any probing. */
    protected abstract void prepare(ColumnBatch buildSide);

    /** How many probe rows to pair at a time, so the candidates of a slice stay a manageable number. */
    protected abstract int sliceRows(ColumnBatch probeBatch);

    /** The candidate pairs of probe rows [from, to) of {@code probeBatch}, in probe row order. */
    protected abstract Pairs candidates(ColumnBatch probeBatch, int from, int to);

    protected final boolean buildIsLeft()
    {
        return buildIsLeft;
    }

    protected final JoinType type()
    {
        return type;
    }

    protected final List<DataType> probeTypes()
    {
        return probeTypes;
    }

    protected final List<DataType> buildTypes()
    {
        return buildTypes;
    }

    /** Whether the pool refused the build side and the join runs as the operator {@link #overflow} gave. */
    public final boolean overflowed()
    {
        return overflowJoin != null;
    }

    @Override
    public final ColumnBatch next()
    {
        if (overflowJoin != null) {
            return overflowJoin.next();
        }
        if (buildRows == null) {
            ColumnBatch shared = sharedBuildSide();
            buildRows = shared != null ? shared : readBuildSide();
            if (overflowJoin != null) {
                return overflowJoin.next();
            }
            prepare(buildRows);
            buildMatched = emitUnmatchedBuild ? new boolean[buildRows.rowCount()] : null;
        }
        while (ready.isEmpty()) {
            if (finished) {
                return null;
            }
            if (!probeDone) {
                ColumnBatch batch = probe.next();
                if (batch == null) {
                    probeDone = true;
                }
                else {
                    join(batch);
                }
                continue;
            }
            if (emitUnmatchedBuild) {
                emitUnmatchedBuildRows();
            }
            finished = true;
        }
        return ready.poll();
    }

    /** The whole build side, or null when the pool refused it and {@link #overflowJoin} took over. */
    private ColumnBatch readBuildSide()
    {
        List<ColumnBatch> batches = new ArrayList<>();
        ColumnBatch batch;
        while ((batch = build.next()) != null) {
            long bytes = reservedBytes(batch);
            if (!tryReserve(bytes)) {
                overflowJoin = overflow(new Replay(batches, batch), probe);
                if (overflowJoin != null) {
                    return null;
                }
                reserveAnyway(bytes);
            }
            batches.add(batch);
        }
        if (batches.isEmpty()) {
            return emptyBuildSide();
        }
        return BatchConcat.concat(batches, buildTypes.size());
    }

    private ColumnBatch emptyBuildSide()
    {
        List<ColumnVector> empty = new ArrayList<>();
        for (DataType t : buildTypes) {
            empty.add(nullColumn(t, 0));
        }
        return new ColumnBatch(empty, 0);
    }

    private void join(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        int slice = Math.max(1, sliceRows(batch));
        for (int from = 0; from < rows; from += slice) {
            int to = Math.min(rows, from + slice);
            Pairs pairs = candidates(batch, from, to);
            if (residual.isPresent() && pairs.count > 0) {
                keepMatching(batch, pairs);
            }
            boolean[] probeMatched = new boolean[to - from];
            for (int i = 0; i < pairs.count; i++) {
                probeMatched[pairs.probeRows[i] - from] = true;
                if (buildMatched != null) {
                    buildMatched[pairs.buildRows[i]] = true;
                }
            }
            if (type == JoinType.LEFT_SEMI || type == JoinType.LEFT_ANTI) {
                emitProbeRows(batch, from, probeMatched, type == JoinType.LEFT_SEMI);
                continue;
            }
            if (pairs.count > 0) {
                ready.add(combine(batch.select(pairs.probeRows, pairs.count), buildRows.select(pairs.buildRows, pairs.count)));
            }
            if (emitUnmatchedProbe) {
                int[] unmatched = positions(probeMatched, from, false);
                if (unmatched.length > 0) {
                    ColumnBatch probeSide = batch.select(unmatched, unmatched.length);
                    ready.add(combine(probeSide, nulls(buildTypes, unmatched.length)));
                }
            }
        }
    }

    private void keepMatching(ColumnBatch batch, Pairs pairs)
    {
        ColumnBatch candidates = combine(batch.select(pairs.probeRows, pairs.count), buildRows.select(pairs.buildRows, pairs.count));
        BooleanVector matches = (BooleanVector) residual.get().evaluate(candidates);
        boolean[] values = matches.values();
        boolean[] nulls = matches.nulls();
        int kept = 0;
        for (int i = 0; i < pairs.count; i++) {
            if (values[i] && (nulls == null || !nulls[i])) {
                pairs.probeRows[kept] = pairs.probeRows[i];
                pairs.buildRows[kept] = pairs.buildRows[i];
                kept++;
            }
        }
        pairs.count = kept;
    }

    private void emitProbeRows(ColumnBatch batch, int from, boolean[] matched, boolean wanted)
    {
        int[] rows = positions(matched, from, wanted);
        if (rows.length > 0) {
            ready.add(rows.length == batch.rowCount() ? batch : batch.select(rows, rows.length));
        }
    }

    private void emitUnmatchedBuildRows()
    {
        int[] unmatched = positions(buildMatched, 0, false);
        for (int from = 0; from < unmatched.length; from += ColumnBatch.DEFAULT_ROWS) {
            int count = Math.min(ColumnBatch.DEFAULT_ROWS, unmatched.length - from);
            int[] rows = Arrays.copyOfRange(unmatched, from, from + count);
            ready.add(combine(nulls(probeTypes, count), buildRows.select(rows, count)));
        }
    }

    private static int[] positions(boolean[] flags, int offset, boolean wanted)
    {
        int count = 0;
        for (boolean flag : flags) {
            if (flag == wanted) {
                count++;
            }
        }
        int[] out = new int[count];
        int at = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] == wanted) {
                out[at++] = offset + i;
            }
        }
        return out;
    }

    /** Probe and build columns side by side in the join's output order: left, then right. */
    private ColumnBatch combine(ColumnBatch probeSide, ColumnBatch buildSide)
    {
        List<ColumnVector> columns = new ArrayList<>(probeSide.columnCount() + buildSide.columnCount());
        columns.addAll(buildIsLeft ? buildSide.columns() : probeSide.columns());
        columns.addAll(buildIsLeft ? probeSide.columns() : buildSide.columns());
        return new ColumnBatch(columns, probeSide.rowCount());
    }

    private static ColumnBatch nulls(List<DataType> types, int rows)
    {
        List<ColumnVector> columns = new ArrayList<>(types.size());
        for (DataType t : types) {
            columns.add(nullColumn(t, rows));
        }
        return new ColumnBatch(columns, rows);
    }

    private static ColumnVector nullColumn(DataType type, int rows)
    {
        if (type.kind() == TypeKind.STRING) {
            StringVector.Builder builder = new StringVector.Builder(rows, 0);
            for (int i = 0; i < rows; i++) {
                builder.appendNull();
            }
            return builder.build();
        }
        ColumnVector vector = ColumnVector.allocate(type, rows);
        if (rows > 0) {
            boolean[] mask = new boolean[rows];
            Arrays.fill(mask, true);
            vector.setNulls(mask);
        }
        return vector;
    }

    private static long reservedBytes(ColumnBatch batch)
    {
        return 2 * batch.sizeInBytes();
    }

    @Override
    public void close()
    {
        buildRows = null;
        ready.clear();
        try {
            if (overflowJoin != null) {
                overflowJoin.close();
            }
            else {
                try {
                    probe.close();
                }
                finally {
                    build.close();
                }
            }
        }
        finally {
            unregister();
        }
    }

    /**
     * The build batches read before the pool refused, the refused batch, then the rest of the build input. Each
     * reserved batch's reservation is freed as it is handed on, since whoever takes it accounts for it from then.
     * Owns the build input.
     */
    private final class Replay
            implements Operator
    {
        private final ArrayDeque<ColumnBatch> reserved;
        private ColumnBatch refused;

        Replay(List<ColumnBatch> reserved, ColumnBatch refused)
        {
            this.reserved = new ArrayDeque<>(reserved);
            this.refused = refused;
        }

        @Override
        public ColumnBatch next()
        {
            ColumnBatch batch = reserved.poll();
            if (batch != null) {
                free(reservedBytes(batch));
                return batch;
            }
            if (refused != null) {
                batch = refused;
                refused = null;
                return batch;
            }
            return build.next();
        }

        @Override
        public void close()
        {
            reserved.clear();
            refused = null;
            build.close();
        }
    }
}
