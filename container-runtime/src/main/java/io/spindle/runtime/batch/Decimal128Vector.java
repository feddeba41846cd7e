package io.spindle.runtime.batch;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.decimal.Int128;

import static java.util.Objects.requireNonNull;

/**
 * A column of decimals wider than 18 digits ({@link DataType#isWideDecimal}): each value's unscaled 128-bit two's
 * complement integer as a signed high word and a low word, in two parallel arrays.
 */
public final class Decimal128Vector
        extends ColumnVector
{
    private final long[] high;
    private final long[] low;

    public Decimal128Vector(DataType type, long[] high, long[] low, int size)
    {
        super(type, size);
        if (!type.isWideDecimal()) {
            throw new IllegalArgumentException(type.sqlName() + " is not a decimal held in 128 bits");
        }
        this.high = requireNonNull(high, "high is null");
        this.low = requireNonNull(low, "low is null");
        if (high.length < size || low.length < size) {
            throw new IllegalArgumentException("values hold " + Math.min(high.length, low.length) + " of " + size + " rows");
        }
    }

    public static Decimal128Vector allocate(DataType type, int size)
    {
        return new Decimal128Vector(type, new long[size], new long[size], size);
    }

    /** The high words; rows beyond {@link #size()} are unspecified. Callers may write while filling. */
    public long[] high()
    {
        return high;
    }

    /** The low words; rows beyond {@link #size()} are unspecified. Callers may write while filling. */
    public long[] low()
    {
        return low;
    }

    public long high(int row)
    {
        return high[row];
    }

    public long low(int row)
    {
        return low[row];
    }

    @Override
    public Object getObject(int row)
    {
        if (isNull(row)) {
            return null;
        }
        return Int128.toBigDecimal(high[row], low[row], type.scale());
    }

    @Override
    public ColumnVector select(int[] positions, int count)
    {
        long[] outHigh = new long[count];
        long[] outLow = new long[count];
        for (int i = 0; i < count; i++) {
            outHigh[i] = high[positions[i]];
            outLow[i] = low[positions[i]];
        }
        Decimal128Vector selected = new Decimal128Vector(type, outHigh, outLow, count);
        selected.setNulls(selectNulls(positions, count));
        return selected;
    }

    /**
     * The high word of row {@code row}'s unscaled value in a decimal vector of either width (a long-backed one is
     * sign-extended), so code that mixes widths reads both alike.
     */
    public static long unscaledHigh(ColumnVector vector, int row)
    {
        return vector instanceof Decimal128Vector v ? v.high[row] : ((LongVector) vector).get(row) >> 63;
    }

    /** The low word of row {@code row}'s unscaled value in a decimal vector of either width. */
    public static long unscaledLow(ColumnVector vector, int row)
    {
        return vector instanceof Decimal128Vector v ? v.low[row] : ((LongVector) vector).get(row);
    }
}
