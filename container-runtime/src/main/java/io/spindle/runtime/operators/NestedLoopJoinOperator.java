package io.spindle.runtime.operators;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.memory.TaskMemoryManager;

import java.util.List;
import java.util.Optional;

/**
 * A join that pairs every probe row with every build row and keeps the pairs where the condition holds
 * (all of them without one: a cross join), for the same join types and with the same output as
 * {@link HashJoinOperator}. Contract: as {@link Operator}; reads the build input whole on the first
 * {@link #next()}, then pairs probe rows a slice at a time so that a slice makes at most about
 * {@value #PAIRS_PER_SLICE} candidate pairs. Holds the build side in memory and cannot spill: without equi
 * keys there is no order to merge by, so when the pool refuses the build side it is held all the same (counted
 * against the task, as {@link JoinOperator} describes).
 */
public final class NestedLoopJoinOperator
        extends JoinOperator
{
    static final int PAIRS_PER_SLICE = 65536;

    private int buildRowCount;

    public NestedLoopJoinOperator(Operator probe, Operator build, boolean buildIsLeft, JoinType type, List<DataType> probeTypes,
            List<DataType> buildTypes, Optional<Expression> condition)
    {
        this(probe, build, buildIsLeft, type, probeTypes, buildTypes, condition, TaskMemoryManager.unbounded());
    }

    /** @param condition over the left input's columns followed by the right's; empty for a cross join */
    public NestedLoopJoinOperator(Operator probe, Operator build, boolean buildIsLeft, JoinType type, List<DataType> probeTypes,
            List<DataType> buildTypes, Optional<Expression> condition, TaskMemoryManager memory)
    {
        super(probe, build, buildIsLeft, type, probeTypes, buildTypes, condition.map(ExpressionCompiler::compile), memory, "NestedLoopJoin");
    }

    @Override
    protected Operator overflow(Operator build, Operator probe)
    {
        return null;
    }

    @Override
    protected void prepare(ColumnBatch buildSide)
    {
        buildRowCount = buildSide.rowCount();
    }

    @Override
    protected int sliceRows(ColumnBatch probeBatch)
    {
        return PAIRS_PER_SLICE / Math.max(1, buildRowCount);
    }

    @Override
    protected Pairs candidates(ColumnBatch probeBatch, int from, int to)
    {
        Pairs pairs = new Pairs((to - from) * buildRowCount);
        for (int row = from; row < to; row++) {
            for (int buildRow = 0; buildRow < buildRowCount; buildRow++) {
                pairs.add(row, buildRow);
            }
        }
        return pairs;
    }
}
