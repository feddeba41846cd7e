package io.spindle.planner.analyzer;

import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.types.DataType;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Casts a numeric literal at planning time, so the executors never cast a constant row by row. */
final class LiteralCasts
{
    private LiteralCasts()
    {
    }

    static Expression cast(Literal literal, DataType type)
    {
        if (literal.isNull()) {
            return Literal.nullOf(type);
        }
        if (!(literal.value() instanceof Number number) || !type.isNumeric()) {
            return new Cast(literal, type);
        }
        return switch (type.kind()) {
            case INT -> new Literal(number.intValue(), type);
            case LONG -> new Literal(number.longValue(), type);
            case DOUBLE -> new Literal(number.doubleValue(), type);
            case DECIMAL -> new Literal(new BigDecimal(number.toString()).setScale(type.scale(), RoundingMode.HALF_UP), type);
            default -> new Cast(literal, type);
        };
    }
}
