package io.spindle.planner.physical;

import io.spindle.planner.source.FileSource;
import io.spindle.planner.types.Schema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Reads {@code columns} of the source's files; task {@code i} of its stage reads split {@code i}. */
public final class FileScanExec
        extends PhysicalPlan
{
    private final FileSource source;
    private final List<Integer> columns;

    public FileScanExec(FileSource source, List<Integer> columns)
    {
        this.source = requireNonNull(source, "source is null");
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    public FileSource source()
    {
        return source;
    }

    public List<Integer> columns()
    {
        return columns;
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
        return source.schemaOf(columns);
    }

    @Override
    public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitFileScan(this, context);
    }

    @Override
    public String describe()
    {
        return "FileScan " + source.format() + " " + schema().names() + " " + source.paths()
                + " splits=" + source.splits().size();
    }
}
