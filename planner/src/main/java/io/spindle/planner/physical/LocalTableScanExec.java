package io.spindle.planner.physical;

import io.spindle.planner.logical.LocalRelation;
import io.spindle.planner.types.Schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Rows the driver holds ({@link LocalRelation}), read by a single task: the rows travel inside the task, so the
 * node suits the small inputs it comes from (command output, {@code createDataFrame}, {@code SELECT} without
 * {@code FROM}). One partition.
 */
public final class LocalTableScanExec
        extends PhysicalPlan
{
    private final Schema schema;
    // Object arrays rather than immutable lists: values may be null, and task serialization keeps arrays as they are.
    private final Object[][] rows;

    public LocalTableScanExec(Schema schema, List<List<Object>> rows)
    {
        this.schema = requireNonNull(schema, "schema is null");
        requireNonNull(rows, "rows is null");
        this.rows = new Object[rows.size()][];
        for (int i = 0; i < this.rows.length; i++) {
            this.rows[i] = rows.get(i).toArray();
        }
    }

    public static LocalTableScanExec of(LocalRelation relation)
    {
        return new LocalTableScanExec(relation.schema(), relation.rows());
    }

    public int rowCount()
    {
        return rows.length;
    }

    /** The rows, each with one value (perhaps null) per column; a copy. */
    public List<List<Object>> rows()
    {
        List<List<Object>> copy = new ArrayList<>(rows.length);
        for (Object[] row : rows) {
            copy.add(Collections.unmodifiableList(Arrays.asList(row.clone())));
        }
        return copy;
    }

    @Override
    public List<PhysicalPlan> children()
    {
        return List.of();
    }

    @Override
    public PhysicalPlan replaceChildren(List<PhysicalPlan> children)
    {
        return this;
    }

    @Override
    public Schema schema()
    {
        return schema;
    }

    @Override
    public Optional<Partitioning> outputPartitioning()
    {
        return Optional.of(new Partitioning.Single());
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitLocalTableScan(this, context);
    }

    @Override
    public String describe()
    {
        return "LocalTableScan " + schema.names() + ", " + rows.length + " rows";
    }
}
