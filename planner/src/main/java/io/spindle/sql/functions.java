package io.spindle.sql;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.UnresolvedColumn;

import java.util.Optional;

/** Column functions, named as in Spark's {@code org.apache.spark.sql.functions}; import them statically. */
@SuppressWarnings("checkstyle:TypeName")
public final class functions
{
    private functions()
    {
    }

    public static Column col(String name)
    {
        return new Column(new UnresolvedColumn(name));
    }

    public static Column lit(Object value)
    {
        return value instanceof Column column ? column : new Column(Literal.of(value));
    }

    public static Column sum(Column column)
    {
        return aggregate(AggregateFunction.SUM, column);
    }

    public static Column sum(String column)
    {
        return sum(col(column));
    }

    public static Column avg(Column column)
    {
        return aggregate(AggregateFunction.AVG, column);
    }

    public static Column avg(String column)
    {
        return avg(col(column));
    }

    public static Column min(Column column)
    {
        return aggregate(AggregateFunction.MIN, column);
    }

    public static Column min(String column)
    {
        return min(col(column));
    }

    public static Column max(Column column)
    {
        return aggregate(AggregateFunction.MAX, column);
    }

    public static Column max(String column)
    {
        return max(col(column));
    }

    /** {@code count(column)}: rows where it is not null; {@code count("*")} counts every row. */
    public static Column count(String column)
    {
        if (column.equals("*")) {
            return new Column(new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty()));
        }
        return count(col(column));
    }

    public static Column count(Column column)
    {
        return aggregate(AggregateFunction.COUNT, column);
    }

    private static Column aggregate(AggregateFunction function, Column column)
    {
        return new Column(new AggregateCall(function, Optional.of(column.expression())));
    }

    public static Column asc(String column)
    {
        return col(column).asc();
    }

    public static Column desc(String column)
    {
        return col(column).desc();
    }
}
