package io.spindle.sql;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.StructField;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;

/** Checks a program's value against its column and brings it to the form plans hold (see {@code Literal}). */
final class LocalValues
{
    private LocalValues()
    {
    }

    static Object convert(Object value, StructField field, int row)
    {
        if (value == null) {
            if (!field.nullable()) {
                throw new AnalysisException("row " + row + " has null for column '" + field.name() + "', which is not nullable;"
                        + " declare the column nullable or give a value");
            }
            return null;
        }
        DataType type = field.type();
        Object converted = switch (type.kind()) {
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case INT -> value instanceof Integer || value instanceof Short || value instanceof Byte ? ((Number) value).intValue() : null;
            case LONG -> value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                    ? ((Number) value).longValue() : null;
            case DOUBLE -> value instanceof Double || value instanceof Float ? ((Number) value).doubleValue() : null;
            case DECIMAL -> value instanceof BigDecimal d ? decimal(d, field, row) : null;
            case DATE -> value instanceof LocalDate ? value : null;
            case TIMESTAMP -> value instanceof Instant ? value : null;
            case STRING -> value instanceof String ? value : null;
        };
        if (converted == null) {
            throw new AnalysisException("row " + row + " has a " + value.getClass().getSimpleName() + " (" + value + ") for column '"
                    + field.name() + "' of type " + type.sqlName() + "; give a " + javaName(type));
        }
        return converted;
    }

    private static BigDecimal decimal(BigDecimal value, StructField field, int row)
    {
        BigDecimal scaled = value.setScale(field.type().scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > field.type().precision() - field.type().scale()) {
            throw new AnalysisException("row " + row + " has " + value.toPlainString() + " for column '" + field.name() + "' of type "
                    + field.type().sqlName() + ", which holds at most " + (field.type().precision() - field.type().scale())
                    + " digits before the point; widen the column's precision");
        }
        return scaled;
    }

    private static String javaName(DataType type)
    {
        return switch (type.kind()) {
            case BOOLEAN -> "Boolean";
            case INT -> "Integer";
            case LONG -> "Long";
            case DOUBLE -> "Double";
            case DECIMAL -> "BigDecimal";
            case DATE -> "LocalDate";
            case TIMESTAMP -> "Instant";
            case STRING -> "String";
        };
    }
}
