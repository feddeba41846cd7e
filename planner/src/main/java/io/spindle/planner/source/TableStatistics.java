package io.spindle.planner.source;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What {@code ANALYZE TABLE} measured by running a job over a table's files: the exact row count and, for the
 * columns it was asked about (by position in the table's schema), exact statistics. The planner prefers these
 * to the estimates it reads from file footers.
 */
public record TableStatistics(long rowCount, Map<Integer, Column> columns)
{
    public TableStatistics
    {
        if (rowCount < 0) {
            throw new IllegalArgumentException("rowCount is negative: " + rowCount);
        }
        columns = Map.copyOf(requireNonNull(columns, "columns is null"));
    }

    public Optional<Column> column(int position)
    {
        return Optional.ofNullable(columns.get(position));
    }

    /**
     * One column's measured values: the least and greatest non-null values in Spindle's Java form, or null when
     * the column has no non-null value or its type is not ordered; the nulls; the distinct non-null values.
     */
    public record Column(Object min, Object max, long nullCount, long distinctCount)
    {
        public Column
        {
            if ((min == null) != (max == null)) {
                throw new IllegalArgumentException("min and max are known together or not at all");
            }
            if (nullCount < 0 || distinctCount < 0) {
                throw new IllegalArgumentException("counts cannot be negative: nulls " + nullCount + ", distinct " + distinctCount);
            }
        }
    }
}
