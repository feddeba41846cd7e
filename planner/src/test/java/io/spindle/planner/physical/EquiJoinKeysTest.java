package io.spindle.planner.physical;

import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.ScalarFunction;
import io.spindle.planner.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EquiJoinKeysTest
{
    // left input: (a int nullable, s string nullable); right input: (b bigint nullable, t string not null)
    private static final ColumnRef A = new ColumnRef(0, "a", DataType.INT, true);
    private static final ColumnRef S = new ColumnRef(1, "s", DataType.STRING, true);
    private static final ColumnRef B = new ColumnRef(2, "b", DataType.LONG, true);
    private static final ColumnRef T = new ColumnRef(3, "t", DataType.STRING, false);

    private static Expression nullSafe(Expression l, Expression r, Expression lNull, Expression rNull)
    {
        return Logical.or(new Comparison(Comparison.Operator.EQUAL, l, r), Logical.and(new IsNull(lNull), new IsNull(rNull)));
    }

    @Test
    void aNullSafeEqualityBecomesTwoKeysThatAreNeverNull()
    {
        Expression widened = new Cast(A, DataType.LONG);
        EquiJoinKeys keys = EquiJoinKeys.split(Optional.of(nullSafe(widened, B, A, B)), 2);
        assertEquals(2, keys.leftKeys().size());
        assertTrue(keys.residual().isEmpty());
        // the value with nulls replaced, compared at the common type, then whether it was null
        ScalarFunction left = assertInstanceOf(ScalarFunction.class, keys.leftKeys().get(0));
        assertEquals(ScalarFunction.Name.COALESCE, left.name());
        assertEquals(widened, left.arguments().get(0));
        assertEquals(DataType.LONG, keys.rightKeys().get(0).type());
        assertEquals(new IsNull(new ColumnRef(0, "b", DataType.LONG, true)), keys.rightKeys().get(1));
        assertTrue(keys.leftKeys().stream().noneMatch(Expression::nullable));
        assertTrue(keys.rightKeys().stream().noneMatch(Expression::nullable));
    }

    @Test
    void eitherOrderOfTheDisjunctionAndOfItsSidesIsRecognized()
    {
        Expression reversed = Logical.or(Logical.and(new IsNull(T), new IsNull(S)), new Comparison(Comparison.Operator.EQUAL, T, S));
        EquiJoinKeys keys = EquiJoinKeys.split(Optional.of(Logical.and(reversed, new Comparison(Comparison.Operator.EQUAL, A, new Cast(B, DataType.INT)))), 2);
        assertEquals(List.of(ScalarFunction.class, IsNull.class, ColumnRef.class),
                keys.leftKeys().stream().map(Object::getClass).toList());
        // t is never null: it stays as it is
        assertEquals(new ColumnRef(1, "t", DataType.STRING, false), keys.rightKeys().get(0));
        assertTrue(keys.residual().isEmpty());
    }

    @Test
    void aDisjunctionOverOtherColumnsStaysResidual()
    {
        Expression other = nullSafe(A, new Cast(B, DataType.INT), S, T);
        EquiJoinKeys keys = EquiJoinKeys.split(Optional.of(other), 2);
        assertTrue(keys.leftKeys().isEmpty());
        assertEquals(Optional.of(other), keys.residual());
        Expression sameSide = nullSafe(A, new Cast(new ColumnRef(0, "a", DataType.INT, true), DataType.INT), A, A);
        assertTrue(EquiJoinKeys.split(Optional.of(sameSide), 2).leftKeys().isEmpty());
    }
}
