package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.ExpressionVisitor;
import io.spindle.planner.types.DataType;

import java.util.List;

/** An expression kind the rules do not know, standing for one added later (say, a random number). */
final class OpaqueExpression
        extends Expression
{
    private final Expression child;

    OpaqueExpression(Expression child)
    {
        this.child = child;
    }

    @Override
    public List<Expression> children()
    {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children)
    {
        return new OpaqueExpression(children.get(0));
    }

    @Override
    public DataType type()
    {
        return child.type();
    }

    @Override
    public boolean nullable()
    {
        return false;
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitExpression(this, context);
    }

    @Override
    public String toString()
    {
        return "opaque(" + child + ")";
    }
}
