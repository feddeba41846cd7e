package io.spindle.planner.expressions;

import io.spindle.planner.types.DataType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * A constant. Values are held in their Java form: Boolean, Integer, Long, Double, BigDecimal (scaled to the
 * type's scale), LocalDate, String, or null.
 */
public final class Literal
        extends Expression
{
    private final Object value;
    private final DataType type;

    public Literal(Object value, DataType type)
    {
        this.value = value;
        this.type = requireNonNull(type, "type is null");
    }

    /** The literal for a Java value, with the type Spark would give it. */
    public static Literal of(Object value)
    {
        if (value == null) {
            throw new IllegalArgumentException("use Literal.nullOf(type) for a typed null");
        }
        if (value instanceof Boolean) {
            return new Literal(value, DataType.BOOLEAN);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new Literal(((Number) value).intValue(), DataType.INT);
        }
        if (value instanceof Long) {
            return new Literal(value, DataType.LONG);
        }
        if (value instanceof Double || value instanceof Float) {
            return new Literal(((Number) value).doubleValue(), DataType.DOUBLE);
        }
        if (value instanceof BigDecimal d) {
            int scale = Math.max(d.scale(), 0);
            BigDecimal scaled = d.setScale(scale);
            int precision = Math.max(scaled.precision(), scale + 1);
            return new Literal(scaled, DataType.decimal(Math.min(precision, DataType.MAX_DECIMAL_PRECISION), scale));
        }
        if (value instanceof LocalDate) {
            return new Literal(value, DataType.DATE);
        }
        if (value instanceof String) {
            return new Literal(value, DataType.STRING);
        }
        throw new IllegalArgumentException("unsupported literal type " + value.getClass().getName()
                + "; use a boolean, int, long, double, BigDecimal, LocalDate or String");
    }

    public static Literal nullOf(DataType type)
    {
        return new Literal(null, type);
    }

    public Object value()
    {
        return value;
    }

    public boolean isNull()
    {
        return value == null;
    }

    @Override
    public List<Expression> children()
    {
        return List.of();
    }

    @Override
    public Expression withChildren(List<Expression> children)
    {
        return this;
    }

    @Override
    public DataType type()
    {
        return type;
    }

    @Override
    public boolean nullable()
    {
        return value == null;
    }

    @Override
    public <R, C> R accept(ExpressionVisitor<R, C> visitor, C context)
    {
        return visitor.visitLiteral(this, context);
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof Literal other && Objects.equals(value, other.value) && type.equals(other.type);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(value, type);
    }

    @Override
    public String toString()
    {
        if (value == null) {
            return "null";
        }
        return switch (type.kind()) {
            case STRING -> "'" + value + "'";
            case DATE -> "DATE '" + value + "'";
            default -> String.valueOf(value);
        };
    }
}
