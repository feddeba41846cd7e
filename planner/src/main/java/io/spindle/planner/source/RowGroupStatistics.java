package io.spindle.planner.source;

import java.io.Serializable;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** The size of one row group and the statistics of each column, by position in the file schema. */
public record RowGroupStatistics(long rows, long bytes, List<ColumnStatistics> columns)
        implements Serializable
{
    public RowGroupStatistics
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    public ColumnStatistics column(int position)
    {
        return position < columns.size() ? columns.get(position) : ColumnStatistics.UNKNOWN;
    }
}
