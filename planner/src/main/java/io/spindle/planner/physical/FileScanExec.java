package io.spindle.planner.physical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.types.Schema;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads {@code columns} of the source's files; task {@code i} of its stage reads split {@code i}. The source
 * holds only the splits left after data skipping; {@code pushedFilters} (columns by file-schema position) and
 * {@code totalSplits}, the count before skipping, are kept to explain the plan. With {@code pageIndexFilter} a Parquet
 * reader also uses the pushed filters to skip the pages of its row groups that the files' column indexes rule out.
 */
public final class FileScanExec
        extends PhysicalPlan
{
    private final FileSource source;
    private final List<Integer> columns;
    private final List<Expression> pushedFilters;
    private final int totalSplits;
    private final boolean pageIndexFilter;

    public FileScanExec(FileSource source, List<Integer> columns)
    {
        this(source, columns, List.of(), source.splits().size());
    }

    public FileScanExec(FileSource source, List<Integer> columns, List<Expression> pushedFilters, int totalSplits)
    {
        this(source, columns, pushedFilters, totalSplits, true);
    }

    public FileScanExec(FileSource source, List<Integer> columns, List<Expression> pushedFilters, int totalSplits, boolean pageIndexFilter)
    {
        this.source = requireNonNull(source, "source is null");
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.pushedFilters = List.copyOf(requireNonNull(pushedFilters, "pushedFilters is null"));
        this.totalSplits = totalSplits;
        this.pageIndexFilter = pageIndexFilter;
    }

    public FileSource source()
    {
        return source;
    }

    public List<Integer> columns()
    {
        return columns;
    }

    public List<Expression> pushedFilters()
    {
        return pushedFilters;
    }

    public int totalSplits()
    {
        return totalSplits;
    }

    /** Whether readers may skip pages by the pushed filters ({@code spindle.sql.parquet.pageIndexFilter.enabled}). */
    public boolean pageIndexFilter()
    {
        return pageIndexFilter;
    }

    /** The splits that read at least one row group. */
    public int readSplits()
    {
        return (int) source.splits().stream().filter(split -> !split.rowGroups().isEmpty()).count();
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

    /** One split is one partition; several splits hold rows in no known order. */
    @Override
    public Optional<Partitioning> outputPartitioning()
    {
        return source.splits().size() == 1 ? Optional.of(new Partitioning.Single()) : Optional.empty();
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
                + " splits=" + (pushedFilters.isEmpty() ? String.valueOf(source.splits().size()) : readSplits() + " of " + totalSplits)
                + (pushedFilters.isEmpty() ? "" : ", pushed=" + pushedFilters);
    }
}
