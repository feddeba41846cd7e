package io.spindle.planner.logical;

import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Rows the driver already holds: the output of a SQL command ({@code SHOW TABLES}, {@code EXPLAIN}), rows a
 * program passed to {@code createDataFrame}, or the single row without columns that a {@code SELECT} without
 * {@code FROM} reads. Collected alone they are returned without a job; under other operators they become a
 * one-partition scan whose rows travel with the task.
 */
public final class LocalRelation
        extends LogicalPlan
{
    private final Schema schema;
    private final List<List<Object>> rows;

    public LocalRelation(Schema schema, List<List<Object>> rows)
    {
        this.schema = requireNonNull(schema, "schema is null");
        this.rows = List.copyOf(requireNonNull(rows, "rows is null"));
        for (List<Object> row : this.rows) {
            if (row.size() != schema.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " values for " + schema.size() + " columns");
            }
        }
    }

    /** The one row without columns that {@code SELECT 1} reads. */
    public static LocalRelation oneRow()
    {
        return new LocalRelation(new Schema(List.of()), List.of(List.of()));
    }

    /** The rows, each with one value (perhaps null) per column of the schema. */
    public List<List<Object>> rows()
    {
        return rows;
    }

    @Override
    public List<LogicalPlan> children()
    {
        return List.of();
    }

    @Override
    public LogicalPlan replaceChildren(List<LogicalPlan> children)
    {
        return this;
    }

    @Override
    public Schema schema()
    {
        return schema;
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitLocalRelation(this, context);
    }

    @Override
    public String describe()
    {
        return "LocalRelation " + schema.names() + ", " + rows.size() + " rows";
    }
}
