package io.spindle.runtime.batch;

import io.spindle.planner.types.DataType;

import static java.util.Objects.requireNonNull;

/** A column of long values: bigints, timestamps (microseconds) and the unscaled values of decimals of up to 18 digits. */
public final class LongVector
        extends ColumnVector
{
    private final long[] values;

    public LongVector(DataType type, long[] values, int size)
    {
        super(type, size);
        this.values = requireNonNull(values, "values is null");
        if (type.isWideDecimal()) {
            throw new IllegalArgumentException(type.sqlName() + " is held in 128 bits, not in a LongVector");
        }
        if (values.length < size) {
            throw new IllegalArgumentException("values hold " + values.length + " of " + size + " rows");
        }
    }

    /** The backing array; rows beyond {@link #size()} are unspecified. Callers may write while filling. */
    public long[] values()
    {
        return values;
    }

    public long get(int row)
    {
        return values[row];
    }

    @Override
    public Object getObject(int row)
    {
        if (isNull(row)) {
            return null;
        }
        return switch (type.kind()) {
            case DECIMAL -> java.math.BigDecimal.valueOf(values[row], type.scale());
            case TIMESTAMP -> java.time.Instant.EPOCH.plus(values[row], java.time.temporal.ChronoUnit.MICROS);
            default -> values[row];
        };
    }

    @Override
    public ColumnVector select(int[] positions, int count)
    {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = values[positions[i]];
        }
        LongVector selected = new LongVector(type, out, count);
        selected.setNulls(selectNulls(positions, count));
        return selected;
    }
}
