package io.spindle.runtime.batch;

import io.spindle.planner.types.DataType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * A column of strings kept as UTF-8 bytes in one array: row i is {@code data[offsets[i] .. offsets[i + 1])}.
 * Strings are compared and hashed as bytes; no String object is made on a hot path.
 */
public final class StringVector
        extends ColumnVector
{
    private final byte[] data;
    private final int[] offsets;

    public StringVector(byte[] data, int[] offsets, int size)
    {
        super(DataType.STRING, size);
        this.data = requireNonNull(data, "data is null");
        this.offsets = requireNonNull(offsets, "offsets is null");
        if (offsets.length < size + 1) {
            throw new IllegalArgumentException("offsets hold " + offsets.length + " entries for " + size + " rows");
        }
    }

    public byte[] data()
    {
        return data;
    }

    public int[] offsets()
    {
        return offsets;
    }

    public int start(int row)
    {
        return offsets[row];
    }

    public int length(int row)
    {
        return offsets[row + 1] - offsets[row];
    }

    public String getString(int row)
    {
        return new String(data, offsets[row], length(row), StandardCharsets.UTF_8);
    }

    /** A hash of row {@code row}'s bytes; equal strings hash equally across vectors. */
    public int hash(int row)
    {
        int h = 1;
        for (int i = offsets[row], end = offsets[row + 1]; i < end; i++) {
            h = 31 * h + data[i];
        }
        return h;
    }

    /**
     * Whether {@code a[aFrom, aTo)} and {@code b[bFrom, bTo)} hold the same bytes. Short strings, the usual
     * grouping and join keys (flags, codes), are compared in a plain loop: the library's vectorized compare
     * costs more than it saves below a few words.
     */
    public static boolean bytesEqual(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo)
    {
        int length = aTo - aFrom;
        if (length != bTo - bFrom) {
            return false;
        }
        if (length > 16) {
            return Arrays.equals(a, aFrom, aTo, b, bFrom, bTo);
        }
        for (int i = 0; i < length; i++) {
            if (a[aFrom + i] != b[bFrom + i]) {
                return false;
            }
        }
        return true;
    }

    public boolean equalsAt(int row, StringVector other, int otherRow)
    {
        return bytesEqual(data, offsets[row], offsets[row + 1], other.data, other.offsets[otherRow], other.offsets[otherRow + 1]);
    }

    /** Unsigned byte order, which for UTF-8 is code point order, as in Spark. */
    public int compareAt(int row, StringVector other, int otherRow)
    {
        return Arrays.compareUnsigned(data, offsets[row], offsets[row + 1], other.data, other.offsets[otherRow], other.offsets[otherRow + 1]);
    }

    @Override
    public Object getObject(int row)
    {
        return isNull(row) ? null : getString(row);
    }

    @Override
    public ColumnVector select(int[] positions, int count)
    {
        Builder builder = new Builder(count, 0);
        for (int i = 0; i < count; i++) {
            int row = positions[i];
            if (isNull(row)) {
                builder.appendNull();
            }
            else {
                builder.append(data, offsets[row], length(row));
            }
        }
        return builder.build();
    }

    /** Appends strings one after another; {@link #build()} once at the end. */
    public static final class Builder
    {
        private byte[] data;
        private int[] offsets;
        private boolean[] nulls;
        private int count;

        public Builder(int expectedRows, int expectedBytes)
        {
            this.data = new byte[Math.max(expectedBytes, 16)];
            this.offsets = new int[Math.max(expectedRows, 1) + 1];
        }

        public Builder append(byte[] bytes, int offset, int length)
        {
            ensureRow();
            int end = offsets[count];
            if (end + length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, end + length));
            }
            System.arraycopy(bytes, offset, data, end, length);
            offsets[++count] = end + length;
            return this;
        }

        public Builder append(String value)
        {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            return append(bytes, 0, bytes.length);
        }

        public Builder appendNull()
        {
            ensureRow();
            if (nulls == null) {
                nulls = new boolean[offsets.length];
            }
            nulls[count] = true;
            offsets[count + 1] = offsets[count];
            count++;
            return this;
        }

        public int size()
        {
            return count;
        }

        private void ensureRow()
        {
            if (count + 2 > offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
                if (nulls != null) {
                    nulls = Arrays.copyOf(nulls, offsets.length);
                }
            }
            if (nulls != null && nulls.length < offsets.length) {
                nulls = Arrays.copyOf(nulls, offsets.length);
            }
        }

        public StringVector build()
        {
            StringVector vector = new StringVector(data, offsets, count);
            vector.setNulls(nulls);
            return vector;
        }
    }
}
