package io.spindle.runtime.operators;

import io.spindle.planner.expressions.Literal;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.expr.ConstantVector;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Returns rows the driver shipped inside the task ({@code LocalTableScanExec}) as batches of up to
 * {@link ColumnBatch#DEFAULT_ROWS}. Each value goes through the literal path, which knows every type's
 * vector form; local rows are few, so one small vector per value is affordable. A relation of rows
 * without columns (what {@code SELECT 1} reads) gives batches without columns but with their row count.
 * Contract: as {@link Operator}; owns no input.
 */
public final class LocalScanOperator
        implements Operator
{
    private final Schema schema;
    private final List<List<Object>> rows;
    private int position;

    public LocalScanOperator(Schema schema, List<List<Object>> rows)
    {
        this.schema = requireNonNull(schema, "schema is null");
        this.rows = requireNonNull(rows, "rows is null");
    }

    @Override
    public ColumnBatch next()
    {
        if (position >= rows.size()) {
            return null;
        }
        int count = Math.min(ColumnBatch.DEFAULT_ROWS, rows.size() - position);
        List<ColumnBatch> singleRows = new ArrayList<>(count);
        for (List<Object> row : rows.subList(position, position + count)) {
            List<ColumnVector> columns = new ArrayList<>(schema.size());
            for (int c = 0; c < schema.size(); c++) {
                columns.add(ConstantVector.build(new Literal(row.get(c), schema.field(c).type()), 1));
            }
            singleRows.add(new ColumnBatch(columns, 1));
        }
        position += count;
        return schema.size() == 0 ? new ColumnBatch(List.of(), count) : BatchConcat.concat(singleRows, schema.size());
    }

    @Override
    public void close()
    {
    }
}
