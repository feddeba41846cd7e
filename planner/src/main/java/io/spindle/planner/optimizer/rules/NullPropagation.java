package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.types.DataType;

import static io.spindle.planner.optimizer.rules.Predicates.isNullLiteral;

/**
 * Replaces what a null literal decides: arithmetic, comparisons, casts and NOT over a null are a null of the
 * result type, and {@code IS NULL} of an expression that cannot be null is false. AND and OR are left to
 * {@link SimplifyBooleans}: {@code null AND x} depends on {@code x}.
 */
public final class NullPropagation
        extends ExpressionRule
{
    @Override
    protected Expression rewrite(Expression node)
    {
        if (node instanceof Arithmetic arithmetic && (isNullLiteral(arithmetic.left()) || isNullLiteral(arithmetic.right()))) {
            return Literal.nullOf(arithmetic.type());
        }
        if (node instanceof Comparison comparison && (isNullLiteral(comparison.left()) || isNullLiteral(comparison.right()))) {
            return Literal.nullOf(DataType.BOOLEAN);
        }
        if (node instanceof Cast cast && isNullLiteral(cast.child())) {
            return Literal.nullOf(cast.type());
        }
        if (node instanceof Not not && isNullLiteral(not.child())) {
            return Literal.nullOf(DataType.BOOLEAN);
        }
        if (node instanceof IsNull isNull && !Predicates.mayBeNull(isNull.child())) {
            return Literal.of(false);
        }
        return node;
    }
}
