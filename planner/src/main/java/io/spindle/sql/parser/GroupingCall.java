package io.spindle.sql.parser;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.ExpressionVisitor;
import io.spindle.planner.types.DataType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code grouping(col)} or {@code grouping_id(cols...)} as parsed: which grouping set produced a row of a
 * {@code GROUP BY ROLLUP | CUBE | GROUPING SETS} query. The parser replaces it with an expression over the
 * grouping id once the sets are known; it never reaches the analyzer.
 */
final class GroupingCall
        extends Expression
{
    private final List<Expression> columns;
    private final boolean id;

    GroupingCall(List<Expression> columns, boolean id)
    {
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.id = id;
    }

    /** The columns asked about; for {@code grouping_id()} without arguments, empty (meaning all keys). */
    List<Expression> columns()
    {
        return columns;
    }

    /** True for {@code grouping_id}, a bigint of one bit per column; false for {@code grouping}, an int 0 or 1. */
    boolean id()
    {
        return id;
    }

    @Override
    public List<Expression> children()
    {
        return columns;
    }

    @Override
    public Expression withChildren(List<Expression> children)
    {
        return new GroupingCall(children, id);
    }

    @Override
    public boolean resolved()
    {
        return false;
    }

    @Override
    public DataType type()
    {
        return id ? DataType.LONG : DataType.INT;
    }

    @Override
    public boolean nullable()
    {
        return false;
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitExpression(this, context);
    }

    @Override
    public String defaultName()
    {
        return (id ? "grouping_id(" : "grouping(") + String.join(", ", columns.stream().map(Expression::defaultName).toList()) + ")";
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof GroupingCall other && columns.equals(other.columns) && id == other.id;
    }

    @Override
    public int hashCode()
    {
        return columns.hashCode() * 31 + (id ? 1 : 0);
    }
}
