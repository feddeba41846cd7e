package io.spindle.runtime.operators.aggregation;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.ColumnVector;

import java.util.List;

/**
 * The running state of one aggregate function for every group, in arrays indexed by group id. A partial
 * aggregation feeds raw argument values with {@link #add}; a final one feeds the partial results with
 * {@link #merge}. Not thread-safe.
 */
public interface Accumulator
{
    /** Makes room for groups [0, groups). */
    void ensureCapacity(int groups);

    /** Adds row i's argument value (ignored by count(*)) to group {@code groups[i]}. */
    void add(int[] groups, ColumnVector argument, int rows);

    /** Merges row i's intermediate columns into group {@code groups[i]}. */
    void merge(int[] groups, List<ColumnVector> intermediate, int rows);

    /** The intermediate columns of groups [from, to), as {@code AggregateFunction.intermediateTypes} describes them. */
    List<ColumnVector> intermediate(int from, int to);

    /** The final values of groups [from, to). */
    ColumnVector result(int from, int to);

    long retainedBytes();

    static Accumulator create(AggregateCall call)
    {
        DataType arg = call.argumentType();
        return switch (call.function()) {
            case COUNT_STAR -> new CountAccumulator(false);
            case COUNT -> new CountAccumulator(true);
            case SUM -> arg.kind() == TypeKind.DOUBLE ? new DoubleSumAccumulator(false) : exactSum(arg, call.type(), false);
            case AVG -> arg.kind() == TypeKind.DOUBLE || arg.kind() == TypeKind.INT || arg.kind() == TypeKind.LONG
                    ? new DoubleSumAccumulator(true)
                    : exactSum(arg, call.type(), true);
            case MIN -> new MinMaxAccumulator(arg, true);
            case MAX -> new MinMaxAccumulator(arg, false);
            case FIRST -> new FirstAccumulator(arg);
            case VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP -> new VarianceAccumulator(call.function());
            case COUNT_DISTINCT, SUM_DISTINCT, AVG_DISTINCT -> throw new IllegalStateException(
                    call.defaultName() + " reached an executor; the optimizer should have rewritten it");
        };
    }

    /** Integer sums and decimal sums whose sum type fits in 64 bits sum in longs; wider decimal sums in 128 bits. */
    private static Accumulator exactSum(DataType arg, DataType resultType, boolean average)
    {
        DataType sumType = average ? AggregateFunction.avgSumType(arg) : resultType;
        return sumType.isWideDecimal()
                ? new DecimalSumAccumulator(arg, resultType, average)
                : new LongSumAccumulator(arg, resultType, average);
    }
}
