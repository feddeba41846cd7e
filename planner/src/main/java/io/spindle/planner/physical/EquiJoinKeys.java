package io.spindle.planner.physical;

import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.ScalarFunction;
import io.spindle.planner.types.DataType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A join condition split for hashing: the conjuncts {@code l = r} where one side reads only the left
 * input and the other only the right become key pairs ({@code rightKeys} renumbered to the right input's
 * own positions); a null-safe equality ({@code l = r OR (l IS NULL AND r IS NULL)}) becomes two key pairs that
 * are never null; every other conjunct stays in {@code residual}, over both inputs side by side.
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
            Optional<Comparison> nullSafe = nullSafeEquality(conjunct);
            if (nullSafe.isPresent()) {
                Expression a = nullSafe.get().children().get(0);
                Expression b = nullSafe.get().children().get(1);
                Side sideA = side(a, leftWidth);
                Side sideB = side(b, leftWidth);
                if ((sideA == Side.LEFT && sideB == Side.RIGHT) || (sideA == Side.RIGHT && sideB == Side.LEFT)) {
                    Expression left = sideA == Side.LEFT ? a : b;
                    Expression right = sideA == Side.LEFT ? b : a;
                    // two keys that are never null: the value with nulls replaced, and whether it was null
                    leftKeys.add(nullReplaced(left));
                    rightKeys.add(shift(nullReplaced(right), leftWidth));
                    leftKeys.add(new IsNull(left));
                    rightKeys.add(shift(new IsNull(right), leftWidth));
                    continue;
                }
            }
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

    /**
     * The comparison {@code a = b} when {@code conjunct} is {@code a = b OR (a IS NULL AND b IS NULL)}, the null-safe
     * equality that set operations and joins of grouped results use (as Spark's {@code a <=> b}).
     */
    static Optional<Comparison> nullSafeEquality(Expression conjunct)
    {
        if (!(conjunct instanceof Logical or) || or.operator() != Logical.Operator.OR) {
            return Optional.empty();
        }
        Expression first = or.children().get(0);
        Expression second = or.children().get(1);
        for (int attempt = 0; attempt < 2; attempt++) {
            if (first instanceof Comparison equal && equal.operator() == Comparison.Operator.EQUAL
                    && second instanceof Logical and && and.operator() == Logical.Operator.AND
                    && and.children().get(0) instanceof IsNull p && and.children().get(1) instanceof IsNull q) {
                Expression a = withoutCasts(equal.children().get(0));
                Expression b = withoutCasts(equal.children().get(1));
                Expression x = withoutCasts(p.children().get(0));
                Expression y = withoutCasts(q.children().get(0));
                if ((a.equals(x) && b.equals(y)) || (a.equals(y) && b.equals(x))) {
                    return Optional.of(equal);
                }
            }
            Expression swap = first;
            first = second;
            second = swap;
        }
        return Optional.empty();
    }

    private static Expression withoutCasts(Expression expression)
    {
        return expression instanceof Cast cast ? withoutCasts(cast.children().get(0)) : expression;
    }

    /** {@code coalesce(key, v)} with a fixed value {@code v} of the key's type; {@code IsNull(key)} tells the two apart. */
    private static Expression nullReplaced(Expression key)
    {
        if (!key.nullable()) {
            return key;
        }
        DataType type = key.type();
        Object value = switch (type.kind()) {
            case BOOLEAN -> false;
            case INT -> 0;
            case LONG, TIMESTAMP -> 0L;
            case DOUBLE -> 0.0;
            case DECIMAL -> BigDecimal.ZERO.setScale(type.scale());
            case DATE -> LocalDate.EPOCH;
            case STRING -> "";
        };
        return new ScalarFunction(ScalarFunction.Name.COALESCE, List.of(key, new Literal(value, type)), type);
    }

    private static Expression shift(Expression expression, int offset)
    {
        return expression.transformUp(e -> e instanceof ColumnRef ref ? ref.withIndex(ref.index() - offset) : e);
    }
}
