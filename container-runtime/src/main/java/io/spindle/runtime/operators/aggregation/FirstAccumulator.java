package io.spindle.runtime.operators.aggregation;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnVector;

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
    private final GroupValues values;
    private boolean[] seen = new boolean[16];
    private boolean[] isNull = new boolean[16];

    FirstAccumulator(DataType type)
    {
        this.values = new GroupValues(type);
    }

    @Override
    public void ensureCapacity(int groups)
    {
        seen = Values.grow(seen, groups);
        isNull = Values.grow(isNull, groups);
        values.ensureCapacity(groups);
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
        values.set(g, argument, i);
    }

    @Override
    public void merge(int[] groups, List<ColumnVector> intermediate, int rows)
    {
        ColumnVector firsts = intermediate.get(0);
        BooleanVector sawRow = (BooleanVector) intermediate.get(1);
        for (int i = 0; i < rows; i++) {
            if (sawRow.get(i)) {
                take(groups[i], firsts, i);
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
        return values.build(from, to, anyNull ? nulls : null);
    }

    @Override
    public long retainedBytes()
    {
        return 2L * seen.length + values.retainedBytes();
    }
}
