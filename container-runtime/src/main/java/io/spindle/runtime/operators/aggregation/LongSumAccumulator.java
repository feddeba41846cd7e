package io.spindle.runtime.operators.aggregation;

import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.LongVector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * sum over integers (as bigint) and decimals whose sum type has at most 18 digits (unscaled, same scale), or avg
 * over such decimals; wider sums are {@link DecimalSumAccumulator}'s. Decimal sums fail with a clear error on
 * overflow rather than wrap.
 */
final class LongSumAccumulator
        implements Accumulator
{
    private final DataType resultType;
    private final DataType sumType;
    private final boolean average;
    private final boolean checked;
    private long[] sums = new long[16];
    private long[] counts = new long[16];

    LongSumAccumulator(DataType argumentType, DataType resultType, boolean average)
    {
        this.resultType = resultType;
        this.average = average;
        this.sumType = average ? AggregateFunction.avgSumType(argumentType) : resultType;
        this.checked = sumType.kind() == TypeKind.DECIMAL;
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
        for (int i = 0; i < rows; i++) {
            if (nulls == null || !nulls[i]) {
                int g = groups[i];
                sums[g] = plus(sums[g], Values.longAt(argument, i));
                counts[g]++;
            }
        }
    }

    private long plus(long a, long b)
    {
        if (!checked) {
            return a + b;
        }
        try {
            return Math.addExact(a, b);
        }
        catch (ArithmeticException e) {
            throw new ArithmeticException("decimal sum overflowed its sum type " + sumType.sqlName()
                    + "; cast the column to double to sum it");
        }
    }

    @Override
    public void merge(int[] groups, List<ColumnVector> intermediate, int rows)
    {
        LongVector partialSums = (LongVector) intermediate.get(0);
        long[] values = partialSums.values();
        long[] partialCounts = average ? ((LongVector) intermediate.get(1)).values() : null;
        for (int i = 0; i < rows; i++) {
            if (partialSums.isNull(i)) {
                continue;
            }
            int g = groups[i];
            sums[g] = plus(sums[g], values[i]);
            counts[g] += average ? partialCounts[i] : 1;
        }
    }

    @Override
    public List<ColumnVector> intermediate(int from, int to)
    {
        LongVector sum = new LongVector(sumType, Arrays.copyOfRange(sums, from, to), to - from);
        sum.setNulls(nullWhereEmpty(from, to));
        if (!average) {
            return List.of(sum);
        }
        return List.of(sum, new LongVector(DataType.LONG, Arrays.copyOfRange(counts, from, to), to - from));
    }

    @Override
    public ColumnVector result(int from, int to)
    {
        if (!average) {
            return intermediate(from, to).get(0);
        }
        long[] out = new long[to - from];
        for (int g = from; g < to; g++) {
            if (counts[g] > 0) {
                BigDecimal mean = BigDecimal.valueOf(sums[g], sumType.scale())
                        .divide(BigDecimal.valueOf(counts[g]), resultType.scale(), RoundingMode.HALF_UP);
                out[g - from] = mean.unscaledValue().longValueExact();
            }
        }
        LongVector result = new LongVector(resultType, out, to - from);
        result.setNulls(nullWhereEmpty(from, to));
        return result;
    }

    private boolean[] nullWhereEmpty(int from, int to)
    {
        boolean[] seen = new boolean[to];
        for (int g = from; g < to; g++) {
            seen[g] = counts[g] > 0;
        }
        return Values.unseen(seen, from, to);
    }

    @Override
    public long retainedBytes()
    {
        return 16L * sums.length;
    }
}
