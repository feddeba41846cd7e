package io.spindle.runtime.operators.aggregation;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;

import java.util.Arrays;
import java.util.List;

/**
 * first(x): keeps the first value each group sees, including a null (Spark's default, ignoreNulls = false).
 * The intermediate is the value and a flag for "the partial group saw a row", so that a null first value is
 * not mistaken for an empty partial group.
 */
final class FirstAccumulator
        implements Accumulator
{
    private final DataType type;
    private boolean[] seen = new boolean[16];
    private boolean[] isNull = new boolean[16];
    private long[] longs;
    private double[] doubles;
    private byte[][] strings;

    FirstAccumulator(DataType type)
    {
        this.type = type;
        switch (type.kind()) {
            case DOUBLE -> doubles = new double[16];
            case STRING -> strings = new byte[16][];
            default -> longs = new long[16];
        }
    }

    @Override
    public void ensureCapacity(int groups)
    {
        seen = Values.grow(seen, groups);
        isNull = Values.grow(isNull, groups);
        if (longs != null) {
            longs = Values.grow(longs, groups);
        }
        else if (doubles != null) {
            doubles = Values.grow(doubles, groups);
        }
        else if (groups > strings.length) {
            strings = Arrays.copyOf(strings, Math.max(groups, strings.length * 2));
        }
    }

    @Override
    public void add(int[] groups, ColumnVector argument, int rows)
    {
        for (int i = 0; i < rows; i++) {
            take(groups[i], argument, i);
        }
    }

    private void take(int g, ColumnVector argument, int i)
    {
        if (seen[g]) {
            return;
        }
        seen[g] = true;
        if (argument.isNull(i)) {
            isNull[g] = true;
            return;
        }
        if (argument instanceof DoubleVector v) {
            doubles[g] = v.get(i);
        }
        else if (argument instanceof StringVector v) {
            strings[g] = Arrays.copyOfRange(v.data(), v.start(i), v.start(i) + v.length(i));
        }
        else if (argument instanceof BooleanVector v) {
            longs[g] = v.get(i) ? 1 : 0;
        }
        else {
            longs[g] = Values.longAt(argument, i);
        }
    }

    @Override
    public void merge(int[] groups, List<ColumnVector> intermediate, int rows)
    {
        ColumnVector values = intermediate.get(0);
        BooleanVector sawRow = (BooleanVector) intermediate.get(1);
        for (int i = 0; i < rows; i++) {
            if (sawRow.get(i)) {
                take(groups[i], values, i);
            }
        }
    }

    @Override
    public List<ColumnVector> intermediate(int from, int to)
    {
        int n = to - from;
        return List.of(result(from, to), new BooleanVector(DataType.BOOLEAN, Arrays.copyOfRange(seen, from, to), n));
    }

    @Override
    public ColumnVector result(int from, int to)
    {
        int n = to - from;
        boolean[] nulls = new boolean[n];
        boolean anyNull = false;
        for (int g = from; g < to; g++) {
            nulls[g - from] = !seen[g] || isNull[g];
            anyNull |= nulls[g - from];
        }
        if (type.kind() == TypeKind.STRING) {
            StringVector.Builder builder = new StringVector.Builder(n, 16 * n);
            for (int g = from; g < to; g++) {
                if (nulls[g - from]) {
                    builder.appendNull();
                }
                else {
                    builder.append(strings[g], 0, strings[g].length);
                }
            }
            return builder.build();
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
        out.setNulls(anyNull ? nulls : null);
        return out;
    }

    @Override
    public long retainedBytes()
    {
        return 10L * seen.length + (strings == null ? 0 : 8L * strings.length);
    }
}
