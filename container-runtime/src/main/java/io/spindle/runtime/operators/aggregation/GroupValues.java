package io.spindle.runtime.operators.aggregation;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;

import java.util.Arrays;

/**
 * One value of a column's type per group, for accumulators that keep a value rather than a sum (min, max,
 * first): doubles as doubles, strings as their UTF-8 bytes, wide decimals as two longs (the high words in
 * {@code highs}), every other type as a long. Not thread-safe.
 */
final class GroupValues
{
    private final DataType type;
    private long[] longs;
    private long[] highs;
    private double[] doubles;
    private byte[][] strings;

    GroupValues(DataType type)
    {
        this.type = type;
        switch (type.kind()) {
            case DOUBLE -> doubles = new double[16];
            case STRING -> strings = new byte[16][];
            default -> longs = new long[16];
        }
        if (type.isWideDecimal()) {
            highs = new long[16];
        }
    }

    void ensureCapacity(int groups)
    {
        if (longs != null) {
            longs = Values.grow(longs, groups);
            if (highs != null) {
                highs = Values.grow(highs, groups);
            }
        }
        else if (doubles != null) {
            doubles = Values.grow(doubles, groups);
        }
        else if (groups > strings.length) {
            strings = Arrays.copyOf(strings, Math.max(groups, strings.length * 2));
        }
    }

    /** Stores row {@code row} of {@code vector}, which must not be null there, as group {@code group}'s value. */
    void set(int group, ColumnVector vector, int row)
    {
        if (vector instanceof DoubleVector v) {
            doubles[group] = v.get(row);
        }
        else if (vector instanceof StringVector v) {
            strings[group] = Arrays.copyOfRange(v.data(), v.start(row), v.start(row) + v.length(row));
        }
        else if (vector instanceof Decimal128Vector v) {
            highs[group] = v.high(row);
            longs[group] = v.low(row);
        }
        else {
            longs[group] = longOf(vector, row);
        }
    }

    /** The value of a non-double, non-string row as the long this store keeps. */
    static long longOf(ColumnVector vector, int row)
    {
        return vector instanceof BooleanVector b ? (b.get(row) ? 1 : 0) : Values.longAt(vector, row);
    }

    long longAt(int group)
    {
        return longs[group];
    }

    /** The high word of a wide decimal group's value; {@link #longAt} is its low word. */
    long highAt(int group)
    {
        return highs[group];
    }

    double doubleAt(int group)
    {
        return doubles[group];
    }

    byte[] bytesAt(int group)
    {
        return strings[group];
    }

    /** The values of groups [from, to) as a vector; {@code nulls[g - from]} marks null groups (null for none). */
    ColumnVector build(int from, int to, boolean[] nulls)
    {
        int n = to - from;
        if (type.kind() == TypeKind.STRING) {
            StringVector.Builder builder = new StringVector.Builder(n, 16 * n);
            for (int g = from; g < to; g++) {
                if (nulls != null && nulls[g - from]) {
                    builder.appendNull();
                }
                else {
                    builder.append(strings[g], 0, strings[g].length);
                }
            }
            return builder.build();
        }
        if (highs != null) {
            Decimal128Vector out = new Decimal128Vector(type, Arrays.copyOfRange(highs, from, to), Arrays.copyOfRange(longs, from, to), n);
            out.setNulls(nulls);
            return out;
        }
        ColumnVector out = ColumnVector.allocate(type, n);
        for (int g = from; g < to; g++) {
            if (out instanceof DoubleVector v) {
                v.values()[g - from] = doubles[g];
            }
            else if (out instanceof LongVector v) {
                v.values()[g - from] = longs[g];
            }
            else if (out instanceof IntVector v) {
                v.values()[g - from] = (int) longs[g];
            }
            else if (out instanceof BooleanVector v) {
                v.values()[g - from] = longs[g] != 0;
            }
        }
        out.setNulls(nulls);
        return out;
    }

    long retainedBytes()
    {
        if (highs != null) {
            return 16L * highs.length;
        }
        return strings == null ? 8L * (longs != null ? longs.length : doubles.length) : 8L * strings.length;
    }
}
