package io.spindle.runtime.operators.aggregation;

import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.decimal.Int128;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * sum or avg over decimals whose sum type is wider than 18 digits (sum of decimal(15,2) is decimal(25,2)): each group
 * sums in 128 bits, two long arrays, so adding a row allocates nothing whichever width the argument has. A sum that
 * outgrows its type fails with an error naming the type rather than wrapping; avg divides once per group at the end.
 */
final class DecimalSumAccumulator
        implements Accumulator
{
    private final DataType resultType;
    private final DataType sumType;
    private final boolean average;
    private long[] sumHigh = new long[16];
    private long[] sumLow = new long[16];
    private long[] counts = new long[16];

    DecimalSumAccumulator(DataType argumentType, DataType resultType, boolean average)
    {
        this.resultType = resultType;
        this.average = average;
        this.sumType = average ? AggregateFunction.avgSumType(argumentType) : resultType;
        if (!sumType.isWideDecimal()) {
            throw new IllegalArgumentException("sums of " + argumentType.sqlName() + " fit in 64 bits; use LongSumAccumulator");
        }
    }

    @Override
    public void ensureCapacity(int groups)
    {
        sumHigh = Values.grow(sumHigh, groups);
        sumLow = Values.grow(sumLow, groups);
        counts = Values.grow(counts, groups);
    }

    @Override
    public void add(int[] groups, ColumnVector argument, int rows)
    {
        boolean[] nulls = argument.nulls();
        try {
            if (argument instanceof LongVector v) {
                long[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    if (nulls == null || !nulls[i]) {
                        int g = groups[i];
                        Int128.add(sumHigh[g], sumLow[g], values[i] >> 63, values[i], sumHigh, sumLow, g);
                        counts[g]++;
                    }
                }
            }
            else {
                Decimal128Vector v = (Decimal128Vector) argument;
                long[] high = v.high();
                long[] low = v.low();
                for (int i = 0; i < rows; i++) {
                    if (nulls == null || !nulls[i]) {
                        int g = groups[i];
                        Int128.add(sumHigh[g], sumLow[g], high[i], low[i], sumHigh, sumLow, g);
                        counts[g]++;
                    }
                }
            }
        }
        catch (ArithmeticException e) {
            throw overflow();
        }
    }

    @Override
    public void merge(int[] groups, List<ColumnVector> intermediate, int rows)
    {
        Decimal128Vector partialSums = (Decimal128Vector) intermediate.get(0);
        long[] high = partialSums.high();
        long[] low = partialSums.low();
        long[] partialCounts = average ? ((LongVector) intermediate.get(1)).values() : null;
        try {
            for (int i = 0; i < rows; i++) {
                if (partialSums.isNull(i)) {
                    continue;
                }
                int g = groups[i];
                Int128.add(sumHigh[g], sumLow[g], high[i], low[i], sumHigh, sumLow, g);
                counts[g] += average ? partialCounts[i] : 1;
            }
        }
        catch (ArithmeticException e) {
            throw overflow();
        }
    }

    @Override
    public List<ColumnVector> intermediate(int from, int to)
    {
        for (int g = from; g < to; g++) {
            if (!Int128.fitsPrecision(sumHigh[g], sumLow[g], sumType.precision())) {
                throw overflow();
            }
        }
        Decimal128Vector sum = new Decimal128Vector(sumType, Arrays.copyOfRange(sumHigh, from, to), Arrays.copyOfRange(sumLow, from, to), to - from);
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
        int n = to - from;
        long[] high = new long[n];
        long[] low = new long[n];
        for (int g = from; g < to; g++) {
            if (counts[g] > 0) {
                BigDecimal mean = Int128.toBigDecimal(sumHigh[g], sumLow[g], sumType.scale())
                        .divide(BigDecimal.valueOf(counts[g]), resultType.scale(), RoundingMode.HALF_UP);
                Int128.fromBigDecimal(mean, resultType.scale(), high, low, g - from);
            }
        }
        ColumnVector result = resultType.isWideDecimal() ? new Decimal128Vector(resultType, high, low, n) : new LongVector(resultType, low, n);
        result.setNulls(nullWhereEmpty(from, to));
        return result;
    }

    private ArithmeticException overflow()
    {
        return new ArithmeticException("decimal " + (average ? "avg" : "sum") + " overflowed its sum type " + sumType.sqlName()
                + " (at most " + DataType.MAX_DECIMAL_PRECISION + " digits); cast the argument to double to aggregate it");
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
        return 24L * sumHigh.length;
    }
}
