package io.spindle.runtime.batch;

import io.spindle.planner.types.DataType;

import static java.util.Objects.requireNonNull;

/**
 * One column of a batch: a primitive array of values and, when any value is null, a null mask.
 * Vectors are filled once by their producer and then only read; a vector is not thread-safe while filled.
 * Values at null positions are unspecified (usually zero) and must not be read.
 */
public abstract sealed class ColumnVector
        permits BooleanVector, IntVector, LongVector, DoubleVector, StringVector, Decimal128Vector
{
    protected final DataType type;
    protected final int size;
    /** {@code nulls[i]} is true where row i is null; null itself when the vector has no nulls. */
    protected boolean[] nulls;

    protected ColumnVector(DataType type, int size)
    {
        this.type = requireNonNull(type, "type is null");
        this.size = size;
    }

    public final DataType type()
    {
        return type;
    }

    public final int size()
    {
        return size;
    }

    public final boolean isNull(int row)
    {
        return nulls != null && nulls[row];
    }

    public final boolean mayHaveNulls()
    {
        return nulls != null;
    }

    /** The null mask, or null when no row is null. Callers must not change it. */
    public final boolean[] nulls()
    {
        return nulls;
    }

    public final void setNull(int row)
    {
        if (nulls == null) {
            nulls = new boolean[size];
        }
        nulls[row] = true;
    }

    /** Adopts {@code mask} as the null mask (null for none); the vector owns it afterwards. */
    public final void setNulls(boolean[] mask)
    {
        this.nulls = mask;
    }

    /** The value of row {@code row} in its Java form (see {@link io.spindle.sql.Row}), or null. */
    public abstract Object getObject(int row);

    /** A new vector holding rows {@code positions[0..count)} of this one, in that order. */
    public abstract ColumnVector select(int[] positions, int count);

    protected final boolean[] selectNulls(int[] positions, int count)
    {
        if (nulls == null) {
            return null;
        }
        boolean[] out = new boolean[count];
        boolean any = false;
        for (int i = 0; i < count; i++) {
            out[i] = nulls[positions[i]];
            any |= out[i];
        }
        return any ? out : null;
    }

    /** A vector of {@code size} rows for {@code type}, values zero, no nulls. Strings use {@link StringVector.Builder}. */
    public static ColumnVector allocate(DataType type, int size)
    {
        return switch (type.kind()) {
            case BOOLEAN -> new BooleanVector(type, new boolean[size], size);
            case INT, DATE -> new IntVector(type, new int[size], size);
            case LONG, TIMESTAMP -> new LongVector(type, new long[size], size);
            case DECIMAL -> type.isWideDecimal() ? Decimal128Vector.allocate(type, size) : new LongVector(type, new long[size], size);
            case DOUBLE -> new DoubleVector(type, new double[size], size);
            case STRING -> throw new IllegalArgumentException("build string vectors with StringVector.Builder");
        };
    }
}
