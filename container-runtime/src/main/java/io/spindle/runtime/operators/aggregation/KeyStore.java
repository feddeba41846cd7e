package io.spindle.runtime.operators.aggregation;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.operators.RowHasher;

import java.util.Arrays;

/** The distinct values of one grouping key, one per group id, in primitive arrays. */
abstract class KeyStore
{
    protected boolean[] nulls = new boolean[16];

    static KeyStore forType(DataType type)
    {
        if (type.isWideDecimal()) {
            return new WideDecimalKeys(type);
        }
        return type.kind() == TypeKind.STRING ? new StringKeys() : new PrimitiveKeys(type);
    }

    abstract boolean equalsAt(int group, ColumnVector vector, int row);

    abstract void append(int group, ColumnVector vector, int row);

    abstract ColumnVector build(int from, int to);

    long retainedBytes(int groups)
    {
        return groups;
    }

    protected final void ensureNulls(int group)
    {
        if (group >= nulls.length) {
            nulls = Arrays.copyOf(nulls, Math.max(nulls.length * 2, group + 1));
        }
    }

    protected final boolean[] nullsOf(int from, int to)
    {
        for (int i = from; i < to; i++) {
            if (nulls[i]) {
                return Arrays.copyOfRange(nulls, from, to);
            }
        }
        return null;
    }

    /** Booleans, ints, longs, dates, timestamps, decimals and doubles (by normalized bits) as longs. */
    static final class PrimitiveKeys
            extends KeyStore
    {
        private final DataType type;
        private long[] values = new long[16];

        PrimitiveKeys(DataType type)
        {
            this.type = type;
        }

        static long read(ColumnVector vector, int row)
        {
            if (vector instanceof LongVector v) {
                return v.get(row);
            }
            if (vector instanceof IntVector v) {
                return v.get(row);
            }
            if (vector instanceof DoubleVector v) {
                return RowHasher.normalizedBits(v.get(row));
            }
            return ((BooleanVector) vector).get(row) ? 1 : 0;
        }

        @Override
        boolean equalsAt(int group, ColumnVector vector, int row)
        {
            boolean isNull = vector.isNull(row);
            if (isNull || nulls[group]) {
                return isNull && nulls[group];
            }
            return values[group] == read(vector, row);
        }

        @Override
        void append(int group, ColumnVector vector, int row)
        {
            if (group >= values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, group + 1));
            }
            ensureNulls(group);
            if (vector.isNull(row)) {
                nulls[group] = true;
            }
            else {
                values[group] = read(vector, row);
            }
        }

        @Override
        ColumnVector build(int from, int to)
        {
            int n = to - from;
            ColumnVector out = ColumnVector.allocate(type, n);
            if (out instanceof LongVector v) {
                System.arraycopy(values, from, v.values(), 0, n);
            }
            else if (out instanceof IntVector v) {
                for (int i = 0; i < n; i++) {
                    v.values()[i] = (int) values[from + i];
                }
            }
            else if (out instanceof DoubleVector v) {
                for (int i = 0; i < n; i++) {
                    v.values()[i] = Double.longBitsToDouble(values[from + i]);
                }
            }
            else if (out instanceof BooleanVector v) {
                for (int i = 0; i < n; i++) {
                    v.values()[i] = values[from + i] != 0;
                }
            }
            out.setNulls(nullsOf(from, to));
            return out;
        }

        @Override
        long retainedBytes(int groups)
        {
            return 9L * groups;
        }
    }

    /** Decimals wider than 18 digits as their two 128-bit words; equal values of either width match. */
    static final class WideDecimalKeys
            extends KeyStore
    {
        private final DataType type;
        private long[] high = new long[16];
        private long[] low = new long[16];

        WideDecimalKeys(DataType type)
        {
            this.type = type;
        }

        @Override
        boolean equalsAt(int group, ColumnVector vector, int row)
        {
            boolean isNull = vector.isNull(row);
            if (isNull || nulls[group]) {
                return isNull && nulls[group];
            }
            return low[group] == Decimal128Vector.unscaledLow(vector, row) && high[group] == Decimal128Vector.unscaledHigh(vector, row);
        }

        @Override
        void append(int group, ColumnVector vector, int row)
        {
            if (group >= high.length) {
                int size = Math.max(high.length * 2, group + 1);
                high = Arrays.copyOf(high, size);
                low = Arrays.copyOf(low, size);
            }
            ensureNulls(group);
            if (vector.isNull(row)) {
                nulls[group] = true;
            }
            else {
                high[group] = Decimal128Vector.unscaledHigh(vector, row);
                low[group] = Decimal128Vector.unscaledLow(vector, row);
            }
        }

        @Override
        ColumnVector build(int from, int to)
        {
            Decimal128Vector out = new Decimal128Vector(type, Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to), to - from);
            out.setNulls(nullsOf(from, to));
            return out;
        }

        @Override
        long retainedBytes(int groups)
        {
            return 17L * groups;
        }
    }

    /** UTF-8 keys appended to one byte array. */
    static final class StringKeys
            extends KeyStore
    {
        private byte[] data = new byte[256];
        private int[] offsets = new int[17];

        @Override
        boolean equalsAt(int group, ColumnVector vector, int row)
        {
            boolean isNull = vector.isNull(row);
            if (isNull || nulls[group]) {
                return isNull && nulls[group];
            }
            StringVector v = (StringVector) vector;
            return StringVector.bytesEqual(data, offsets[group], offsets[group + 1], v.data(), v.start(row), v.start(row) + v.length(row));
        }

        @Override
        void append(int group, ColumnVector vector, int row)
        {
            if (group + 2 > offsets.length) {
                offsets = Arrays.copyOf(offsets, Math.max(offsets.length * 2, group + 2));
            }
            ensureNulls(group);
            int start = offsets[group];
            if (vector.isNull(row)) {
                nulls[group] = true;
                offsets[group + 1] = start;
                return;
            }
            StringVector v = (StringVector) vector;
            int length = v.length(row);
            if (start + length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, start + length));
            }
            System.arraycopy(v.data(), v.start(row), data, start, length);
            offsets[group + 1] = start + length;
        }

        @Override
        ColumnVector build(int from, int to)
        {
            StringVector.Builder builder = new StringVector.Builder(to - from, offsets[to] - offsets[from]);
            for (int g = from; g < to; g++) {
                if (nulls[g]) {
                    builder.appendNull();
                }
                else {
                    builder.append(data, offsets[g], offsets[g + 1] - offsets[g]);
                }
            }
            return builder.build();
        }

        @Override
        long retainedBytes(int groups)
        {
            return 5L * groups + offsets[groups];
        }
    }
}
