package io.spindle.sql.expressions;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.expressions.WindowFrame;
import io.spindle.sql.AnalysisException;
import io.spindle.sql.Column;
import io.spindle.sql.functions;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The window a function is computed over, as Spark's {@code WindowSpec}: partitioning, ordering and frame.
 * Immutable; build it with {@link Window}. Without a frame, Spark's default applies: with an ordering,
 * {@code RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW} (a row's peers share its frame); without one,
 * the whole partition.
 */
public final class WindowSpec
{
    private final List<Expression> partitionKeys;
    private final List<SortOrder> orderKeys;
    private final Optional<WindowFrame> frame;

    WindowSpec(List<Expression> partitionKeys, List<SortOrder> orderKeys, Optional<WindowFrame> frame)
    {
        this.partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        this.orderKeys = List.copyOf(requireNonNull(orderKeys, "orderKeys is null"));
        this.frame = requireNonNull(frame, "frame is null");
    }

    public WindowSpec partitionBy(String... columns)
    {
        return partitionBy(Arrays.stream(columns).map(functions::col).toArray(Column[]::new));
    }

    public WindowSpec partitionBy(Column... columns)
    {
        return new WindowSpec(Arrays.stream(columns).map(Column::expression).toList(), orderKeys, frame);
    }

    public WindowSpec orderBy(String... columns)
    {
        return orderBy(Arrays.stream(columns).map(functions::col).toArray(Column[]::new));
    }

    public WindowSpec orderBy(Column... columns)
    {
        return new WindowSpec(partitionKeys, Arrays.stream(columns).map(Column::sortOrder).toList(), frame);
    }

    /** A frame of row offsets from the current row: negative before it, {@link Window#currentRow} is 0. */
    public WindowSpec rowsBetween(long start, long end)
    {
        return new WindowSpec(partitionKeys, orderKeys, Optional.of(frame(WindowFrame.Type.ROWS, start, end)));
    }

    /** A frame of the current row's peers and beyond; only the unbounded and current-row bounds are supported. */
    public WindowSpec rangeBetween(long start, long end)
    {
        return new WindowSpec(partitionKeys, orderKeys, Optional.of(frame(WindowFrame.Type.RANGE, start, end)));
    }

    private static WindowFrame frame(WindowFrame.Type type, long start, long end)
    {
        try {
            return new WindowFrame(type, start, end);
        }
        catch (IllegalArgumentException e) {
            throw new AnalysisException(e.getMessage() + "; give bounds with start <= end, using Window.unboundedPreceding,"
                    + " Window.currentRow, Window.unboundedFollowing or row offsets");
        }
    }

    public List<Expression> partitionKeys()
    {
        return partitionKeys;
    }

    public List<SortOrder> orderKeys()
    {
        return orderKeys;
    }

    /** The frame given, or Spark's default for this ordering. */
    public WindowFrame effectiveFrame()
    {
        return frame.orElse(orderKeys.isEmpty() ? WindowFrame.WHOLE_PARTITION : WindowFrame.RUNNING);
    }
}
