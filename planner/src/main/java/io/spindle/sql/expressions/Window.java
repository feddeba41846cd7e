package io.spindle.sql.expressions;

import io.spindle.planner.expressions.WindowFrame;
import io.spindle.sql.Column;

import java.util.List;
import java.util.Optional;

/** Starts a {@link WindowSpec}, as Spark's {@code Window}: {@code Window.partitionBy("dept").orderBy(col("salary").desc())}. */
public final class Window
{
    public static final long unboundedPreceding = WindowFrame.UNBOUNDED_PRECEDING;
    public static final long currentRow = WindowFrame.CURRENT_ROW;
    public static final long unboundedFollowing = WindowFrame.UNBOUNDED_FOLLOWING;

    private static final WindowSpec EMPTY = new WindowSpec(List.of(), List.of(), Optional.empty());

    private Window()
    {
    }

    public static WindowSpec partitionBy(String... columns)
    {
        return EMPTY.partitionBy(columns);
    }

    public static WindowSpec partitionBy(Column... columns)
    {
        return EMPTY.partitionBy(columns);
    }

    public static WindowSpec orderBy(String... columns)
    {
        return EMPTY.orderBy(columns);
    }

    public static WindowSpec orderBy(Column... columns)
    {
        return EMPTY.orderBy(columns);
    }

    public static WindowSpec rowsBetween(long start, long end)
    {
        return EMPTY.rowsBetween(start, end);
    }

    public static WindowSpec rangeBetween(long start, long end)
    {
        return EMPTY.rangeBetween(start, end);
    }
}
