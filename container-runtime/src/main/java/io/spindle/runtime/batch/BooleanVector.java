package io.spindle.runtime.batch;

import io.spindle.planner.types.DataType;

import static java.util.Objects.requireNonNull;

/** A column of boolean values. */
public final class BooleanVector
        extends ColumnVector
{
    private final boolean[] values;

    public BooleanVector(DataType type, boolean[] values, int size)
    {
        super(type, size);
        this.values = requireNonNull(values, "values is null");
        if (values.length < size) {
            throw new IllegalArgumentException("values hold " + values.length + " of " + size + " rows");
        }
    }

    /** The backing array; rows beyond {@link #size()} are unspecified. Callers may write while filling. */
    public boolean[] values()
    {
        return values;
    }

    public boolean get(int row)
    {
        return values[row];
    }

    @Override
    public Object getObject(int row)
    {
        if (isNull(row)) {
            return null;
        }
        return values[row];
    }

    @Override
    public ColumnVector select(int[] positions, int count)
    {
        boolean[] out = new boolean[count];
        for (int i = 0; i < count; i++) {
            out[i] = values[positions[i]];
        }
        BooleanVector selected = new BooleanVector(type, out, count);
        selected.setNulls(selectNulls(positions, count));
        return selected;
    }
}
