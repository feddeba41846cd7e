package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/** {@code left AND right} or {@code left OR right}, with SQL's three-valued logic. */
public final class Logical
        extends Expression
{
    public enum Operator
    {
        AND, OR
    }

    private final Operator operator;
    private final Expression left;
    private final Expression right;

    public Logical(Operator operator, Expression left, Expression right)
    {
        this.operator = requireNonNull(operator, "operator is null");
        this.left = requireNonNull(left, "left is null");
        this.right = requireNonNull(right, "right is null");
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

    public Expression left()
    {
        return left;
    }

    public Expression right()
    {
        return right;
    }

    @Override
    public List<Expression> children()
    {
        return List.of(left, right);
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
    public boolean nullable()
    {
        return left.nullable() || right.nullable();
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitLogical(this, context);
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof Logical other && operator == other.operator && left.equals(other.left) && right.equals(other.right);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(operator, left, right);
    }

    @Override
    public String defaultName()
    {
        return "(" + left.defaultName() + " " + operator + " " + right.defaultName() + ")";
    }

    @Override
    public String toString()
    {
        return "(" + left + " " + operator + " " + right + ")";
    }
}
