package io.spindle.runtime.operators;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.expr.VectorExpression;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Returns, for each input batch, one batch per projection, in projection order. Contract: as {@link Operator};
 * owns its input.
 */
public final class ExpandOperator
        implements Operator
{
    private final Operator input;
    private final List<List<VectorExpression>> projections;
    private ColumnBatch current;
    private int nextProjection;

    public ExpandOperator(Operator input, List<List<VectorExpression>> projections)
    {
        this.input = requireNonNull(input, "input is null");
        this.projections = List.copyOf(projections);
    }

    @Override
    public ColumnBatch next()
    {
        if (current == null || nextProjection == projections.size()) {
            current = input.next();
            nextProjection = 0;
            if (current == null) {
                return null;
            }
        }
        List<VectorExpression> projection = projections.get(nextProjection++);
        List<ColumnVector> columns = new ArrayList<>(projection.size());
        for (VectorExpression expression : projection) {
            columns.add(expression.evaluate(current));
        }
        return new ColumnBatch(columns, current.rowCount());
    }

    @Override
    public void close()
    {
        input.close();
    }
}
