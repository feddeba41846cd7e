package io.spindle.planner.statistics;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Estimated output of a logical plan node: rows, bytes, and what is known of each output column, by position.
 * Counts are doubles because estimates multiply; {@link Double#POSITIVE_INFINITY} means nothing is known, which
 * callers treat as large.
 */
public record Statistics(double rowCount, double sizeInBytes, List<ColumnEstimate> columns)
{
    public Statistics
    {
        // an estimate made of unknowns (infinity times zero) is unknown
        rowCount = Double.isNaN(rowCount) ? Double.POSITIVE_INFINITY : rowCount;
        sizeInBytes = Double.isNaN(sizeInBytes) ? Double.POSITIVE_INFINITY : sizeInBytes;
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        if (rowCount < 0 || sizeInBytes < 0) {
            throw new IllegalArgumentException("estimates cannot be negative: rows " + rowCount + ", bytes " + sizeInBytes);
        }
    }

    public ColumnEstimate column(int position)
    {
        return position < columns.size() ? columns.get(position) : ColumnEstimate.UNKNOWN;
    }

    /** Bytes per row, or 0 for no rows. */
    public double rowBytes()
    {
        if (Double.isInfinite(sizeInBytes)) {
            return Double.POSITIVE_INFINITY;
        }
        return rowCount == 0 || Double.isInfinite(rowCount) ? 0 : sizeInBytes / rowCount;
    }

    /** Spark's form in {@code explain("cost")}: {@code Statistics(sizeInBytes=1.5 KiB, rowCount=100)}. */
    @Override
    public String toString()
    {
        String rows = Double.isInfinite(rowCount) ? "unknown" : String.valueOf(Math.round(rowCount));
        return "Statistics(sizeInBytes=" + bytesToString(sizeInBytes) + ", rowCount=" + rows + ")";
    }

    static String bytesToString(double bytes)
    {
        if (Double.isInfinite(bytes)) {
            return "unknown";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
