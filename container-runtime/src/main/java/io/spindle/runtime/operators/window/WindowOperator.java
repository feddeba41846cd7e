package io.spindle.runtime.operators.window;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.WindowExpression;
import io.spindle.planner.expressions.WindowFunction;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.expr.RowPicker;
import io.spindle.runtime.expr.VectorExpression;
import io.spindle.runtime.operators.BatchConcat;
import io.spindle.runtime.operators.Operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Computes window expressions that share partition and order keys, appending one column per expression to
 * the input's columns.
 *
 * <p>Contract: the input must arrive sorted by (partition keys, order keys), with all rows of a window
 * partition in this task (the planner puts an exchange and a sort below). The caller calls {@link #next()}
 * until it returns null, then {@link #close()} once, as for every {@link Operator}. The operator holds the
 * rows of the window partition in progress (and the rest of the batch that finished it) in memory, so one
 * partition larger than memory fails; it does not spill. Batches it returns hold only complete window
 * partitions; each function is computed over a whole such run of rows at once, column by column.
 */
public final class WindowOperator
        implements Operator
{
    private final Operator child;
    private final int columnCount;
    private final List<VectorExpression> partitionKeys;
    private final List<VectorExpression> orderKeys;
    private final List<WindowExpression> windows;
    private final List<Optional<VectorExpression>> inputs;
    private final List<Optional<VectorExpression>> defaults;

    private final List<ColumnBatch> pending = new ArrayList<>();
    private ColumnVector[] pendingLastKeys;
    private int pendingLastRow;
    private boolean inputDone;

    /**
     * @param windows window expressions sharing partition and order keys, over the input's columns
     * @param columnCount the number of input columns
     */
    public WindowOperator(Operator child, List<WindowExpression> windows, int columnCount)
    {
        this.child = requireNonNull(child, "child is null");
        this.windows = List.copyOf(requireNonNull(windows, "windows is null"));
        this.columnCount = columnCount;
        this.partitionKeys = windows.get(0).partitionKeys().stream().map(ExpressionCompiler::compile).toList();
        this.orderKeys = windows.get(0).orderKeys().stream().map(o -> ExpressionCompiler.compile(o.expression())).toList();
        List<Optional<VectorExpression>> inputs = new ArrayList<>();
        List<Optional<VectorExpression>> defaults = new ArrayList<>();
        for (WindowExpression window : windows) {
            Optional<Expression> input;
            Optional<Expression> defaultValue = Optional.empty();
            if (window.function() instanceof WindowFunction function) {
                input = function.input();
                defaultValue = function.defaultValue();
            }
            else if (window.function() instanceof AggregateCall call) {
                input = call.argument();
            }
            else {
                throw new IllegalArgumentException("not a window function: " + window.function());
            }
            inputs.add(input.map(ExpressionCompiler::compile));
            defaults.add(defaultValue.map(ExpressionCompiler::compile));
        }
        this.inputs = List.copyOf(inputs);
        this.defaults = List.copyOf(defaults);
    }

    @Override
    public ColumnBatch next()
    {
        while (!inputDone) {
            ColumnBatch batch = child.next();
            if (batch == null) {
                inputDone = true;
                break;
            }
            ColumnBatch complete = accept(batch);
            if (complete != null) {
                return compute(complete);
            }
        }
        if (pending.isEmpty()) {
            return null;
        }
        ColumnBatch rest = takePending();
        return compute(rest);
    }

    /** Adds {@code batch} to the rows held; returns the rows of the window partitions it completes, if any. */
    private ColumnBatch accept(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        ColumnVector[] keys = evaluate(partitionKeys, batch);
        int lastStart = 0;
        for (int row = rows - 1; row > 0; row--) {
            if (!RowComparison.sameRow(keys, row, keys, row - 1)) {
                lastStart = row;
                break;
            }
        }
        ColumnBatch complete = null;
        if (lastStart > 0) {
            pending.add(slice(batch, 0, lastStart));
            complete = takePending();
            pending.add(slice(batch, lastStart, rows));
        }
        else {
            if (!pending.isEmpty() && !RowComparison.sameRow(pendingLastKeys, pendingLastRow, keys, 0)) {
                complete = takePending();
            }
            pending.add(batch);
        }
        pendingLastKeys = keys;
        pendingLastRow = rows - 1;
        return complete;
    }

    private ColumnBatch takePending()
    {
        ColumnBatch all = pending.size() == 1 ? pending.get(0) : BatchConcat.concat(pending, columnCount);
        pending.clear();
        return all;
    }

    private static ColumnBatch slice(ColumnBatch batch, int from, int to)
    {
        if (from == 0 && to == batch.rowCount()) {
            return batch;
        }
        int[] positions = new int[to - from];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = from + i;
        }
        return batch.select(positions, positions.length);
    }

    private static ColumnVector[] evaluate(List<VectorExpression> expressions, ColumnBatch batch)
    {
        ColumnVector[] vectors = new ColumnVector[expressions.size()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = expressions.get(i).evaluate(batch);
        }
        return vectors;
    }

    /** Appends the window columns to {@code chunk}, which holds whole window partitions only. */
    private ColumnBatch compute(ColumnBatch chunk)
    {
        WindowPartitions partitions = WindowPartitions.of(evaluate(partitionKeys, chunk), evaluate(orderKeys, chunk), chunk.rowCount());
        List<ColumnVector> columns = new ArrayList<>(chunk.columns());
        for (int w = 0; w < windows.size(); w++) {
            WindowExpression window = windows.get(w);
            ColumnVector input = inputs.get(w).map(e -> e.evaluate(chunk)).orElse(null);
            if (window.function() instanceof WindowFunction function) {
                columns.add(function.kind().isRanking()
                        ? ranking(function.kind(), partitions)
                        : offset(function, input, defaults.get(w).map(e -> e.evaluate(chunk)).orElse(null), partitions));
            }
            else {
                AggregateCall call = (AggregateCall) window.function();
                columns.add(FrameAggregation.compute(call, window.frame(), input, partitions));
            }
        }
        return new ColumnBatch(columns, chunk.rowCount());
    }

    private static ColumnVector ranking(WindowFunction.Kind kind, WindowPartitions partitions)
    {
        int rows = partitions.rows();
        int[] values = new int[rows];
        switch (kind) {
            case ROW_NUMBER -> {
                for (int i = 0; i < rows; i++) {
                    values[i] = i - partitions.partitionStart(i) + 1;
                }
            }
            case RANK -> {
                for (int i = 0; i < rows; i++) {
                    values[i] = partitions.peerStart(i) - partitions.partitionStart(i) + 1;
                }
            }
            case DENSE_RANK -> {
                int rank = 0;
                for (int i = 0; i < rows; i++) {
                    if (i == partitions.partitionStart(i)) {
                        rank = 1;
                    }
                    else if (i == partitions.peerStart(i)) {
                        rank++;
                    }
                    values[i] = rank;
                }
            }
            default -> throw new IllegalArgumentException("not a ranking function: " + kind);
        }
        return new IntVector(DataType.INT, values, rows);
    }

    /** lag/lead: the input of the row {@code signedOffset} away in the same window partition, else the default, else null. */
    private static ColumnVector offset(WindowFunction function, ColumnVector input, ColumnVector defaultValue, WindowPartitions partitions)
    {
        int rows = partitions.rows();
        int shift = function.signedOffset();
        int[] positions = new int[rows];
        int[] choice = new int[rows];
        for (int i = 0; i < rows; i++) {
            long target = (long) i + shift;
            if (target >= partitions.partitionStart(i) && target < partitions.partitionEnd(i)) {
                positions[i] = (int) target;
                choice[i] = 0;
            }
            else {
                positions[i] = i;
                choice[i] = defaultValue == null ? -1 : 1;
            }
        }
        ColumnVector shifted = input.select(positions, rows);
        return RowPicker.pick(function.type(), new ColumnVector[] {shifted, defaultValue}, choice, rows);
    }

    @Override
    public void close()
    {
        pending.clear();
        child.close();
    }
}
