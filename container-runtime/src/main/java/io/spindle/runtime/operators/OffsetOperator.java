package io.spindle.runtime.operators;

import io.spindle.runtime.batch.ColumnBatch;

import static java.util.Objects.requireNonNull;

/** Drops the first {@code count} rows of its input and passes on the rest. Contract: as {@link Operator}; owns its input. */
public final class OffsetOperator
        implements Operator
{
    private final Operator input;
    private long toSkip;

    public OffsetOperator(Operator input, long count)
    {
        this.input = requireNonNull(input, "input is null");
        this.toSkip = count;
    }

    @Override
    public ColumnBatch next()
    {
        while (true) {
            ColumnBatch batch = input.next();
            if (batch == null) {
                return null;
            }
            if (toSkip == 0) {
                return batch;
            }
            if (batch.rowCount() <= toSkip) {
                toSkip -= batch.rowCount();
                continue;
            }
            int skip = (int) toSkip;
            toSkip = 0;
            int kept = batch.rowCount() - skip;
            int[] positions = new int[kept];
            for (int i = 0; i < kept; i++) {
                positions[i] = skip + i;
            }
            return batch.select(positions, kept);
        }
    }

    @Override
    public void close()
    {
        input.close();
    }
}
