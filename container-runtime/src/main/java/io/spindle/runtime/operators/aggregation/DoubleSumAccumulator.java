package io.spindle.runtime.operators.aggregation;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.LongVector;

import java.util.Arrays;
import java.util.List;

/**
 * sum over doubles, or avg over doubles and integers (summed as doubles, with a count). Groups with no
 * non-null input give null.
 */
final class DoubleSumAccumulator
        implements Accumulator
{
    private final boolean average;
    private double[] sums = new double[16];
    private long[] counts = new long[16];

    DoubleSumAccumulator(boolean average)
    {
        this.average = average;
    }

    @Override
    public void ensureCapacity(int groups)
    {
        sums = Values.grow(sums, groups);
        counts = Values.grow(counts, groups);
    }

    @Override
    public void add(int[] groups, ColumnVector argument, int rows)
    {
        boolean[] nulls = argument.nulls();
        if (argument instanceof DoubleVector v && nulls == null) {
            double[] values = v.values();
            for (int i = 0; i < rows; i++) {
                int g = groups[i];
                sums[g] += values[i];
                counts[g]++;
            }
            return;
        }
        for (int i = 0; i < rows; i++) {
            if (nulls == null || !nulls[i]) {
                int g = groups[i];
                sums[g] += Values.doubleAt(argument, i);
                counts[g]++;
            }
        }
    }

    @Override
    public void merge(int[] groups, List<ColumnVector> intermediate, int rows)
    {
        DoubleVector partialSums = (DoubleVector) intermediate.get(0);
        double[] values = partialSums.values();
        long[] partialCounts = average ? ((LongVector) intermediate.get(1)).values() : null;
        for (int i = 0; i < rows; i++) {
            if (partialSums.isNull(i)) {
                continue;
            }
            int g = groups[i];
            sums[g] += values[i];
            counts[g] += average ? partialCounts[i] : 1;
        }
    }

    @Override
    public List<ColumnVector> intermediate(int from, int to)
    {
        DoubleVector sum = sumVector(from, to);
        if (!average) {
            return List.of(sum);
        }
        return List.of(sum, new LongVector(DataType.LONG, Arrays.copyOfRange(counts, from, to), to - from));
    }

    private DoubleVector sumVector(int from, int to)
    {
        DoubleVector sum = new DoubleVector(DataType.DOUBLE, Arrays.copyOfRange(sums, from, to), to - from);
        sum.setNulls(nullWhereEmpty(from, to));
        return sum;
    }

    @Override
    public ColumnVector result(int from, int to)
    {
        if (!average) {
            return sumVector(from, to);
        }
        double[] out = new double[to - from];
        for (int g = from; g < to; g++) {
            out[g - from] = counts[g] == 0 ? 0 : sums[g] / counts[g];
        }
        DoubleVector result = new DoubleVector(DataType.DOUBLE, out, to - from);
        result.setNulls(nullWhereEmpty(from, to));
        return result;
    }

    private boolean[] nullWhereEmpty(int from, int to)
    {
        boolean[] nulls = null;
        for (int g = from; g < to; g++) {
            if (counts[g] == 0) {
                if (nulls == null) {
                    nulls = new boolean[to - from];
                }
                nulls[g - from] = true;
            }
        }
        return nulls;
    }

    @Override
    public long retainedBytes()
    {
        return 16L * sums.length;
    }
}
