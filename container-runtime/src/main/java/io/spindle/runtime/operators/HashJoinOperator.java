package io.spindle.runtime.operators;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.expr.VectorExpression;
import io.spindle.runtime.memory.TaskMemoryManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A hash join with SQL semantics for inner, left, right and full outer, left semi and left anti joins.
 * Contract: as {@link Operator}; on the first {@link #next()} it reads the build input whole into a
 * {@link HashJoinTable} (keys hashed as {@link RowHasher} hashes, so as the shuffle partitions), or, for a broadcast
 * build side, takes the table the executor's tasks share from {@link BroadcastHashTables}; probe batches then
 * stream through, each probe row pairing with the build rows of its key. A key with a null in it never matches,
 * so such rows come out only where the join keeps unmatched rows. The residual condition and the output follow
 * {@link JoinOperator}.
 *
 * <p>Spilling: a build side of its own is reserved batch by batch with the task's memory manager (a shared
 * table is counted by {@link BroadcastHashTables}, and does not spill). If the pool refuses a batch, the join
 * becomes a sort-merge join before it probes anything: the build rows (those read so far, then the rest) go
 * into one external {@link SortOperator} and the probe input into another, each ascending on its keys with
 * nulls first as {@link SortMergeJoinOperator} requires, and that operator, given the build side as left or
 * right as {@code buildIsLeft} says, produces the same rows with the same join type, residual and column order
 * (the order of the rows differs). The sorts spill their runs under the task's spill dirs, counted in its spill
 * metrics, and delete them on {@link #close()}. The merge holds one key's rows of its right side at a time, so
 * a heavily repeated key there still costs memory.
 */
public final class HashJoinOperator
        extends JoinOperator
{
    private static final Logger LOG = LoggerFactory.getLogger(HashJoinOperator.class);

    private final List<Expression> probeKeyExpressions;
    private final List<Expression> buildKeyExpressions;
    private final Optional<Expression> residualExpression;
    private final List<VectorExpression> probeKeys;
    private final List<VectorExpression> buildKeys;
    private final Optional<SharedBuild> shared;
    private HashJoinTable table;
    private BroadcastHashTables.Lease lease;

    /** Where this join's build side is a broadcast whose table the executor's tasks share, and under which key. */
    public record SharedBuild(BroadcastHashTables tables, BroadcastHashTables.Key key)
    {
        public SharedBuild
        {
            requireNonNull(tables, "tables is null");
            requireNonNull(key, "key is null");
        }
    }

    public HashJoinOperator(Operator probe, Operator build, boolean buildIsLeft, JoinType type, List<DataType> probeTypes,
            List<DataType> buildTypes, List<Expression> probeKeys, List<Expression> buildKeys, Optional<Expression> residual)
    {
        this(probe, build, buildIsLeft, type, probeTypes, buildTypes, probeKeys, buildKeys, residual, TaskMemoryManager.unbounded());
    }

    /**
     * @param probeKeys expressions over the probe input, pairwise of the types of {@code buildKeys}
     * @param residual over the left input's columns followed by the right's
     */
    public HashJoinOperator(Operator probe, Operator build, boolean buildIsLeft, JoinType type, List<DataType> probeTypes,
            List<DataType> buildTypes, List<Expression> probeKeys, List<Expression> buildKeys, Optional<Expression> residual,
            TaskMemoryManager memory)
    {
        this(probe, build, buildIsLeft, type, probeTypes, buildTypes, probeKeys, buildKeys, residual, memory, Optional.empty());
    }

    /**
     * @param shared when present, the build input is a broadcast and the table is taken from (or built once into)
     * the executor's {@link BroadcastHashTables}, which counts its memory; the build input is then read only by the
     * task that builds it
     */
    public HashJoinOperator(Operator probe, Operator build, boolean buildIsLeft, JoinType type, List<DataType> probeTypes,
            List<DataType> buildTypes, List<Expression> probeKeys, List<Expression> buildKeys, Optional<Expression> residual,
            TaskMemoryManager memory, Optional<SharedBuild> shared)
    {
        super(probe, build, buildIsLeft, type, probeTypes, buildTypes, residual.map(ExpressionCompiler::compile), memory, "HashJoin");
        if (probeKeys.isEmpty() || probeKeys.size() != buildKeys.size()) {
            throw new IllegalArgumentException("a hash join needs as many probe keys as build keys, at least one");
        }
        this.probeKeyExpressions = List.copyOf(probeKeys);
        this.buildKeyExpressions = List.copyOf(buildKeys);
        this.residualExpression = residual;
        this.probeKeys = probeKeys.stream().map(ExpressionCompiler::compile).toList();
        this.buildKeys = buildKeys.stream().map(ExpressionCompiler::compile).toList();
        this.shared = requireNonNull(shared, "shared is null");
    }

    @Override
    protected Operator overflow(Operator build, Operator probe)
    {
        for (int k = 0; k < probeKeyExpressions.size(); k++) {
            DataType probeType = probeKeyExpressions.get(k).type();
            DataType buildType = buildKeyExpressions.get(k).type();
            if (!mergeable(probeType, buildType)) {
                throw new IllegalStateException("the hash join on " + probeKeyExpressions + " = " + buildKeyExpressions
                        + " ran out of execution memory reading its build side, and cannot switch to a sort-merge join because key "
                        + (k + 1) + " pairs " + probeType + " with " + buildType + ", which the merge cannot order alike;"
                        + " raise spindle.executor.memory or spindle.memory.fraction (or spindle.memory.poolBytes), or cast the keys to one type");
            }
        }
        LOG.info("hash join on {} = {}: the memory pool refused its build side after {} KiB; sorting both sides and merging them instead",
                probeKeyExpressions, buildKeyExpressions, used() >> 10);
        SortOperator sortedBuild = new SortOperator(build, ascending(buildKeyExpressions), buildTypes().size(), memory());
        Operator sortedProbe = new SortOperator(probe, ascending(probeKeyExpressions), probeTypes().size(), memory());
        Operator merge = buildIsLeft()
                ? new SortMergeJoinOperator(sortedBuild, sortedProbe, type(), buildTypes(), probeTypes(), buildKeyExpressions,
                        probeKeyExpressions, residualExpression)
                : new SortMergeJoinOperator(sortedProbe, sortedBuild, type(), probeTypes(), buildTypes(), probeKeyExpressions,
                        buildKeyExpressions, residualExpression);
        return new BuildSortedFirst(sortedBuild, merge);
    }

    /**
     * The merge, but with the build side sorted before anything else: the build rows read so far still hold the
     * join's memory until its sort takes (and spills) them, and the probe side's sort should find the pool free,
     * whichever side the merge reads first. Owns the merge.
     */
    private static final class BuildSortedFirst
            implements Operator
    {
        private final SortOperator sortedBuild;
        private final Operator merge;

        BuildSortedFirst(SortOperator sortedBuild, Operator merge)
        {
            this.sortedBuild = sortedBuild;
            this.merge = merge;
        }

        @Override
        public ColumnBatch next()
        {
            sortedBuild.sortInput();
            return merge.next();
        }

        @Override
        public void close()
        {
            merge.close();
        }
    }

    /** Whether {@link RowOrdering} orders values of the two types on one scale, as the merge compares them. */
    private static boolean mergeable(DataType a, DataType b)
    {
        if (a.equals(b)) {
            return true;
        }
        boolean integralA = a.kind() == TypeKind.INT || a.kind() == TypeKind.LONG;
        boolean integralB = b.kind() == TypeKind.INT || b.kind() == TypeKind.LONG;
        return integralA && integralB;
    }

    private static List<SortOrder> ascending(List<Expression> keys)
    {
        return keys.stream().map(SortOrder::ascending).toList();
    }

    @Override
    protected ColumnBatch sharedBuildSide()
    {
        if (shared.isEmpty()) {
            return null;
        }
        lease = shared.get().tables().acquire(shared.get().key(), () -> HashJoinTable.build(drainBuildInput(), buildKeys, keyTypes()));
        if (lease == null) {
            // another task built it but the pool had no room to share it: build this task's own, as without sharing
            return null;
        }
        if (lease.unshared()) {
            reserveAnyway(lease.table().retainedBytes());
        }
        table = lease.table();
        return table.rows();
    }

    @Override
    protected void prepare(ColumnBatch buildSide)
    {
        if (table == null) {
            table = HashJoinTable.build(buildSide, buildKeys, keyTypes());
        }
    }

    private List<DataType> keyTypes()
    {
        return buildKeyExpressions.stream().map(Expression::type).toList();
    }

    @Override
    protected int sliceRows(ColumnBatch probeBatch)
    {
        return probeBatch.rowCount();
    }

    @Override
    protected Pairs candidates(ColumnBatch probeBatch, int from, int to)
    {
        int rows = probeBatch.rowCount();
        Pairs pairs = new Pairs(rows);
        if (table.rows().rowCount() > 0) {
            table.addCandidates(HashJoinTable.evaluate(probeKeys, probeBatch), rows, from, to, pairs);
        }
        return pairs;
    }

    @Override
    public void close()
    {
        try {
            super.close();
        }
        finally {
            if (lease != null) {
                lease.release();
                lease = null;
            }
        }
    }
}
