package io.spindle.benchmarks.jmh;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.operators.Operator;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A source operator that hands out batches built before the measurement, so that a benchmark times the operator
 * above it and not the making of its input. Batches are immutable, so one list serves every invocation, each
 * through a new instance. Used by one thread.
 */
final class ReplayOperator
        implements Operator
{
    private final List<ColumnBatch> batches;
    private int position;

    ReplayOperator(List<ColumnBatch> batches)
    {
        this.batches = requireNonNull(batches, "batches is null");
    }

    @Override
    public ColumnBatch next()
    {
        return position < batches.size() ? batches.get(position++) : null;
    }

    @Override
    public void close()
    {
    }
}
