package io.spindle.runtime.operators;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a batch row by row from rows of other batches: each output row takes a run of its columns from one row
 * of a source batch, or nulls. Values are copied between primitive arrays, never boxed. For operators that
 * interleave rows of several inputs in an order no single {@link ColumnBatch#select} gives. Not thread-safe.
 */
final class RowGatherer
{
    private final List<DataType> types;
    private final Object[] values;
    private final boolean[][] nulls;
    private final StringVector.Builder[] strings;
    private int rows;
    private int capacity;

    RowGatherer(List<DataType> types)
    {
        this.types = List.copyOf(types);
        this.values = new Object[types.size()];
        this.nulls = new boolean[types.size()][];
        this.strings = new StringVector.Builder[types.size()];
        reset();
    }

    int rowCount()
    {
        return rows;
    }

    /**
     * Starts a row; fill every column of it with {@link #copy} or {@link #setNulls}, in any order, before the next
     * row.
     */
    void startRow()
    {
        if (rows == capacity) {
            grow(Math.max(64, capacity * 2));
        }
        rows++;
    }

    /** Copies columns [0, source's column count) of {@code source}'s row {@code row} into columns from {@code firstColumn} of this row. */
    void copy(ColumnBatch source, int row, int firstColumn)
    {
        int at = rows - 1;
        for (int c = 0; c < source.columnCount(); c++) {
            int column = firstColumn + c;
            ColumnVector vector = source.column(c);
            if (vector.isNull(row)) {
                setNull(column, at);
                continue;
            }
            if (vector instanceof IntVector v) {
                ((int[]) values[column])[at] = v.get(row);
            }
            else if (vector instanceof LongVector v) {
                ((long[]) values[column])[at] = v.get(row);
            }
            else if (vector instanceof DoubleVector v) {
                ((double[]) values[column])[at] = v.get(row);
            }
            else if (vector instanceof Decimal128Vector v) {
                long[][] words = (long[][]) values[column];
                words[0][at] = v.high(row);
                words[1][at] = v.low(row);
            }
            else if (vector instanceof BooleanVector v) {
                ((boolean[]) values[column])[at] = v.get(row);
            }
            else {
                StringVector v = (StringVector) vector;
                strings[column].append(v.data(), v.start(row), v.length(row));
            }
        }
    }

    /** Sets columns [firstColumn, firstColumn + count) of this row to null. */
    void setNulls(int firstColumn, int count)
    {
        int at = rows - 1;
        for (int column = firstColumn; column < firstColumn + count; column++) {
            setNull(column, at);
        }
    }

    private void setNull(int column, int at)
    {
        if (strings[column] != null) {
            strings[column].appendNull();
            return;
        }
        if (nulls[column] == null) {
            nulls[column] = new boolean[capacity];
        }
        nulls[column][at] = true;
    }

    /** The rows gathered so far as a batch; the gatherer starts empty again. */
    ColumnBatch build()
    {
        List<ColumnVector> columns = new ArrayList<>(types.size());
        for (int c = 0; c < types.size(); c++) {
            DataType type = types.get(c);
            ColumnVector vector = switch (type.kind()) {
                case BOOLEAN -> new BooleanVector(type, (boolean[]) values[c], rows);
                case INT, DATE -> new IntVector(type, (int[]) values[c], rows);
                case LONG, TIMESTAMP -> new LongVector(type, (long[]) values[c], rows);
                case DECIMAL -> type.isWideDecimal()
                        ? new Decimal128Vector(type, ((long[][]) values[c])[0], ((long[][]) values[c])[1], rows)
                        : new LongVector(type, (long[]) values[c], rows);
                case DOUBLE -> new DoubleVector(type, (double[]) values[c], rows);
                case STRING -> strings[c].build();
            };
            if (type.kind() != TypeKind.STRING) {
                vector.setNulls(nulls[c]);
            }
            columns.add(vector);
        }
        ColumnBatch batch = new ColumnBatch(columns, rows);
        reset();
        return batch;
    }

    private void reset()
    {
        rows = 0;
        capacity = 0;
        for (int c = 0; c < types.size(); c++) {
            nulls[c] = null;
            values[c] = null;
            strings[c] = types.get(c).kind() == TypeKind.STRING ? new StringVector.Builder(64, 1024) : null;
        }
        grow(64);
    }

    private void grow(int newCapacity)
    {
        for (int c = 0; c < types.size(); c++) {
            if (types.get(c).isWideDecimal()) {
                // high words, then low words
                long[][] words = (long[][]) values[c];
                values[c] = words == null
                        ? new long[][] {new long[newCapacity], new long[newCapacity]}
                        : new long[][] {Arrays.copyOf(words[0], newCapacity), Arrays.copyOf(words[1], newCapacity)};
                if (nulls[c] != null) {
                    nulls[c] = Arrays.copyOf(nulls[c], newCapacity);
                }
                continue;
            }
            values[c] = switch (types.get(c).kind()) {
                case BOOLEAN -> values[c] == null ? new boolean[newCapacity] : Arrays.copyOf((boolean[]) values[c], newCapacity);
                case INT, DATE -> values[c] == null ? new int[newCapacity] : Arrays.copyOf((int[]) values[c], newCapacity);
                case LONG, TIMESTAMP, DECIMAL -> values[c] == null ? new long[newCapacity] : Arrays.copyOf((long[]) values[c], newCapacity);
                case DOUBLE -> values[c] == null ? new double[newCapacity] : Arrays.copyOf((double[]) values[c], newCapacity);
                case STRING -> null;
            };
            if (nulls[c] != null) {
                nulls[c] = Arrays.copyOf(nulls[c], newCapacity);
            }
        }
        capacity = newCapacity;
    }
}
