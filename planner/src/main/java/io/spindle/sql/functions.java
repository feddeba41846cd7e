package io.spindle.sql;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.CaseWhen;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.ScalarFunction;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.expressions.WindowFunction;
import io.spindle.planner.types.DataType;
import io.spindle.sql.parser.AstBuilder;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Column functions, named as in Spark's {@code org.apache.spark.sql.functions}; import them statically. */
@SuppressWarnings("checkstyle:TypeName")
public final class functions
{
    private functions()
    {
    }

    /** Marks {@code df} as small enough to send whole to every task of a join, as Spark's broadcast(df). */
    public static DataFrame broadcast(DataFrame df)
    {
        return df.hint("broadcast");
    }

    public static Column col(String name)
    {
        return new Column(new UnresolvedColumn(name));
    }

    /**
     * A column from SQL text, as Spark's {@code expr}: {@code expr("price * (1 - discount) AS net")},
     * {@code expr("count(DISTINCT name)")}; any function, aggregate or window, no subquery.
     *
     * @throws io.spindle.sql.parser.ParseException when the text does not parse, naming the column and what was expected
     */
    public static Column expr(String text)
    {
        return new Column(AstBuilder.buildExpression(text));
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

    /** The value of the first row of each group, null or not, as Spark's first(column); which row is first is not defined. */
    public static Column first(Column column)
    {
        return aggregate(AggregateFunction.FIRST, column);
    }

    public static Column first(String column)
    {
        return first(col(column));
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

    /** The sample standard deviation of {@code column}'s non-null values as doubles; null for fewer than two. */
    public static Column stddev(Column column)
    {
        return aggregate(AggregateFunction.STDDEV_SAMP, column);
    }

    public static Column stddev(String column)
    {
        return stddev(col(column));
    }

    public static Column stddev_samp(Column column)
    {
        return stddev(column);
    }

    /** The population standard deviation of {@code column}'s non-null values; null when there are none. */
    public static Column stddev_pop(Column column)
    {
        return aggregate(AggregateFunction.STDDEV_POP, column);
    }

    /** The sample variance of {@code column}'s non-null values as doubles; null for fewer than two. */
    public static Column variance(Column column)
    {
        return aggregate(AggregateFunction.VAR_SAMP, column);
    }

    public static Column variance(String column)
    {
        return variance(col(column));
    }

    public static Column var_samp(Column column)
    {
        return variance(column);
    }

    /** The population variance of {@code column}'s non-null values; null when there are none. */
    public static Column var_pop(Column column)
    {
        return aggregate(AggregateFunction.VAR_POP, column);
    }

    /** The number of distinct non-null values of {@code column}, as Spark's {@code countDistinct}. */
    public static Column countDistinct(Column column)
    {
        return aggregate(AggregateFunction.COUNT_DISTINCT, column);
    }

    public static Column countDistinct(String column)
    {
        return countDistinct(col(column));
    }

    /** The sum of the distinct non-null values of {@code column}, as Spark's {@code sum_distinct}. */
    public static Column sum_distinct(Column column)
    {
        return aggregate(AggregateFunction.SUM_DISTINCT, column);
    }

    /** As {@link #sum_distinct(Column)}, by the name Spark 3.1 and earlier used. */
    public static Column sumDistinct(Column column)
    {
        return sum_distinct(column);
    }

    public static Column sumDistinct(String column)
    {
        return sum_distinct(col(column));
    }

    /** Spark's newer name for {@link #countDistinct(Column)}. */
    public static Column count_distinct(Column column)
    {
        return countDistinct(column);
    }

    private static Column aggregate(AggregateFunction function, Column column)
    {
        return new Column(new AggregateCall(function, Optional.of(column.expression())));
    }

    /** The row's position in its window partition, from 1; use with {@link Column#over}. */
    public static Column row_number()
    {
        return new Column(WindowFunction.ranking(WindowFunction.Kind.ROW_NUMBER));
    }

    /** The row's rank in its window partition, from 1, with gaps after ties; use with {@link Column#over}. */
    public static Column rank()
    {
        return new Column(WindowFunction.ranking(WindowFunction.Kind.RANK));
    }

    /** The row's rank in its window partition, from 1, without gaps after ties; use with {@link Column#over}. */
    public static Column dense_rank()
    {
        return new Column(WindowFunction.ranking(WindowFunction.Kind.DENSE_RANK));
    }

    /** The value of {@code column} {@code offset} rows before the current one in its window partition, else null. */
    public static Column lag(Column column, int offset)
    {
        return offsetFunction(WindowFunction.Kind.LAG, column, offset, Optional.empty());
    }

    public static Column lag(String column, int offset)
    {
        return lag(col(column), offset);
    }

    /** The value of {@code column} {@code offset} rows before the current one in its window partition, else {@code defaultValue}. */
    public static Column lag(Column column, int offset, Object defaultValue)
    {
        return offsetFunction(WindowFunction.Kind.LAG, column, offset, Optional.of(Column.toExpression(defaultValue)));
    }

    public static Column lag(String column, int offset, Object defaultValue)
    {
        return lag(col(column), offset, defaultValue);
    }

    /** The value of {@code column} {@code offset} rows after the current one in its window partition, else null. */
    public static Column lead(Column column, int offset)
    {
        return offsetFunction(WindowFunction.Kind.LEAD, column, offset, Optional.empty());
    }

    public static Column lead(String column, int offset)
    {
        return lead(col(column), offset);
    }

    /** The value of {@code column} {@code offset} rows after the current one in its window partition, else {@code defaultValue}. */
    public static Column lead(Column column, int offset, Object defaultValue)
    {
        return offsetFunction(WindowFunction.Kind.LEAD, column, offset, Optional.of(Column.toExpression(defaultValue)));
    }

    public static Column lead(String column, int offset, Object defaultValue)
    {
        return lead(col(column), offset, defaultValue);
    }

    private static Column offsetFunction(WindowFunction.Kind kind, Column column, int offset, Optional<Expression> defaultValue)
    {
        return new Column(WindowFunction.offset(kind, column.expression(), offset, defaultValue));
    }

    /** Starts {@code CASE WHEN condition THEN value}; add branches with {@link Column#when} and finish with {@link Column#otherwise}. */
    public static Column when(Column condition, Object value)
    {
        return new Column(new CaseWhen(List.of(condition.expression()), List.of(Column.toExpression(value)), Optional.empty()));
    }

    /** The first argument that is not null, or null. */
    public static Column coalesce(Column... columns)
    {
        if (columns.length == 0) {
            throw new IllegalArgumentException("coalesce needs at least one column");
        }
        return call(ScalarFunction.Name.COALESCE, columns);
    }

    /** The strings joined; null when any of them is null. */
    public static Column concat(Column... columns)
    {
        if (columns.length == 0) {
            throw new IllegalArgumentException("concat needs at least one column");
        }
        return call(ScalarFunction.Name.CONCAT, columns);
    }

    /** {@code len} characters from the 1-based position {@code pos}; a negative {@code pos} counts from the end. */
    public static Column substring(Column column, int pos, int len)
    {
        return new Column(new ScalarFunction(ScalarFunction.Name.SUBSTRING, List.of(column.expression(), Literal.of(pos), Literal.of(len))));
    }

    public static Column upper(Column column)
    {
        return call(ScalarFunction.Name.UPPER, column);
    }

    public static Column lower(Column column)
    {
        return call(ScalarFunction.Name.LOWER, column);
    }

    /** Removes leading and trailing spaces. */
    public static Column trim(Column column)
    {
        return call(ScalarFunction.Name.TRIM, column);
    }

    /** The number of characters (not bytes). */
    public static Column length(Column column)
    {
        return call(ScalarFunction.Name.LENGTH, column);
    }

    public static Column year(Column column)
    {
        return call(ScalarFunction.Name.YEAR, column);
    }

    public static Column month(Column column)
    {
        return call(ScalarFunction.Name.MONTH, column);
    }

    public static Column dayofmonth(Column column)
    {
        return call(ScalarFunction.Name.DAY_OF_MONTH, column);
    }

    public static Column date_add(Column start, int days)
    {
        return call(ScalarFunction.Name.DATE_ADD, start, lit(days));
    }

    public static Column date_sub(Column start, int days)
    {
        return call(ScalarFunction.Name.DATE_SUB, start, lit(days));
    }

    /** Days from {@code start} to {@code end}. */
    public static Column datediff(Column end, Column start)
    {
        return call(ScalarFunction.Name.DATE_DIFF, end, start);
    }

    /** A yyyy-MM-dd string as a date, null where it does not parse; the same as {@code cast(date)}. */
    public static Column to_date(Column column)
    {
        return new Column(new Cast(column.expression(), DataType.DATE));
    }

    private static Column call(ScalarFunction.Name name, Column... arguments)
    {
        return new Column(new ScalarFunction(name, Arrays.stream(arguments).map(Column::expression).toList()));
    }

    public static Column asc(String column)
    {
        return col(column).asc();
    }

    public static Column desc(String column)
    {
        return col(column).desc();
    }

    public static Column asc_nulls_first(String column)
    {
        return col(column).asc_nulls_first();
    }

    public static Column asc_nulls_last(String column)
    {
        return col(column).asc_nulls_last();
    }

    public static Column desc_nulls_first(String column)
    {
        return col(column).desc_nulls_first();
    }

    public static Column desc_nulls_last(String column)
    {
        return col(column).desc_nulls_last();
    }
}
