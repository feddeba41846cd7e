package io.spindle.planner.physical;

import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Logical;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A join condition split for hashing: the conjuncts {@code l = r} where one side reads only the left
 * input and the other only the right become key pairs ({@code rightKeys} renumbered to the right input's
 * own positions); every other conjunct stays in {@code residual}, over both inputs side by side.
 */
public record EquiJoinKeys(List<Expression> leftKeys, List<Expression> rightKeys, Optional<Expression> residual)
{
    public EquiJoinKeys
    {
        leftKeys = List.copyOf(leftKeys);
        rightKeys = List.copyOf(rightKeys);
    }

    public static EquiJoinKeys split(Optional<Expression> condition, int leftWidth)
    {
        List<Expression> leftKeys = new ArrayList<>();
        List<Expression> rightKeys = new ArrayList<>();
        Expression residual = null;
        List<Expression> conjuncts = new ArrayList<>();
        condition.ifPresent(c -> addConjuncts(c, conjuncts));
        for (Expression conjunct : conjuncts) {
            if (conjunct instanceof Comparison comparison && comparison.operator() == Comparison.Operator.EQUAL) {
                Expression a = comparison.children().get(0);
                Expression b = comparison.children().get(1);
                Side sideA = side(a, leftWidth);
                Side sideB = side(b, leftWidth);
                if (sideA == Side.LEFT && sideB == Side.RIGHT) {
                    leftKeys.add(a);
                    rightKeys.add(shift(b, leftWidth));
                    continue;
                }
                if (sideA == Side.RIGHT && sideB == Side.LEFT) {
                    leftKeys.add(b);
                    rightKeys.add(shift(a, leftWidth));
                    continue;
                }
            }
            residual = residual == null ? conjunct : Logical.and(residual, conjunct);
        }
        return new EquiJoinKeys(leftKeys, rightKeys, Optional.ofNullable(residual));
    }

    private enum Side
    {
        LEFT, RIGHT, NEITHER
    }

    private static Side side(Expression expression, int leftWidth)
    {
        BitSet columns = new BitSet();
        expression.anyMatch(e -> {
            if (e instanceof ColumnRef ref) {
                columns.set(ref.index());
            }
            return false;
        });
        if (columns.isEmpty()) {
            return Side.NEITHER;
        }
        if (columns.nextSetBit(leftWidth) < 0) {
            return Side.LEFT;
        }
        return columns.nextSetBit(0) >= leftWidth ? Side.RIGHT : Side.NEITHER;
    }

    private static void addConjuncts(Expression expression, List<Expression> into)
    {
        if (expression instanceof Logical logical && logical.operator() == Logical.Operator.AND) {
            addConjuncts(logical.children().get(0), into);
            addConjuncts(logical.children().get(1), into);
            return;
        }
        into.add(expression);
    }

    private static Expression shift(Expression expression, int offset)
    {
        return expression.transformUp(e -> e instanceof ColumnRef ref ? ref.withIndex(ref.index() - offset) : e);
    }
}
