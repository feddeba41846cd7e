package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.Not;

import static io.spindle.planner.optimizer.rules.Predicates.isFalse;
import static io.spindle.planner.optimizer.rules.Predicates.isTrue;

/**
 * Removes boolean identities: {@code true AND x = x}, {@code false AND x = false}, {@code x OR true = true},
 * {@code false OR x = x}, {@code NOT NOT x = x}, and pushes NOT into a comparison ({@code NOT(a < b) = a >= b}).
 * Each holds under three-valued logic: where {@code x} is null both sides are null, and a literal false (true)
 * decides AND (OR) even against null.
 */
public final class SimplifyBooleans
        extends ExpressionRule
{
    @Override
    protected Expression rewrite(Expression node)
    {
        if (node instanceof Logical logical) {
            Expression left = logical.left();
            Expression right = logical.right();
            if (logical.operator() == Logical.Operator.AND) {
                if (isFalse(left) || isFalse(right)) {
                    return Literal.of(false);
                }
                if (isTrue(left)) {
                    return right;
                }
                if (isTrue(right)) {
                    return left;
                }
            }
            else {
                if (isTrue(left) || isTrue(right)) {
                    return Literal.of(true);
                }
                if (isFalse(left)) {
                    return right;
                }
                if (isFalse(right)) {
                    return left;
                }
            }
            return node;
        }
        if (node instanceof Not not) {
            if (not.child() instanceof Not inner) {
                return inner.child();
            }
            // Safe for nullable operands too: a comparison is null exactly when an operand is null, and NOT
            // keeps null null, so both forms are null on the same rows. On the other rows the executors order
            // every type totally (NaN equals NaN and sorts above all numbers, as in Spark), so the negated
            // comparison is exactly the complement. IEEE order would break this for NaN; Spindle's does not.
            if (not.child() instanceof Comparison comparison) {
                return new Comparison(negate(comparison.operator()), comparison.left(), comparison.right());
            }
        }
        return node;
    }

    private static Comparison.Operator negate(Comparison.Operator operator)
    {
        return switch (operator) {
            case EQUAL -> Comparison.Operator.NOT_EQUAL;
            case NOT_EQUAL -> Comparison.Operator.EQUAL;
            case LESS_THAN -> Comparison.Operator.GREATER_THAN_OR_EQUAL;
            case LESS_THAN_OR_EQUAL -> Comparison.Operator.GREATER_THAN;
            case GREATER_THAN -> Comparison.Operator.LESS_THAN_OR_EQUAL;
            case GREATER_THAN_OR_EQUAL -> Comparison.Operator.LESS_THAN;
        };
    }
}
