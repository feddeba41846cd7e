package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;

import java.util.List;

/**
 * The aggregate functions, with Spark's result types and the intermediate columns a partial aggregation
 * hands to the final one across the shuffle.
 */
public enum AggregateFunction
{
    SUM, COUNT, COUNT_STAR, AVG, MIN, MAX, FIRST,
    /** Sample and population variance and standard deviation, over the argument as a double, as Spark's. */
    VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP,
    /**
     * {@code count(DISTINCT x)}, {@code sum(DISTINCT x)}, {@code avg(DISTINCT x)}: rewritten by the optimizer into
     * aggregations over distinct values, never run as such.
     */
    COUNT_DISTINCT, SUM_DISTINCT, AVG_DISTINCT;

    /** The type of the final value for an argument of type {@code arg} (ignored for {@code count(*)}). */
    public DataType resultType(DataType arg)
    {
        return switch (this) {
            case COUNT, COUNT_STAR, COUNT_DISTINCT -> DataType.LONG;
            case MIN, MAX, FIRST -> arg;
            case VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP -> DataType.DOUBLE;
            case SUM_DISTINCT -> SUM.resultType(arg);
            case AVG_DISTINCT -> AVG.resultType(arg);
            case SUM -> switch (arg.kind()) {
                case INT, LONG -> DataType.LONG;
                case DOUBLE -> DataType.DOUBLE;
                case DECIMAL -> DataType.decimal(Math.min(DataType.MAX_DECIMAL_PRECISION, arg.precision() + 10), arg.scale());
                default -> throw notNumeric(arg);
            };
            case AVG -> switch (arg.kind()) {
                case INT, LONG, DOUBLE -> DataType.DOUBLE;
                case DECIMAL -> DataType.decimal(
                        Math.min(DataType.MAX_DECIMAL_PRECISION, arg.precision() + 4),
                        Math.min(DataType.MAX_DECIMAL_PRECISION, arg.scale() + 4));
                default -> throw notNumeric(arg);
            };
        };
    }

    /** The columns that carry a partial result: sum; count; sum and count for avg; the value for min and max. */
    public List<DataType> intermediateTypes(DataType arg)
    {
        return switch (this) {
            case COUNT, COUNT_STAR -> List.of(DataType.LONG);
            case MIN, MAX -> List.of(arg);
            // the value (which may be null) and whether the partial group saw any row
            case FIRST -> List.of(arg, DataType.BOOLEAN);
            case SUM -> List.of(resultType(arg));
            case AVG -> List.of(avgSumType(arg), DataType.LONG);
            // how many values, their mean, and the sum of their squared distances from it
            case VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP -> List.of(DataType.LONG, DataType.DOUBLE, DataType.DOUBLE);
            case COUNT_DISTINCT, SUM_DISTINCT, AVG_DISTINCT -> throw new IllegalStateException(
                    sqlName() + "(DISTINCT) has no partial form; the optimizer rewrites it");
        };
    }

    /** The type avg accumulates its sum in. */
    public static DataType avgSumType(DataType arg)
    {
        return arg.kind() == TypeKind.DECIMAL ? SUM.resultType(arg) : DataType.DOUBLE;
    }

    public boolean acceptsArgument(DataType arg)
    {
        return switch (this) {
            case SUM, AVG, SUM_DISTINCT, AVG_DISTINCT, VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP -> arg.isNumeric();
            default -> true;
        };
    }

    public String sqlName()
    {
        return switch (this) {
            case COUNT_STAR, COUNT_DISTINCT -> "count";
            case SUM_DISTINCT -> "sum";
            case AVG_DISTINCT -> "avg";
            default -> name().toLowerCase();
        };
    }

    public boolean isDistinct()
    {
        return this == COUNT_DISTINCT || this == SUM_DISTINCT || this == AVG_DISTINCT;
    }

    /** What a distinct function computes once its argument's values are made distinct: count, sum or avg. */
    public AggregateFunction overDistinctValues()
    {
        return switch (this) {
            case COUNT_DISTINCT -> COUNT;
            case SUM_DISTINCT -> SUM;
            case AVG_DISTINCT -> AVG;
            default -> throw new IllegalStateException(this + " is not a distinct aggregate");
        };
    }

    private IllegalArgumentException notNumeric(DataType arg)
    {
        return new IllegalArgumentException(sqlName() + " needs a numeric argument, not " + arg.sqlName());
    }
}
