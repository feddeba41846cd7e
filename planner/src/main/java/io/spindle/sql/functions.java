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

import java.time.LocalDate;
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

    /** A {@code pattern} string (as Spark's date_format patterns) as a date, null where it does not parse. */
    public static Column to_date(Column column, String pattern)
    {
        return call(ScalarFunction.Name.TO_DATE, column, lit(pattern));
    }

    /** Today's date, fixed when the call is made (so one value however many rows there are). */
    public static Column current_date()
    {
        return lit(LocalDate.now());
    }

    public static Column abs(Column column)
    {
        return call(ScalarFunction.Name.ABS, column);
    }

    /** Rounds half away from zero (2.5 to 3, -2.5 to -3) to whole numbers. */
    public static Column round(Column column)
    {
        return round(column, 0);
    }

    /** Rounds half away from zero to {@code scale} decimal places; a negative scale rounds to tens, hundreds, .... */
    public static Column round(Column column, int scale)
    {
        return call(ScalarFunction.Name.ROUND, column, lit(scale));
    }

    /** Rounds half to even (2.5 to 2, 3.5 to 4) to whole numbers. */
    public static Column bround(Column column)
    {
        return bround(column, 0);
    }

    public static Column bround(Column column, int scale)
    {
        return call(ScalarFunction.Name.BROUND, column, lit(scale));
    }

    public static Column floor(Column column)
    {
        return call(ScalarFunction.Name.FLOOR, column);
    }

    public static Column ceil(Column column)
    {
        return call(ScalarFunction.Name.CEIL, column);
    }

    public static Column sqrt(Column column)
    {
        return call(ScalarFunction.Name.SQRT, column);
    }

    public static Column exp(Column column)
    {
        return call(ScalarFunction.Name.EXP, column);
    }

    /** The natural logarithm; null for zero and negative numbers. */
    public static Column ln(Column column)
    {
        return call(ScalarFunction.Name.LN, column);
    }

    /** The natural logarithm, as {@link #ln}. */
    public static Column log(Column column)
    {
        return ln(column);
    }

    public static Column log(double base, Column column)
    {
        return call(ScalarFunction.Name.LOG, lit(base), column);
    }

    public static Column log10(Column column)
    {
        return call(ScalarFunction.Name.LOG10, column);
    }

    public static Column pow(Column base, Column exponent)
    {
        return call(ScalarFunction.Name.POW, base, exponent);
    }

    public static Column pow(Column base, double exponent)
    {
        return pow(base, lit(exponent));
    }

    /** The remainder that is never negative for a positive divisor; null for a divisor of zero. */
    public static Column pmod(Column dividend, Column divisor)
    {
        return call(ScalarFunction.Name.PMOD, dividend, divisor);
    }

    /** -1.0, 0.0 or 1.0 as the number is negative, zero or positive. */
    public static Column signum(Column column)
    {
        return call(ScalarFunction.Name.SIGNUM, column);
    }

    /** The largest value of each row, skipping nulls; null only when all are. */
    public static Column greatest(Column... columns)
    {
        return call(ScalarFunction.Name.GREATEST, columns);
    }

    /** The smallest value of each row, skipping nulls; null only when all are. */
    public static Column least(Column... columns)
    {
        return call(ScalarFunction.Name.LEAST, columns);
    }

    /** {@code column}, or {@code replacement} where it is null. */
    public static Column nvl(Column column, Column replacement)
    {
        return call(ScalarFunction.Name.NVL, column, replacement);
    }

    public static Column ifnull(Column column, Column replacement)
    {
        return call(ScalarFunction.Name.IFNULL, column, replacement);
    }

    /** Null where {@code column} equals {@code other}, else {@code column}. */
    public static Column nullif(Column column, Column other)
    {
        return call(ScalarFunction.Name.NULLIF, column, other);
    }

    /** {@code ifNotNull} where {@code column} is not null, else {@code ifNull}. */
    public static Column nvl2(Column column, Column ifNotNull, Column ifNull)
    {
        return call(ScalarFunction.Name.NVL2, column, ifNotNull, ifNull);
    }

    /** Every occurrence of {@code search} replaced by {@code replacement}. */
    public static Column replace(Column column, Column search, Column replacement)
    {
        return call(ScalarFunction.Name.REPLACE, column, search, replacement);
    }

    /** Every occurrence of {@code search} removed. */
    public static Column replace(Column column, Column search)
    {
        return call(ScalarFunction.Name.REPLACE, column, search);
    }

    /** Every match of the Java regular expression replaced; {@code $1} in the replacement names a group. */
    public static Column regexp_replace(Column column, String regex, String replacement)
    {
        return call(ScalarFunction.Name.REGEXP_REPLACE, column, lit(regex), lit(replacement));
    }

    /** Group {@code group} of the first match (0 for the whole match), or "" where nothing matches. */
    public static Column regexp_extract(Column column, String regex, int group)
    {
        return call(ScalarFunction.Name.REGEXP_EXTRACT, column, lit(regex), lit(group));
    }

    /** The string padded on the left with {@code pad} to {@code length} characters, or cut to them. */
    public static Column lpad(Column column, int length, String pad)
    {
        return call(ScalarFunction.Name.LPAD, column, lit(length), lit(pad));
    }

    /** The string padded on the right with {@code pad} to {@code length} characters, or cut to them. */
    public static Column rpad(Column column, int length, String pad)
    {
        return call(ScalarFunction.Name.RPAD, column, lit(length), lit(pad));
    }

    /** Removes leading spaces. */
    public static Column ltrim(Column column)
    {
        return call(ScalarFunction.Name.LTRIM, column);
    }

    /** Removes trailing spaces. */
    public static Column rtrim(Column column)
    {
        return call(ScalarFunction.Name.RTRIM, column);
    }

    /** The 1-based character position of the first {@code substring}, or 0. */
    public static Column instr(Column column, String substring)
    {
        return call(ScalarFunction.Name.INSTR, column, lit(substring));
    }

    /** The 1-based character position of the first {@code substring} in {@code column}, or 0. */
    public static Column locate(String substring, Column column)
    {
        return locate(substring, column, 1);
    }

    /** As {@link #locate(String, Column)}, looking from character {@code position} on. */
    public static Column locate(String substring, Column column, int position)
    {
        return call(ScalarFunction.Name.LOCATE, lit(substring), column, lit(position));
    }

    /** The strings joined with {@code separator} between them, skipping nulls. */
    public static Column concat_ws(String separator, Column... columns)
    {
        Column[] arguments = new Column[columns.length + 1];
        arguments[0] = lit(separator);
        System.arraycopy(columns, 0, arguments, 1, columns.length);
        return call(ScalarFunction.Name.CONCAT_WS, arguments);
    }

    /** Each word's first letter in upper case, the others in lower case; words are separated by spaces. */
    public static Column initcap(Column column)
    {
        return call(ScalarFunction.Name.INITCAP, column);
    }

    /** The characters in reverse order. */
    public static Column reverse(Column column)
    {
        return call(ScalarFunction.Name.REVERSE, column);
    }

    public static Column repeat(Column column, int count)
    {
        return call(ScalarFunction.Name.REPEAT, column, lit(count));
    }

    /** The first {@code length} characters. */
    public static Column left(Column column, int length)
    {
        return call(ScalarFunction.Name.LEFT, column, lit(length));
    }

    /** The last {@code length} characters. */
    public static Column right(Column column, int length)
    {
        return call(ScalarFunction.Name.RIGHT, column, lit(length));
    }

    /** The date {@code months} months later, its day cut to the month's last day where the month is shorter. */
    public static Column add_months(Column start, int months)
    {
        return call(ScalarFunction.Name.ADD_MONTHS, start, lit(months));
    }

    public static Column add_months(Column start, Column months)
    {
        return call(ScalarFunction.Name.ADD_MONTHS, start, months);
    }

    /**
     * Months from {@code start} to {@code end}: whole when both are the same day of the month or both a month's
     * last day, else with the difference of days over 31, rounded to 8 digits.
     */
    public static Column months_between(Column end, Column start)
    {
        return call(ScalarFunction.Name.MONTHS_BETWEEN, end, start);
    }

    /** As {@link #months_between(Column, Column)}, rounded to 8 digits only when {@code roundOff}. */
    public static Column months_between(Column end, Column start, boolean roundOff)
    {
        return call(ScalarFunction.Name.MONTHS_BETWEEN, end, start, lit(roundOff));
    }

    public static Column last_day(Column column)
    {
        return call(ScalarFunction.Name.LAST_DAY, column);
    }

    /** The date cut to the first day of its year, quarter, month or week ('year', 'yy', 'quarter', 'month', 'mm', 'mon', 'week'). */
    public static Column trunc(Column date, String unit)
    {
        return call(ScalarFunction.Name.TRUNC, date, lit(unit));
    }

    /** The start of the {@code unit} ('year' to 'second') the date or timestamp is in, as a timestamp. */
    public static Column date_trunc(String unit, Column column)
    {
        return call(ScalarFunction.Name.DATE_TRUNC, lit(unit), column);
    }

    public static Column quarter(Column column)
    {
        return call(ScalarFunction.Name.QUARTER, column);
    }

    /** 1 for Sunday to 7 for Saturday. */
    public static Column dayofweek(Column column)
    {
        return call(ScalarFunction.Name.DAY_OF_WEEK, column);
    }

    public static Column dayofyear(Column column)
    {
        return call(ScalarFunction.Name.DAY_OF_YEAR, column);
    }

    /** The ISO 8601 week: weeks start on Monday, and week 1 holds the year's first Thursday. */
    public static Column weekofyear(Column column)
    {
        return call(ScalarFunction.Name.WEEK_OF_YEAR, column);
    }

    /** The date or timestamp as text in a Spark datetime pattern such as {@code yyyy-MM-dd HH:mm:ss} or {@code EEE, d MMM}. */
    public static Column date_format(Column column, String pattern)
    {
        return call(ScalarFunction.Name.DATE_FORMAT, column, lit(pattern));
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
