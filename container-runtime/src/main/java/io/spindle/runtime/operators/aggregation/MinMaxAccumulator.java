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

/** min or max of any orderable type; the intermediate is the value itself, so add and merge are the same. */
final class MinMaxAccumulator
        implements Accumulator
{
    private final DataType type;
    private final boolean min;
    private boolean[] seen = new boolean[16];
    private long[] longs;
    private double[] doubles;
    private byte[][] strings;

    MinMaxAccumulator(DataType type, boolean min)
    {
        this.type = type;
        this.min = min;
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
            if (argument.isNull(i)) {
                continue;
            }
            int g = groups[i];
            if (argument instanceof DoubleVector v) {
                double value = v.get(i);
                if (!seen[g] || (min ? Double.compare(value, doubles[g]) < 0 : Double.compare(value, doubles[g]) > 0)) {
                    doubles[g] = value;
                }
            }
            else if (argument instanceof StringVector v) {
                byte[] current = strings[g];
                int start = v.start(i);
                int end = start + v.length(i);
                int cmp = current == null ? 0 : Arrays.compareUnsigned(v.data(), start, end, current, 0, current.length);
                if (!seen[g] || (min ? cmp < 0 : cmp > 0)) {
                    strings[g] = Arrays.copyOfRange(v.data(), start, end);
                }
            }
            else {
                long value = argument instanceof BooleanVector b ? (b.get(i) ? 1 : 0) : Values.longAt(argument, i);
                if (!seen[g] || (min ? value < longs[g] : value > longs[g])) {
                    longs[g] = value;
                }
            }
            seen[g] = true;
        }
    }

    @Override
    public void merge(int[] groups, List<ColumnVector> intermediate, int rows)
    {
        add(groups, intermediate.get(0), rows);
    }

    @Override
    public List<ColumnVector> intermediate(int from, int to)
    {
        return List.of(result(from, to));
    }

    @Override
    public ColumnVector result(int from, int to)
    {
        int n = to - from;
        boolean[] nulls = Values.unseen(seen, from, to);
        if (type.kind() == TypeKind.STRING) {
            StringVector.Builder builder = new StringVector.Builder(n, 16 * n);
            for (int g = from; g < to; g++) {
                if (seen[g]) {
                    builder.append(strings[g], 0, strings[g].length);
                }
                else {
                    builder.appendNull();
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
        out.setNulls(nulls);
        return out;
    }

    @Override
    public long retainedBytes()
    {
        return 9L * seen.length;
    }
}
