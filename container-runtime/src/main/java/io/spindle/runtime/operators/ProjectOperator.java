package io.spindle.runtime.operators;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.expr.VectorExpression;

import java.util.ArrayList;
import java.util.List;

/** Computes one column per expression for each batch. */
public final class ProjectOperator
        implements Operator
{
    private final Operator child;
    private final List<VectorExpression> expressions;

    public ProjectOperator(Operator child, List<VectorExpression> expressions)
    {
        this.child = child;
        this.expressions = List.copyOf(expressions);
    }

    @Override
    public ColumnBatch next()
    {
        ColumnBatch batch = child.next();
        if (batch == null) {
            return null;
        }
        List<ColumnVector> columns = new ArrayList<>(expressions.size());
        for (VectorExpression expression : expressions) {
            columns.add(expression.evaluate(batch));
        }
        return new ColumnBatch(columns, batch.rowCount());
    }

    @Override
    public void close()
    {
        child.close();
    }
}
