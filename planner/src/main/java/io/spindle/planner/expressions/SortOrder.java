package io.spindle.planner.expressions;

import java.io.Serializable;

import static java.util.Objects.requireNonNull;

/** One key of an ordering. Spark's defaults: nulls first when ascending, last when descending. */
public record SortOrder(Expression expression, boolean ascending, boolean nullsFirst)
        implements Serializable
{
    public SortOrder
    {
        requireNonNull(expression, "expression is null");
    }

    public static SortOrder ascending(Expression expression)
    {
        return new SortOrder(expression, true, true);
    }

    public static SortOrder descending(Expression expression)
    {
        return new SortOrder(expression, false, false);
    }

    public SortOrder withExpression(Expression newExpression)
    {
        return new SortOrder(newExpression, ascending, nullsFirst);
    }

    @Override
    public String toString()
    {
        return expression + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }
}
