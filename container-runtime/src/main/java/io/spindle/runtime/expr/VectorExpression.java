package io.spindle.runtime.expr;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;

/**
 * A compiled expression that computes one column for a whole batch at a time. Implementations loop over
 * primitive arrays; none boxes a value per row. Instances are used by one thread.
 */
public interface VectorExpression
{
    ColumnVector evaluate(ColumnBatch batch);
}
