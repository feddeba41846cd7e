package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * A function evaluated over a window: a {@link WindowFunction} or an {@link AggregateCall}, computed for
 * each row over the rows of its partition ({@code partitionKeys}) in {@code orderKeys} order that its
 * {@code frame} selects (ranking and offset functions ignore the frame). Children: the function, then the
 * partition keys, then the order keys' expressions.
 */
public final class WindowExpression
        extends Expression
{
    private final Expression function;
    private final List<Expression> partitionKeys;
    private final List<SortOrder> orderKeys;
    private final WindowFrame frame;

    public WindowExpression(Expression function, List<Expression> partitionKeys, List<SortOrder> orderKeys, WindowFrame frame)
    {
        this.function = requireNonNull(function, "function is null");
        this.partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        this.orderKeys = List.copyOf(requireNonNull(orderKeys, "orderKeys is null"));
        this.frame = requireNonNull(frame, "frame is null");
    }

    public Expression function()
    {
        return function;
    }

    public List<Expression> partitionKeys()
    {
        return partitionKeys;
    }

    public List<SortOrder> orderKeys()
    {
        return orderKeys;
    }

    public WindowFrame frame()
    {
        return frame;
    }

    @Override
    public List<Expression> children()
    {
        List<Expression> children = new ArrayList<>(1 + partitionKeys.size() + orderKeys.size());
        children.add(function);
        children.addAll(partitionKeys);
        orderKeys.forEach(order -> children.add(order.expression()));
        return children;
    }

    @Override
    public Expression withChildren(List<Expression> children)
    {
        int p = partitionKeys.size();
        List<SortOrder> orders = new ArrayList<>(orderKeys.size());
        for (int i = 0; i < orderKeys.size(); i++) {
            orders.add(orderKeys.get(i).withExpression(children.get(1 + p + i)));
        }
        return new WindowExpression(children.get(0), children.subList(1, 1 + p), orders, frame);
    }

    @Override
    public DataType type()
    {
        return function.type();
    }

    @Override
    public boolean nullable()
    {
        return function.nullable();
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitWindowExpression(this, context);
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof WindowExpression other && function.equals(other.function) && partitionKeys.equals(other.partitionKeys)
                && orderKeys.equals(other.orderKeys) && frame.equals(other.frame);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(function, partitionKeys, orderKeys, frame);
    }

    @Override
    public String defaultName()
    {
        return function.defaultName() + " OVER (" + spec(Expression::defaultName) + ")";
    }

    @Override
    public String toString()
    {
        return function + " OVER (" + spec(Expression::toString) + ")";
    }

    private String spec(java.util.function.Function<Expression, String> name)
    {
        StringBuilder out = new StringBuilder();
        if (!partitionKeys.isEmpty()) {
            out.append("PARTITION BY ").append(String.join(", ", partitionKeys.stream().map(name).toList())).append(' ');
        }
        if (!orderKeys.isEmpty()) {
            out.append("ORDER BY ").append(String.join(", ", orderKeys.stream()
                    .map(o -> name.apply(o.expression()) + (o.ascending() ? " ASC" : " DESC") + (o.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"))
                    .toList())).append(' ');
        }
        return out.append(frame).toString();
    }
}
