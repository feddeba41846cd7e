package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code child IS NULL}; never null itself. */
public final class IsNull
        extends Expression
{
    private final Expression child;

    public IsNull(Expression child)
    {
        this.child = requireNonNull(child, "child is null");
    }

    public Expression child()
    {
        return child;
    }

    @Override
    public List<Expression> children()
    {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children)
    {
        return new IsNull(children.get(0));
    }

    @Override
    public DataType type()
    {
        return DataType.BOOLEAN;
    }

    @Override
    public boolean nullable()
    {
        return false;
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitIsNull(this, context);
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof IsNull other && child.equals(other.child);
    }

    @Override
    public int hashCode()
    {
        return 31 * getClass().hashCode() + child.hashCode();
    }

    @Override
    public String defaultName()
    {
        return "isnull(" + child.defaultName() + ")";
    }

    @Override
    public String toString()
    {
        return "isnull(" + child + ")";
    }
}
