package io.spindle.planner.physical;

import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a known row order meets a required one, and how an order reads after an operator moves its columns.
 * Keys are compared as {@link PartitionKeys} compares partitioning keys: an int widened to a long keeps its
 * order as it keeps its value.
 */
final class Orderings
{
    private Orderings()
    {
    }

    /** Whether rows ordered by {@code actual} are ordered by {@code required}: {@code required} is a prefix of it. */
    static boolean satisfies(List<SortOrder> actual, List<SortOrder> required)
    {
        if (required.size() > actual.size()) {
            return false;
        }
        for (int i = 0; i < required.size(); i++) {
            SortOrder have = actual.get(i);
            SortOrder want = required.get(i);
            if (have.ascending() != want.ascending() || have.nullsFirst() != want.nullsFirst()
                    || !PartitionKeys.sameKey(have.expression(), want.expression())) {
                return false;
            }
        }
        return true;
    }

    /** Ascending order, nulls first, on each key in turn: what a sort-merge join needs of each input. */
    static List<SortOrder> ascending(List<Expression> keys)
    {
        return keys.stream().map(SortOrder::ascending).toList();
    }

    /**
     * The child's order on the output of an operator whose column {@code i} is {@code outputs.get(i)}: the longest
     * prefix whose keys are all among the outputs.
     */
    static List<SortOrder> throughOutputs(List<SortOrder> child, List<? extends Expression> outputs)
    {
        List<SortOrder> kept = new ArrayList<>();
        for (SortOrder order : child) {
            int position = -1;
            for (int i = 0; i < outputs.size() && position < 0; i++) {
                if (PartitionKeys.sameKey(order.expression(), outputs.get(i))) {
                    position = i;
                }
            }
            if (position < 0) {
                break;
            }
            Expression output = outputs.get(position);
            kept.add(order.withExpression(new ColumnRef(position, output.defaultName(), output.type(), output.nullable())));
        }
        return List.copyOf(kept);
    }

    /** The order with its key columns moved {@code offset} positions right, as a join's right side lies in its output. */
    static List<SortOrder> shifted(List<SortOrder> orders, int offset)
    {
        return orders.stream()
                .map(order -> order.withExpression(order.expression().transformUp(e -> e instanceof ColumnRef ref ? ref.withIndex(ref.index() + offset) : e)))
                .toList();
    }
}
