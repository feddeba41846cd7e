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
 * sums in 128 bits, so adding a row allocates nothing whichever width the argument has. A sum that outgrows its type
 * fails with an error naming the type rather than wrapping; avg divides once per group at the end.
 *
 * <p>A group's sum is kept as a 64-bit running sum that may wrap plus a count of its wraps: the 128-bit sum is
 * {@code wraps * 2^64 + low} with {@code low} read as signed, so its high word is {@code wraps + (low >> 63)}. Adding a
 * long argument then costs what a checked 64-bit add does, the wrap being the rare branch.
 */
final class DecimalSumAccumulator
        implements Accumulator
{
    private final DataType resultType;
    private final DataType sumType;
    private final boolean average;
    private long[] low = new long[16];
    private long[] wraps = new long[16];
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
        low = Values.grow(low, groups);
        wraps = Values.grow(wraps, groups);
        counts = Values.grow(counts, groups);
    }

    @Override
    public void add(int[] groups, ColumnVector argument, int rows)
    {
        boolean[] nulls = argument.nulls();
        if (argument instanceof LongVector v) {
            long[] values = v.values();
            for (int i = 0; i < rows; i++) {
                if (nulls == null || !nulls[i]) {
                    int g = groups[i];
                    long sum = low[g];
                    long value = values[i];
                    long next = sum + value;
                    if (((sum ^ next) & (value ^ next)) < 0) {
                        // the signed 64-bit sum wrapped: past 2^63 going up, below -2^63 going down
                        wraps[g] += value < 0 ? -1 : 1;
                    }
                    low[g] = next;
                    counts[g]++;
                }
            }
            return;
        }
        Decimal128Vector v = (Decimal128Vector) argument;
        long[] high = v.high();
        long[] lows = v.low();
        for (int i = 0; i < rows; i++) {
            if (nulls == null || !nulls[i]) {
                addWide(groups[i], high[i], lows[i]);
                counts[groups[i]]++;
            }
        }
    }

    private void addWide(int group, long high, long low)
    {
        long sum = this.low[group];
        long next = sum + low;
        long nextHigh = wraps[group] + (sum >> 63) + high + (Long.compareUnsigned(next, sum) < 0 ? 1 : 0);
        long sumHigh = wraps[group] + (sum >> 63);
        // 128-bit overflow: both operands' signs differ from the result's
        if (((sumHigh ^ nextHigh) & (high ^ nextHigh)) < 0) {
            throw overflow();
        }
        this.low[group] = next;
        wraps[group] = nextHigh - (next >> 63);
    }

    private long highAt(int group)
    {
        return wraps[group] + (low[group] >> 63);
    }

    @Override
    public void merge(int[] groups, List<ColumnVector> intermediate, int rows)
    {
        Decimal128Vector partialSums = (Decimal128Vector) intermediate.get(0);
        long[] high = partialSums.high();
        long[] lows = partialSums.low();
        long[] partialCounts = average ? ((LongVector) intermediate.get(1)).values() : null;
        for (int i = 0; i < rows; i++) {
            if (partialSums.isNull(i)) {
                continue;
            }
            int g = groups[i];
            addWide(g, high[i], lows[i]);
            counts[g] += average ? partialCounts[i] : 1;
        }
    }

    @Override
    public List<ColumnVector> intermediate(int from, int to)
    {
        int n = to - from;
        long[] high = new long[n];
        for (int g = from; g < to; g++) {
            high[g - from] = highAt(g);
            if (!Int128.fitsPrecision(high[g - from], low[g], sumType.precision())) {
                throw overflow();
            }
        }
        Decimal128Vector sum = new Decimal128Vector(sumType, high, Arrays.copyOfRange(low, from, to), n);
        sum.setNulls(nullWhereEmpty(from, to));
        if (!average) {
            return List.of(sum);
        }
        return List.of(sum, new LongVector(DataType.LONG, Arrays.copyOfRange(counts, from, to), n));
    }

    @Override
    public ColumnVector result(int from, int to)
    {
        if (!average) {
            return intermediate(from, to).get(0);
        }
        int n = to - from;
        long[] high = new long[n];
        long[] lows = new long[n];
        for (int g = from; g < to; g++) {
            if (counts[g] > 0) {
                BigDecimal mean = Int128.toBigDecimal(highAt(g), low[g], sumType.scale())
                        .divide(BigDecimal.valueOf(counts[g]), resultType.scale(), RoundingMode.HALF_UP);
                Int128.fromBigDecimal(mean, resultType.scale(), high, lows, g - from);
            }
        }
        ColumnVector result = resultType.isWideDecimal() ? new Decimal128Vector(resultType, high, lows, n) : new LongVector(resultType, lows, n);
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
        return 24L * low.length;
    }
}
