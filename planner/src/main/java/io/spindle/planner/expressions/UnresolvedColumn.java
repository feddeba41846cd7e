package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A column named by the user, not yet looked up in a schema. {@code *} stands for every column. */
public final class UnresolvedColumn
        extends Expression
{
    private final String name;

    public UnresolvedColumn(String name)
    {
        this.name = requireNonNull(name, "name is null");
    }

    public String name()
    {
        return name;
    }

    @Override
    public List<Expression> children()
    {
        return List.of();
    }

    @Override
    public Expression withChildren(List<Expression> children)
    {
        return this;
    }

    @Override
    public boolean resolved()
    {
        return false;
    }

    @Override
    public DataType type()
    {
        throw new IllegalStateException("column '" + name + "' is not resolved yet");
    }

    @Override
    public boolean nullable()
    {
        return true;
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitUnresolvedColumn(this, context);
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof UnresolvedColumn other && name.equals(other.name);
    }

    @Override
    public int hashCode()
    {
        return name.hashCode();
    }

    @Override
    public String toString()
    {
        return name;
    }
}
