package io.spindle.planner.expressions;

import java.io.Serializable;

import static java.util.Objects.requireNonNull;

/**
 * The rows of its partition a window aggregate sees around the current row, as SQL's
 * {@code ROWS|RANGE BETWEEN start AND end}. Bounds use Spark's encoding: {@link #UNBOUNDED_PRECEDING},
 * {@link #CURRENT_ROW}, {@link #UNBOUNDED_FOLLOWING}, else a row offset (negative before the current row).
 * A RANGE frame takes only unbounded and current-row bounds: its current row means the row and all its peers.
 */
public record WindowFrame(Type type, long start, long end)
        implements Serializable
{
    public static final long UNBOUNDED_PRECEDING = Long.MIN_VALUE;
    public static final long CURRENT_ROW = 0;
    public static final long UNBOUNDED_FOLLOWING = Long.MAX_VALUE;

    /** Spark's default with an ordering: every row up to the current one and its peers. */
    public static final WindowFrame RUNNING = new WindowFrame(Type.RANGE, UNBOUNDED_PRECEDING, CURRENT_ROW);
    /** Spark's default without an ordering: the whole partition. */
    public static final WindowFrame WHOLE_PARTITION = new WindowFrame(Type.ROWS, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING);

    public enum Type
    {
        ROWS, RANGE
    }

    public WindowFrame
    {
        requireNonNull(type, "type is null");
        if (start == UNBOUNDED_FOLLOWING) {
            throw new IllegalArgumentException("a window frame cannot start at unboundedFollowing");
        }
        if (end == UNBOUNDED_PRECEDING) {
            throw new IllegalArgumentException("a window frame cannot end at unboundedPreceding");
        }
        if (start > end) {
            throw new IllegalArgumentException("a window frame's start " + bound(start) + " is after its end " + bound(end));
        }
    }

    public boolean unboundedStart()
    {
        return start == UNBOUNDED_PRECEDING;
    }

    public boolean unboundedEnd()
    {
        return end == UNBOUNDED_FOLLOWING;
    }

    private static String bound(long value)
    {
        if (value == UNBOUNDED_PRECEDING) {
            return "UNBOUNDED PRECEDING";
        }
        if (value == UNBOUNDED_FOLLOWING) {
            return "UNBOUNDED FOLLOWING";
        }
        if (value == CURRENT_ROW) {
            return "CURRENT ROW";
        }
        return value < 0 ? -value + " PRECEDING" : value + " FOLLOWING";
    }

    @Override
    public String toString()
    {
        return type + " BETWEEN " + bound(start) + " AND " + bound(end);
    }
}
