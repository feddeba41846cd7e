package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * {@code left op right} over numbers. Unresolved until the analyzer has coerced both sides to one type and
 * set {@code resultType} (Spark's rules, including decimal precision and scale).
 */
public final class Arithmetic
        extends BinaryExpression
{
    public enum Operator
    {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MODULO("%");

        private final String symbol;

        Operator(String symbol)
        {
            this.symbol = symbol;
        }

        public String symbol()
        {
            return symbol;
        }
    }

    private final Operator operator;
    private final DataType resultType;

    public Arithmetic(Operator operator, Expression left, Expression right, DataType resultType)
    {
        super(left, right);
        this.operator = requireNonNull(operator, "operator is null");
        this.resultType = resultType;
    }

    public static Arithmetic unresolved(Operator operator, Expression left, Expression right)
    {
        return new Arithmetic(operator, left, right, null);
    }

    public Operator operator()
    {
        return operator;
    }

    @Override
    protected String symbol()
    {
        return operator.symbol();
    }

    @Override
    protected Object operatorKey()
    {
        return operator;
    }

    @Override
    public Expression withChildren(List<Expression> children)
    {
        return new Arithmetic(operator, children.get(0), children.get(1), resultType);
    }

    public Arithmetic withResultType(DataType type)
    {
        return new Arithmetic(operator, left(), right(), type);
    }

    @Override
    public boolean resolved()
    {
        return resultType != null && super.resolved();
    }

    @Override
    public DataType type()
    {
        if (resultType == null) {
            throw new IllegalStateException("arithmetic " + this + " is not resolved yet");
        }
        return resultType;
    }

    @Override
    public boolean nullable()
    {
        // division by zero yields null, as in Spark's default (non-ANSI) mode
        return super.nullable() || operator == Operator.DIVIDE || operator == Operator.MODULO;
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitArithmetic(this, context);
    }

    @Override
    public boolean equals(Object o)
    {
        return super.equals(o) && Objects.equals(resultType, ((Arithmetic) o).resultType);
    }

    @Override
    public int hashCode()
    {
        return super.hashCode();
    }
}
