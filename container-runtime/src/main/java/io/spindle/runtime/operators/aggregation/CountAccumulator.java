package io.spindle.runtime.operators.aggregation;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.LongVector;

import java.util.Arrays;
import java.util.List;

/** count(x) counts non-null values; count(*) counts rows. Never null. */
final class CountAccumulator
        implements Accumulator
{
    private final boolean skipNulls;
    private long[] counts = new long[16];

    CountAccumulator(boolean skipNulls)
    {
        this.skipNulls = skipNulls;
    }

    @Override
    public void ensureCapacity(int groups)
    {
        counts = Values.grow(counts, groups);
    }

    @Override
    public void add(int[] groups, ColumnVector argument, int rows)
    {
        boolean[] nulls = skipNulls && argument != null ? argument.nulls() : null;
        for (int i = 0; i < rows; i++) {
            if (nulls == null || !nulls[i]) {
                counts[groups[i]]++;
            }
        }
    }

    @Override
    public void merge(int[] groups, List<ColumnVector> intermediate, int rows)
    {
        long[] partial = ((LongVector) intermediate.get(0)).values();
        for (int i = 0; i < rows; i++) {
            counts[groups[i]] += partial[i];
        }
    }

    @Override
    public List<ColumnVector> intermediate(int from, int to)
    {
        return List.of(result(from, to));
    }

    @Override
    public ColumnVector result(int from, int to)
    {
        return new LongVector(DataType.LONG, Arrays.copyOfRange(counts, from, to), to - from);
    }

    @Override
    public long retainedBytes()
    {
        return 8L * counts.length;
    }
}
