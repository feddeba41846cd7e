package io.spindle.planner.source;

import java.io.Serializable;

/**
 * What a file footer says about one column of one row group: the least and greatest non-null values in
 * Spindle's Java form (Integer, Long, Double, BigDecimal, LocalDate, String), or null when not known, and
 * the number of nulls, or -1 when not known.
 */
public record ColumnStatistics(Object min, Object max, long nullCount)
        implements Serializable
{
    public static final ColumnStatistics UNKNOWN = new ColumnStatistics(null, null, -1);

    public ColumnStatistics
    {
        if ((min == null) != (max == null)) {
            throw new IllegalArgumentException("min and max are known together or not at all");
        }
    }

    public boolean hasMinMax()
    {
        return min != null;
    }
}
