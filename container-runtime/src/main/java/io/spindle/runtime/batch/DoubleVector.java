package io.spindle.runtime.batch;

import io.spindle.planner.types.DataType;

import static java.util.Objects.requireNonNull;

/** A column of double values. */
public final class DoubleVector
        extends ColumnVector
{
    private final double[] values;

    public DoubleVector(DataType type, double[] values, int size)
    {
        super(type, size);
        this.values = requireNonNull(values, "values is null");
        if (values.length < size) {
            throw new IllegalArgumentException("values hold " + values.length + " of " + size + " rows");
        }
    }

    /** The backing array; rows beyond {@link #size()} are unspecified. Callers may write while filling. */
    public double[] values()
    {
        return values;
    }

    public double get(int row)
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
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = values[positions[i]];
        }
        DoubleVector selected = new DoubleVector(type, out, count);
        selected.setNulls(selectNulls(positions, count));
        return selected;
    }
}
