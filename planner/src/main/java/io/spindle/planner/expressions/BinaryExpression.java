package io.spindle.planner.expressions;

import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/** An expression of two operands and an operator; subclasses give the operator and the type rules. */
public abstract class BinaryExpression
        extends Expression
{
    private final Expression left;
    private final Expression right;

    protected BinaryExpression(Expression left, Expression right)
    {
        this.left = requireNonNull(left, "left is null");
        this.right = requireNonNull(right, "right is null");
    }

    public final Expression left()
    {
        return left;
    }

    public final Expression right()
    {
        return right;
    }

    /** The operator as it is printed between the operands. */
    protected abstract String symbol();

    /** The operator itself, for equality. */
    protected abstract Object operatorKey();

    @Override
    public final List<Expression> children()
    {
        return List.of(left, right);
    }

    @Override
    public boolean nullable()
    {
        return left.nullable() || right.nullable();
    }

    @Override
    public boolean equals(Object o)
    {
        return o != null && o.getClass() == getClass() && operatorKey() == ((BinaryExpression) o).operatorKey()
                && left.equals(((BinaryExpression) o).left) && right.equals(((BinaryExpression) o).right);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(getClass(), operatorKey(), left, right);
    }

    @Override
    public String defaultName()
    {
        return "(" + left.defaultName() + " " + symbol() + " " + right.defaultName() + ")";
    }

    @Override
    public String toString()
    {
        return "(" + left + " " + symbol() + " " + right + ")";
    }
}
