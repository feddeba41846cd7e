package io.spindle.runtime.operators;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.expr.VectorExpression;
import io.spindle.runtime.operators.aggregation.GroupKeyTable;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A hash join with SQL semantics for inner, left, right and full outer, left semi and left anti joins.
 * Contract: as {@link Operator}; on the first {@link #next()} it reads the build input whole, maps each
 * distinct build key to a group id through a {@link GroupKeyTable} (hashed as {@link RowHasher} hashes, so
 * as the shuffle partitions) and chains the build rows of each group; probe batches then stream through,
 * each probe row pairing with the build rows of its key. A key with a null in it never matches, so such
 * rows come out only where the join keeps unmatched rows. The residual condition and the output follow
 * {@link JoinOperator}. Holds the build side in memory and cannot spill.
 */
public final class HashJoinOperator
        extends JoinOperator
{
    private final List<VectorExpression> probeKeys;
    private final List<VectorExpression> buildKeys;
    private final GroupKeyTable table;
    private int[] chainHeads;
    private int[] chainNext;

    /**
     * @param probeKeys expressions over the probe input, pairwise of the types of {@code buildKeys}
     * @param residual over the left input's columns followed by the right's
     */
    public HashJoinOperator(Operator probe, Operator build, boolean buildIsLeft, JoinType type, List<DataType> probeTypes,
            List<DataType> buildTypes, List<Expression> probeKeys, List<Expression> buildKeys, Optional<Expression> residual)
    {
        super(probe, build, buildIsLeft, type, probeTypes, buildTypes, residual.map(ExpressionCompiler::compile));
        if (probeKeys.isEmpty() || probeKeys.size() != buildKeys.size()) {
            throw new IllegalArgumentException("a hash join needs as many probe keys as build keys, at least one");
        }
        this.probeKeys = probeKeys.stream().map(ExpressionCompiler::compile).toList();
        this.buildKeys = buildKeys.stream().map(ExpressionCompiler::compile).toList();
        this.table = new GroupKeyTable(buildKeys.stream().map(Expression::type).toList());
    }

    @Override
    protected void prepare(ColumnBatch buildSide)
    {
        int rows = buildSide.rowCount();
        chainNext = new int[rows];
        if (rows == 0) {
            chainHeads = new int[0];
            return;
        }
        ColumnVector[] keys = evaluate(buildKeys, buildSide);
        int[] groups = table.assign(keys, rows);
        chainHeads = new int[table.groupCount()];
        Arrays.fill(chainHeads, -1);
        // walk backwards so each chain lists its rows in input order
        for (int row = rows - 1; row >= 0; row--) {
            if (anyNull(keys, row)) {
                continue;
            }
            chainNext[row] = chainHeads[groups[row]];
            chainHeads[groups[row]] = row;
        }
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
        if (chainHeads.length == 0) {
            return pairs;
        }
        ColumnVector[] keys = evaluate(probeKeys, probeBatch);
        int[] groups = table.lookup(keys, rows);
        for (int row = from; row < to; row++) {
            int group = groups[row];
            if (group < 0 || anyNull(keys, row)) {
                continue;
            }
            for (int buildRow = chainHeads[group]; buildRow >= 0; buildRow = chainNext[buildRow]) {
                pairs.add(row, buildRow);
            }
        }
        return pairs;
    }

    private static ColumnVector[] evaluate(List<VectorExpression> keys, ColumnBatch batch)
    {
        ColumnVector[] vectors = new ColumnVector[keys.size()];
        for (int k = 0; k < vectors.length; k++) {
            vectors[k] = keys.get(k).evaluate(batch);
        }
        return vectors;
    }

    private static boolean anyNull(ColumnVector[] keys, int row)
    {
        for (ColumnVector key : keys) {
            if (key.isNull(row)) {
                return true;
            }
        }
        return false;
    }
}
