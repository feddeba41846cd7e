package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/** Names the column that {@code child} computes. */
public final class Alias
        extends Expression
{
    private final Expression child;
    private final String name;

    public Alias(Expression child, String name)
    {
        this.child = requireNonNull(child, "child is null");
        this.name = requireNonNull(name, "name is null");
    }

    public Expression child()
    {
        return child;
    }

    public String name()
    {
        return name;
    }

    @Override
    public List<Expression> children()
    {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children)
    {
        return new Alias(children.get(0), name);
    }

    @Override
    public DataType type()
    {
        return child.type();
    }

    @Override
    public boolean nullable()
    {
        return child.nullable();
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitAlias(this, context);
    }

    @Override
    public String defaultName()
    {
        return name;
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof Alias other && child.equals(other.child) && name.equals(other.name);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(child, name);
    }

    @Override
    public String toString()
    {
        return child + " AS " + name;
    }
}
