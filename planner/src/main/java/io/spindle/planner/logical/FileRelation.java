package io.spindle.planner.logical;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.TableStatistics;
import io.spindle.planner.types.Schema;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static java.util.Objects.requireNonNull;

/**
 * Files read as a table; {@code columns} are the positions of the file schema it outputs, in order.
 * {@code pushedFilters} are conjuncts of a filter above whose column references are positions of the file
 * schema (not of this node's output, so column pruning leaves them valid); the scan may use them to skip
 * row groups, and the filter above still drops the rows that do not match. {@code analyzed} holds what
 * {@code ANALYZE TABLE} measured when the files are a catalog table's; the statistics estimator prefers it to
 * the footers.
 */
public final class FileRelation
        extends LogicalPlan
{
    private final FileSource source;
    private final List<Integer> columns;
    private final List<Expression> pushedFilters;
    private final Optional<TableStatistics> analyzed;

    public FileRelation(FileSource source, List<Integer> columns)
    {
        this(source, columns, List.of());
    }

    public FileRelation(FileSource source, List<Integer> columns, List<Expression> pushedFilters)
    {
        this(source, columns, pushedFilters, Optional.empty());
    }

    public FileRelation(FileSource source, List<Integer> columns, List<Expression> pushedFilters, Optional<TableStatistics> analyzed)
    {
        this.source = requireNonNull(source, "source is null");
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.pushedFilters = List.copyOf(requireNonNull(pushedFilters, "pushedFilters is null"));
        this.analyzed = requireNonNull(analyzed, "analyzed is null");
    }

    public static FileRelation allColumns(FileSource source)
    {
        return new FileRelation(source, IntStream.range(0, source.schema().size()).boxed().toList());
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

    /** What ANALYZE TABLE measured of the whole table, by positions of the source's schema. */
    public Optional<TableStatistics> analyzed()
    {
        return analyzed;
    }

    public FileRelation withColumns(List<Integer> newColumns)
    {
        return new FileRelation(source, newColumns, pushedFilters, analyzed);
    }

    public FileRelation withPushedFilters(List<Expression> newPushedFilters)
    {
        return new FileRelation(source, columns, newPushedFilters, analyzed);
    }

    public FileRelation withAnalyzed(TableStatistics statistics)
    {
        return new FileRelation(source, columns, pushedFilters, Optional.of(statistics));
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
        return source.schemaOf(columns);
    }

    @Override
    public <R, C> R accept(LogicalPlanVisitor<R, C> visitor, C context)
    {
        return visitor.visitFileRelation(this, context);
    }

    @Override
    public String describe()
    {
        return "Relation " + source.format() + " " + source.paths() + " ["
                + schema().names().stream().collect(Collectors.joining(", ")) + "]"
                + (pushedFilters.isEmpty() ? "" : " pushed=" + pushedFilters)
                + (analyzed.isEmpty() ? "" : " analyzed");
    }
}
