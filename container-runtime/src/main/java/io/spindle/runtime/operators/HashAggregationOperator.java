package io.spindle.runtime.operators;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.physical.HashAggregateExec;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.expr.VectorExpression;
import io.spindle.runtime.operators.aggregation.Accumulator;
import io.spindle.runtime.operators.aggregation.GroupKeyTable;

import java.util.ArrayList;
import java.util.List;

/**
 * Hash aggregation, partial or final (see {@link HashAggregateExec}). Consumes its whole input on the first
 * {@link #next()}, then returns the groups in batches. Without grouping keys there is always exactly one
 * group, so an aggregate over no rows still yields its row (count 0, sum null), as SQL requires.
 * Holds every group in memory; spilling comes with the memory manager.
 */
public final class HashAggregationOperator
        implements Operator
{
    private final Operator child;
    private final HashAggregateExec.Mode mode;
    private final List<VectorExpression> keys;
    private final List<VectorExpression> arguments;
    private final List<Integer> intermediateWidths;
    private final Accumulator[] accumulators;
    private final GroupKeyTable table;
    private final boolean global;
    private boolean consumed;
    private int emitted;

    public HashAggregationOperator(Operator child, HashAggregateExec node)
    {
        this.child = child;
        this.mode = node.mode();
        this.keys = node.groupingKeys().stream().map(ExpressionCompiler::compile).toList();
        this.table = new GroupKeyTable(node.groupingKeys().stream().map(Expression::type).toList());
        this.global = node.groupingKeys().isEmpty();
        this.accumulators = new Accumulator[node.aggregates().size()];
        List<VectorExpression> args = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < accumulators.length; i++) {
            AggregateCall call = node.aggregates().get(i);
            accumulators[i] = Accumulator.create(call);
            args.add(mode == HashAggregateExec.Mode.PARTIAL ? call.argument().map(ExpressionCompiler::compile).orElse(null) : null);
            widths.add(call.function().intermediateTypes(call.argumentType()).size());
        }
        this.arguments = args;
        this.intermediateWidths = List.copyOf(widths);
    }

    @Override
    public ColumnBatch next()
    {
        if (!consumed) {
            consume();
            consumed = true;
        }
        int groups = global ? 1 : table.groupCount();
        if (emitted >= groups) {
            return null;
        }
        int from = emitted;
        int to = Math.min(groups, from + ColumnBatch.DEFAULT_ROWS);
        emitted = to;
        List<ColumnVector> columns = new ArrayList<>(global ? List.of() : table.keyColumns(from, to));
        for (Accumulator accumulator : accumulators) {
            if (mode == HashAggregateExec.Mode.PARTIAL) {
                columns.addAll(accumulator.intermediate(from, to));
            }
            else {
                columns.add(accumulator.result(from, to));
            }
        }
        return new ColumnBatch(columns, to - from);
    }

    private void consume()
    {
        if (global) {
            for (Accumulator accumulator : accumulators) {
                accumulator.ensureCapacity(1);
            }
        }
        ColumnBatch batch;
        while ((batch = child.next()) != null) {
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
    }

    @Override
    public void close()
    {
        child.close();
    }
}
