package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code left AND right} or {@code left OR right}, with SQL's three-valued logic. */
public final class Logical
        extends BinaryExpression
{
    public enum Operator
    {
        AND, OR
    }

    private final Operator operator;

    public Logical(Operator operator, Expression left, Expression right)
    {
        super(left, right);
        this.operator = requireNonNull(operator, "operator is null");
    }

    public static Logical and(Expression left, Expression right)
    {
        return new Logical(Operator.AND, left, right);
    }

    public static Logical or(Expression left, Expression right)
    {
        return new Logical(Operator.OR, left, right);
    }

    public Operator operator()
    {
        return operator;
    }

    @Override
    protected String symbol()
    {
        return operator.name();
    }

    @Override
    protected Object operatorKey()
    {
        return operator;
    }

    @Override
    public Expression withChildren(List<Expression> children)
    {
        return new Logical(operator, children.get(0), children.get(1));
    }

    @Override
    public DataType type()
    {
        return DataType.BOOLEAN;
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitLogical(this, context);
    }
}
