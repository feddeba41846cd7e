package io.spindle.planner.types;

import java.io.Serializable;
import java.util.Objects;

/**
 * A SQL type. Decimals carry precision and scale and are held as unscaled integers whose width the type decides:
 * up to {@value #MAX_SHORT_DECIMAL_PRECISION} digits in 64 bits, wider ones (up to {@value #MAX_DECIMAL_PRECISION}
 * digits) in 128 bits (see {@link #isWideDecimal}). A value that does not fit its type's precision fails with an
 * overflow error that names it.
 */
public final class DataType
        implements Serializable
{
    public static final int MAX_DECIMAL_PRECISION = 38;
    /** The widest decimal whose unscaled values always fit in a signed 64-bit integer. */
    public static final int MAX_SHORT_DECIMAL_PRECISION = 18;

    public static final DataType BOOLEAN = new DataType(TypeKind.BOOLEAN, 0, 0);
    public static final DataType INT = new DataType(TypeKind.INT, 0, 0);
    public static final DataType LONG = new DataType(TypeKind.LONG, 0, 0);
    public static final DataType DOUBLE = new DataType(TypeKind.DOUBLE, 0, 0);
    public static final DataType DATE = new DataType(TypeKind.DATE, 0, 0);
    public static final DataType TIMESTAMP = new DataType(TypeKind.TIMESTAMP, 0, 0);
    public static final DataType STRING = new DataType(TypeKind.STRING, 0, 0);

    private final TypeKind kind;
    private final int precision;
    private final int scale;

    private DataType(TypeKind kind, int precision, int scale)
    {
        this.kind = Objects.requireNonNull(kind, "kind is null");
        this.precision = precision;
        this.scale = scale;
    }

    public static DataType decimal(int precision, int scale)
    {
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
            throw new IllegalArgumentException("decimal precision must be 1 to 38, not " + precision);
        }
        if (scale < 0 || scale > precision) {
            throw new IllegalArgumentException("decimal scale must be 0 to the precision " + precision + ", not " + scale);
        }
        return new DataType(TypeKind.DECIMAL, precision, scale);
    }

    public TypeKind kind()
    {
        return kind;
    }

    public int precision()
    {
        return precision;
    }

    public int scale()
    {
        return scale;
    }

    /**
     * Whether this is a decimal of more than {@value #MAX_SHORT_DECIMAL_PRECISION} digits, whose values the executors
     * hold as 128-bit unscaled integers rather than longs. The type alone decides, so every operator agrees.
     */
    public boolean isWideDecimal()
    {
        return kind == TypeKind.DECIMAL && precision > MAX_SHORT_DECIMAL_PRECISION;
    }

    public boolean isNumeric()
    {
        return kind == TypeKind.INT || kind == TypeKind.LONG || kind == TypeKind.DOUBLE || kind == TypeKind.DECIMAL;
    }

    /** The SQL name users see, as Spark prints it: {@code bigint}, {@code decimal(15,2)}. */
    public String sqlName()
    {
        return switch (kind) {
            case BOOLEAN -> "boolean";
            case INT -> "int";
            case LONG -> "bigint";
            case DOUBLE -> "double";
            case DECIMAL -> "decimal(" + precision + "," + scale + ")";
            case DATE -> "date";
            case TIMESTAMP -> "timestamp";
            case STRING -> "string";
        };
    }

    @Override
    public boolean equals(Object o)
    {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DataType other)) {
            return false;
        }
        return kind == other.kind && precision == other.precision && scale == other.scale;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(kind, precision, scale);
    }

    @Override
    public String toString()
    {
        return sqlName();
    }
}
