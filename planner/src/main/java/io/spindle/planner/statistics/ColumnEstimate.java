package io.spindle.planner.statistics;

/**
 * What is known of one column's values: the least and greatest non-null values as numbers (dates as day
 * numbers; NaN when unknown or not numeric), the nulls and the distinct non-null values (negative when unknown).
 */
public record ColumnEstimate(double min, double max, double nullCount, double distinctCount)
{
    public static final ColumnEstimate UNKNOWN = new ColumnEstimate(Double.NaN, Double.NaN, -1, -1);

    public boolean hasRange()
    {
        return !Double.isNaN(min) && !Double.isNaN(max);
    }

    public boolean hasDistinctCount()
    {
        return distinctCount >= 0;
    }

    /** The same column after a node that keeps {@code rows} of its rows: no more distinct values or nulls than rows. */
    ColumnEstimate cappedAt(double rows)
    {
        return new ColumnEstimate(min, max, nullCount < 0 ? nullCount : Math.min(nullCount, rows),
                distinctCount < 0 ? distinctCount : Math.min(distinctCount, rows));
    }
}
