package io.spindle.runtime.testing;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.operators.Operator;

import java.util.List;

/** A source operator over fixed batches that counts how often it is pulled and closed. */
public final class ListOperator
        implements Operator
{
    private final List<ColumnBatch> batches;
    private int position;
    private int pulls;
    private int closes;

    public ListOperator(List<ColumnBatch> batches)
    {
        this.batches = List.copyOf(batches);
    }

    public static ListOperator of(ColumnBatch... batches)
    {
        return new ListOperator(List.of(batches));
    }

    @Override
    public ColumnBatch next()
    {
        if (closes > 0) {
            throw new IllegalStateException("next() after close()");
        }
        pulls++;
        return position < batches.size() ? batches.get(position++) : null;
    }

    @Override
    public void close()
    {
        closes++;
    }

    /** Calls of {@link #next()}, including the one that returned null. */
    public int pulls()
    {
        return pulls;
    }

    public int closes()
    {
        return closes;
    }
}
