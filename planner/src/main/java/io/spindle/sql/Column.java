package io.spindle.sql;

import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.CaseWhen;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.expressions.ScalarFunction;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.types.DataType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A column expression of the DataFrame API, as in Spark: built with {@link functions#col} and
 * {@link functions#lit}, combined with the methods below, resolved when a DataFrame uses it.
 * Plain Java values given to these methods become literals.
 */
public final class Column
{
    private final Expression expression;
    private final SortOrder order;

    public Column(Expression expression)
    {
        this(expression, null);
    }

    private Column(Expression expression, SortOrder order)
    {
        this.expression = requireNonNull(expression, "expression is null");
        this.order = order;
    }

    public Expression expression()
    {
        return expression;
    }

    /** The ordering this column asks for: ascending unless {@link #desc()} was called. */
    public SortOrder sortOrder()
    {
        return order != null ? order : SortOrder.ascending(expression);
    }

    static Expression toExpression(Object value)
    {
        if (value instanceof Column column) {
            return column.expression;
        }
        return Literal.of(value);
    }

    private Column arithmetic(Arithmetic.Operator operator, Object other)
    {
        return new Column(Arithmetic.unresolved(operator, expression, toExpression(other)));
    }

    private Column compare(Comparison.Operator operator, Object other)
    {
        return new Column(new Comparison(operator, expression, toExpression(other)));
    }

    public Column plus(Object other)
    {
        return arithmetic(Arithmetic.Operator.ADD, other);
    }

    public Column minus(Object other)
    {
        return arithmetic(Arithmetic.Operator.SUBTRACT, other);
    }

    public Column multiply(Object other)
    {
        return arithmetic(Arithmetic.Operator.MULTIPLY, other);
    }

    public Column divide(Object other)
    {
        return arithmetic(Arithmetic.Operator.DIVIDE, other);
    }

    public Column mod(Object other)
    {
        return arithmetic(Arithmetic.Operator.MODULO, other);
    }

    public Column equalTo(Object other)
    {
        return compare(Comparison.Operator.EQUAL, other);
    }

    public Column notEqual(Object other)
    {
        return compare(Comparison.Operator.NOT_EQUAL, other);
    }

    public Column lt(Object other)
    {
        return compare(Comparison.Operator.LESS_THAN, other);
    }

    public Column leq(Object other)
    {
        return compare(Comparison.Operator.LESS_THAN_OR_EQUAL, other);
    }

    public Column gt(Object other)
    {
        return compare(Comparison.Operator.GREATER_THAN, other);
    }

    public Column geq(Object other)
    {
        return compare(Comparison.Operator.GREATER_THAN_OR_EQUAL, other);
    }

    /** {@code lower <= this <= upper}. */
    public Column between(Object lower, Object upper)
    {
        return geq(lower).and(leq(upper));
    }

    public Column and(Column other)
    {
        return new Column(Logical.and(expression, other.expression));
    }

    public Column or(Column other)
    {
        return new Column(Logical.or(expression, other.expression));
    }

    public Column not()
    {
        return new Column(new Not(expression));
    }

    public Column isNull()
    {
        return new Column(new IsNull(expression));
    }

    public Column isNotNull()
    {
        return new Column(new Not(new IsNull(expression)));
    }

    /** {@code this IN (values...)}: true when equal to one; null (not false) when not found and this or a value is null. */
    public Column isin(Object... values)
    {
        if (values.length == 0) {
            throw new IllegalArgumentException("isin needs at least one value");
        }
        Column result = null;
        for (Object value : values) {
            Column equal = equalTo(value);
            result = result == null ? equal : result.or(equal);
        }
        return result;
    }

    /** SQL LIKE: {@code %} matches any run of characters, {@code _} exactly one, {@code \\} escapes the next. */
    public Column like(String pattern)
    {
        return function(ScalarFunction.Name.LIKE, Literal.of(pattern));
    }

    /** True when the Java regular expression {@code regex} matches somewhere in this string. */
    public Column rlike(String regex)
    {
        return function(ScalarFunction.Name.RLIKE, Literal.of(regex));
    }

    public Column startsWith(String prefix)
    {
        return function(ScalarFunction.Name.STARTS_WITH, Literal.of(prefix));
    }

    public Column endsWith(String suffix)
    {
        return function(ScalarFunction.Name.ENDS_WITH, Literal.of(suffix));
    }

    public Column contains(String infix)
    {
        return function(ScalarFunction.Name.CONTAINS, Literal.of(infix));
    }

    private Column function(ScalarFunction.Name name, Expression argument)
    {
        return new Column(new ScalarFunction(name, List.of(expression, argument)));
    }

    /** Adds a branch to a column made by {@link functions#when}. */
    public Column when(Column condition, Object value)
    {
        if (!(expression instanceof CaseWhen caseWhen) || caseWhen.elseValue().isPresent()) {
            throw new IllegalArgumentException("when() can follow only functions.when(...) or another when(...), before otherwise()");
        }
        return new Column(caseWhen.addBranch(condition.expression, toExpression(value)));
    }

    /** The value of a column made by {@link functions#when} when no branch holds. */
    public Column otherwise(Object value)
    {
        if (!(expression instanceof CaseWhen caseWhen) || caseWhen.elseValue().isPresent()) {
            throw new IllegalArgumentException("otherwise() can follow only functions.when(...) or when(...), once");
        }
        return new Column(caseWhen.withElse(toExpression(value)));
    }

    public Column cast(DataType type)
    {
        return new Column(new Cast(expression, type));
    }

    public Column as(String name)
    {
        return new Column(new Alias(expression, name));
    }

    public Column alias(String name)
    {
        return as(name);
    }

    /** This function computed over {@code window}, as Spark's {@code over}: a window function or an aggregate. */
    public Column over(io.spindle.sql.expressions.WindowSpec window)
    {
        return new Column(new io.spindle.planner.expressions.WindowExpression(
                expression, window.partitionKeys(), window.orderKeys(), window.effectiveFrame()));
    }

    public Column asc()
    {
        return new Column(expression, SortOrder.ascending(expression));
    }

    public Column desc()
    {
        return new Column(expression, SortOrder.descending(expression));
    }

    public Column asc_nulls_first()
    {
        return new Column(expression, new SortOrder(expression, true, true));
    }

    public Column asc_nulls_last()
    {
        return new Column(expression, new SortOrder(expression, true, false));
    }

    public Column desc_nulls_first()
    {
        return new Column(expression, new SortOrder(expression, false, true));
    }

    public Column desc_nulls_last()
    {
        return new Column(expression, new SortOrder(expression, false, false));
    }

    @Override
    public String toString()
    {
        return expression.defaultName();
    }
}
