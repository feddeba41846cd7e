package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/** A resolved column: position {@code index} of the operator's input. The name is kept for plans and errors. */
public final class ColumnRef
        extends Expression
{
    private final int index;
    private final String name;
    private final DataType type;
    private final boolean nullable;

    public ColumnRef(int index, String name, DataType type, boolean nullable)
    {
        if (index < 0) {
            throw new IllegalArgumentException("index is negative: " + index);
        }
        this.index = index;
        this.name = requireNonNull(name, "name is null");
        this.type = requireNonNull(type, "type is null");
        this.nullable = nullable;
    }

    public int index()
    {
        return index;
    }

    public String name()
    {
        return name;
    }

    public ColumnRef withIndex(int newIndex)
    {
        return new ColumnRef(newIndex, name, type, nullable);
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
    public DataType type()
    {
        return type;
    }

    @Override
    public boolean nullable()
    {
        return nullable;
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitColumnRef(this, context);
    }

    @Override
    public String defaultName()
    {
        return name;
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof ColumnRef other && index == other.index && name.equals(other.name)
                && type.equals(other.type) && nullable == other.nullable;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(index, name, type);
    }

    @Override
    public String toString()
    {
        return name + "#" + index;
    }
}
