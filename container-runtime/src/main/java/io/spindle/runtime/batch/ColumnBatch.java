package io.spindle.runtime.batch;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Rows in columnar form: one vector per column, all of {@link #rowCount()} rows. The unit that moves between
 * operators and across the shuffle. Immutable once built.
 */
public final class ColumnBatch
{
    /** Rows per batch that operators aim for. */
    public static final int DEFAULT_ROWS = 4096;

    private final List<ColumnVector> columns;
    private final int rowCount;

    public ColumnBatch(List<ColumnVector> columns, int rowCount)
    {
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.rowCount = rowCount;
        for (ColumnVector column : this.columns) {
            if (column.size() != rowCount) {
                throw new IllegalArgumentException("column of " + column.size() + " rows in a batch of " + rowCount);
            }
        }
    }

    public int rowCount()
    {
        return rowCount;
    }

    public int columnCount()
    {
        return columns.size();
    }

    public ColumnVector column(int index)
    {
        return columns.get(index);
    }

    public List<ColumnVector> columns()
    {
        return columns;
    }

    /** The rows at {@code positions[0..count)}, in that order. */
    public ColumnBatch select(int[] positions, int count)
    {
        return new ColumnBatch(columns.stream().map(c -> c.select(positions, count)).toList(), count);
    }

    /** Approximate bytes the batch's arrays occupy, for metrics and memory accounting. */
    public long sizeInBytes()
    {
        long bytes = 0;
        for (ColumnVector column : columns) {
            bytes += estimate(column);
        }
        return bytes;
    }

    private static long estimate(ColumnVector column)
    {
        long nullBytes = column.mayHaveNulls() ? column.size() : 0;
        if (column instanceof StringVector s) {
            return nullBytes + 4L * (s.size() + 1) + s.offsets()[s.size()];
        }
        int width = switch (column.type().kind()) {
            case BOOLEAN -> 1;
            case INT, DATE -> 4;
            default -> 8;
        };
        return nullBytes + (long) width * column.size();
    }
}
