package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;

import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/** {@code CAST(child AS type)}; the analyzer also inserts casts to reconcile operand types. */
public final class Cast
        extends Expression
{
    private final Expression child;
    private final DataType targetType;

    public Cast(Expression child, DataType targetType)
    {
        this.child = requireNonNull(child, "child is null");
        this.targetType = requireNonNull(targetType, "targetType is null");
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
        return new Cast(children.get(0), targetType);
    }

    @Override
    public DataType type()
    {
        return targetType;
    }

    @Override
    public boolean nullable()
    {
        // a string that does not parse, or a value that does not fit a decimal, casts to null
        if (!child.resolved()) {
            return true;
        }
        boolean mayFail = !child.type().equals(targetType)
                && ((child.type().kind() == TypeKind.STRING && targetType.kind() != TypeKind.STRING) || targetType.kind() == TypeKind.DECIMAL);
        return child.nullable() || mayFail;
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitCast(this, context);
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof Cast other && child.equals(other.child) && targetType.equals(other.targetType);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(child, targetType);
    }

    @Override
    public String defaultName()
    {
        return "CAST(" + child.defaultName() + " AS " + targetType.sqlName().toUpperCase() + ")";
    }

    @Override
    public String toString()
    {
        return "cast(" + child + " as " + targetType.sqlName() + ")";
    }
}
