package io.spindle.runtime.operators;

import io.spindle.planner.physical.EnforceSingleRowExec;
import io.spindle.runtime.batch.ColumnBatch;

import static java.util.Objects.requireNonNull;

/**
 * Passes on its input's only row, failing with {@link EnforceSingleRowExec#TOO_MANY_ROWS} as soon as a second
 * row is seen. Contract: as {@link Operator}; owns its input.
 */
public final class EnforceSingleRowOperator
        implements Operator
{
    private final Operator input;
    private long rows;

    public EnforceSingleRowOperator(Operator input)
    {
        this.input = requireNonNull(input, "input is null");
    }

    @Override
    public ColumnBatch next()
    {
        ColumnBatch batch = input.next();
        if (batch == null) {
            return null;
        }
        rows += batch.rowCount();
        if (rows > 1) {
            throw new IllegalStateException(EnforceSingleRowExec.TOO_MANY_ROWS);
        }
        return batch;
    }

    @Override
    public void close()
    {
        input.close();
    }
}
