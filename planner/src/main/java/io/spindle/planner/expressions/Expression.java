package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.io.Serializable;
import java.util.List;
import java.util.function.Function;

/**
 * A scalar expression tree. Nodes are immutable. An expression built by the DataFrame API starts unresolved
 * (names, no types); the analyzer turns it into a resolved tree where every node has a type and every column
 * is a {@link ColumnRef} bound to a position of its input.
 */
public abstract class Expression
        implements Serializable
{
    public abstract List<Expression> children();

    /** A copy of this node with the given children, in the order of {@link #children()}. */
    public abstract Expression withChildren(List<Expression> children);

    /** The result type; only valid once {@link #resolved()}. */
    public abstract DataType type();

    public abstract boolean nullable();

    public abstract <R, C> R accept(ExpressionVisitor<R, C> visitor, C context);

    public boolean resolved()
    {
        for (Expression child : children()) {
            if (!child.resolved()) {
                return false;
            }
        }
        return true;
    }

    /** Rewrites the tree bottom-up: children first, then {@code rewriter} on the rebuilt node. */
    public final Expression transformUp(Function<Expression, Expression> rewriter)
    {
        List<Expression> children = children();
        Expression node = this;
        if (!children.isEmpty()) {
            List<Expression> rewritten = children.stream().map(c -> c.transformUp(rewriter)).toList();
            if (!rewritten.equals(children)) {
                node = withChildren(rewritten);
            }
        }
        return rewriter.apply(node);
    }

    /** True when this node or any descendant satisfies {@code test}. */
    public final boolean anyMatch(java.util.function.Predicate<Expression> test)
    {
        if (test.test(this)) {
            return true;
        }
        for (Expression child : children()) {
            if (child.anyMatch(test)) {
                return true;
            }
        }
        return false;
    }

    /** The name a column computed by this expression gets when the user gives none, as Spark names it. */
    public String defaultName()
    {
        return toString();
    }
}
