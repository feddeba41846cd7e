package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** An aggregate function applied to one argument, or to none for {@code count(*)}. */
public final class AggregateCall
        extends Expression
{
    private final AggregateFunction function;
    private final Optional<Expression> argument;

    public AggregateCall(AggregateFunction function, Optional<Expression> argument)
    {
        this.function = requireNonNull(function, "function is null");
        this.argument = requireNonNull(argument, "argument is null");
        if (function == AggregateFunction.COUNT_STAR != argument.isEmpty()) {
            throw new IllegalArgumentException("count(*) alone takes no argument");
        }
    }

    public AggregateFunction function()
    {
        return function;
    }

    public Optional<Expression> argument()
    {
        return argument;
    }

    @Override
    public List<Expression> children()
    {
        return argument.map(List::of).orElse(List.of());
    }

    @Override
    public Expression withChildren(List<Expression> children)
    {
        return new AggregateCall(function, children.isEmpty() ? Optional.empty() : Optional.of(children.get(0)));
    }

    public DataType argumentType()
    {
        return argument.map(Expression::type).orElse(DataType.LONG);
    }

    @Override
    public DataType type()
    {
        return function.resultType(argumentType());
    }

    @Override
    public boolean nullable()
    {
        return function != AggregateFunction.COUNT && function != AggregateFunction.COUNT_STAR && function != AggregateFunction.COUNT_DISTINCT;
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitAggregateCall(this, context);
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof AggregateCall other && function == other.function && argument.equals(other.argument);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(function, argument);
    }

    @Override
    public String defaultName()
    {
        String distinct = function.isDistinct() ? "DISTINCT " : "";
        return function.sqlName() + "(" + distinct + argument.map(Expression::defaultName).orElse("1") + ")";
    }

    @Override
    public String toString()
    {
        String distinct = function.isDistinct() ? "DISTINCT " : "";
        return function.sqlName() + "(" + distinct + argument.map(Expression::toString).orElse("*") + ")";
    }
}
