package io.spindle.runtime.batch;

import io.spindle.planner.types.DataType;

import static java.util.Objects.requireNonNull;

/** A column of int values. */
public final class IntVector
        extends ColumnVector
{
    private final int[] values;

    public IntVector(DataType type, int[] values, int size)
    {
        super(type, size);
        this.values = requireNonNull(values, "values is null");
        if (values.length < size) {
            throw new IllegalArgumentException("values hold " + values.length + " of " + size + " rows");
        }
    }

    /** The backing array; rows beyond {@link #size()} are unspecified. Callers may write while filling. */
    public int[] values()
    {
        return values;
    }

    public int get(int row)
    {
        return values[row];
    }

    @Override
    public Object getObject(int row)
    {
        if (isNull(row)) {
            return null;
        }
        return type.kind() == io.spindle.planner.types.TypeKind.DATE ? java.time.LocalDate.ofEpochDay(values[row]) : values[row];
    }

    @Override
    public ColumnVector select(int[] positions, int count)
    {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = values[positions[i]];
        }
        IntVector selected = new IntVector(type, out, count);
        selected.setNulls(selectNulls(positions, count));
        return selected;
    }
}
