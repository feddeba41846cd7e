package io.spindle.runtime.operators.aggregation;

import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;

import java.util.Arrays;
import java.util.List;

/**
 * Variance and standard deviation, sample or population, over the argument as a double. Each group keeps its
 * count, mean and sum of squared distances from the mean, updated one value at a time (Welford) and merged
 * pairwise (Chan et al.), which stays accurate where a sum of squares minus a squared sum would cancel. A group
 * with no values is null, and so is the sample form of a group with one, as in Spark and DuckDB.
 */
final class VarianceAccumulator
        implements Accumulator
{
    private final AggregateFunction function;
    private long[] counts = new long[16];
    private double[] means = new double[16];
    private double[] squares = new double[16];

    VarianceAccumulator(AggregateFunction function)
    {
        this.function = function;
    }

    @Override
    public void ensureCapacity(int groups)
    {
        counts = Values.grow(counts, groups);
        means = Values.grow(means, groups);
        squares = Values.grow(squares, groups);
    }

    @Override
    public void add(int[] groups, ColumnVector argument, int rows)
    {
        for (int i = 0; i < rows; i++) {
            if (argument.isNull(i)) {
                continue;
            }
            double x = valueAt(argument, i);
            int g = groups[i];
            long n = ++counts[g];
            double delta = x - means[g];
            means[g] += delta / n;
            squares[g] += delta * (x - means[g]);
        }
    }

    private static double valueAt(ColumnVector vector, int row)
    {
        if (vector instanceof DoubleVector v) {
            return v.get(row);
        }
        if (vector instanceof IntVector v) {
            return v.get(row);
        }
        if (vector instanceof LongVector v && v.type().kind() != TypeKind.DECIMAL) {
            return v.get(row);
        }
        // decimals, at their scale
        return ((Number) vector.getObject(row)).doubleValue();
    }

    @Override
    public void merge(int[] groups, List<ColumnVector> intermediate, int rows)
    {
        long[] partialCounts = ((LongVector) intermediate.get(0)).values();
        double[] partialMeans = ((DoubleVector) intermediate.get(1)).values();
        double[] partialSquares = ((DoubleVector) intermediate.get(2)).values();
        for (int i = 0; i < rows; i++) {
            long nb = partialCounts[i];
            if (nb == 0) {
                continue;
            }
            int g = groups[i];
            long na = counts[g];
            long n = na + nb;
            double delta = partialMeans[i] - means[g];
            means[g] += delta * nb / n;
            squares[g] += partialSquares[i] + delta * delta * ((double) na * nb / n);
            counts[g] = n;
        }
    }

    @Override
    public List<ColumnVector> intermediate(int from, int to)
    {
        int size = to - from;
        return List.of(new LongVector(DataType.LONG, Arrays.copyOfRange(counts, from, to), size),
                new DoubleVector(DataType.DOUBLE, Arrays.copyOfRange(means, from, to), size),
                new DoubleVector(DataType.DOUBLE, Arrays.copyOfRange(squares, from, to), size));
    }

    @Override
    public ColumnVector result(int from, int to)
    {
        boolean sample = function == AggregateFunction.VAR_SAMP || function == AggregateFunction.STDDEV_SAMP;
        boolean root = function == AggregateFunction.STDDEV_SAMP || function == AggregateFunction.STDDEV_POP;
        double[] out = new double[to - from];
        boolean[] nulls = null;
        for (int g = from; g < to; g++) {
            long divisor = sample ? counts[g] - 1 : counts[g];
            if (divisor <= 0) {
                if (nulls == null) {
                    nulls = new boolean[to - from];
                }
                nulls[g - from] = true;
                continue;
            }
            double variance = squares[g] / divisor;
            out[g - from] = root ? Math.sqrt(variance) : variance;
        }
        DoubleVector result = new DoubleVector(DataType.DOUBLE, out, to - from);
        result.setNulls(nulls);
        return result;
    }

    @Override
    public long retainedBytes()
    {
        return 24L * counts.length;
    }
}
