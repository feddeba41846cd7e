package io.spindle.runtime.operators.aggregation;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.runtime.decimal.Int128;

import java.util.Arrays;
import java.util.List;

/** min or max of any orderable type; the intermediate is the value itself, so add and merge are the same. */
final class MinMaxAccumulator
        implements Accumulator
{
    private final boolean min;
    private final GroupValues values;
    private boolean[] seen = new boolean[16];

    MinMaxAccumulator(DataType type, boolean min)
    {
        this.min = min;
        this.values = new GroupValues(type);
    }

    @Override
    public void ensureCapacity(int groups)
    {
        seen = Values.grow(seen, groups);
        values.ensureCapacity(groups);
    }

    @Override
    public void add(int[] groups, ColumnVector argument, int rows)
    {
        for (int i = 0; i < rows; i++) {
            if (argument.isNull(i)) {
                continue;
            }
            int g = groups[i];
            if (!seen[g] || better(argument, i, g)) {
                values.set(g, argument, i);
            }
            seen[g] = true;
        }
    }

    /** Whether row {@code i} of {@code argument} beats group {@code g}'s value. */
    private boolean better(ColumnVector argument, int i, int g)
    {
        int cmp;
        if (argument instanceof DoubleVector v) {
            cmp = Double.compare(v.get(i), values.doubleAt(g));
        }
        else if (argument instanceof Decimal128Vector v) {
            cmp = Int128.compare(v.high(i), v.low(i), values.highAt(g), values.longAt(g));
        }
        else if (argument instanceof StringVector v) {
            byte[] current = values.bytesAt(g);
            cmp = Arrays.compareUnsigned(v.data(), v.start(i), v.start(i) + v.length(i), current, 0, current.length);
        }
        else {
            cmp = Long.compare(GroupValues.longOf(argument, i), values.longAt(g));
        }
        return min ? cmp < 0 : cmp > 0;
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
        return values.build(from, to, Values.unseen(seen, from, to));
    }

    @Override
    public long retainedBytes()
    {
        return seen.length + values.retainedBytes();
    }
}
