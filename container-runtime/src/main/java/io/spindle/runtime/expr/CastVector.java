package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Converts a vector between numeric types, and anything to string. */
final class CastVector
        implements VectorExpression
{
    private final VectorExpression child;
    private final DataType from;
    private final DataType to;

    CastVector(VectorExpression child, DataType from, DataType to)
    {
        this.child = child;
        this.from = from;
        this.to = to;
        if (!supported(from, to)) {
            throw new IllegalArgumentException("cast from " + from.sqlName() + " to " + to.sqlName() + " is not supported yet");
        }
    }

    static boolean supported(DataType from, DataType to)
    {
        return from.equals(to) || to.kind() == TypeKind.STRING || (from.isNumeric() && to.isNumeric())
                || (from.kind() == TypeKind.STRING && (to.isNumeric() || to.kind() == TypeKind.DATE));
    }

    /** Parses strings into {@code to}; a string that does not parse or does not fit becomes null. */
    private ColumnVector fromString(StringVector input, int rows)
    {
        ColumnVector out = ColumnVector.allocate(to, rows);
        boolean[] nulls = new boolean[rows];
        byte[] data = input.data();
        StringParser parser = new StringParser();
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i)) {
                nulls[i] = true;
                continue;
            }
            int start = input.start(i);
            int end = start + input.length(i);
            switch (to.kind()) {
                case INT -> {
                    if (parser.parseIntegral(data, start, end, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
                        ((IntVector) out).values()[i] = (int) parser.value;
                    }
                    else {
                        nulls[i] = true;
                    }
                }
                case LONG -> {
                    if (parser.parseIntegral(data, start, end, Long.MIN_VALUE, Long.MAX_VALUE)) {
                        ((LongVector) out).values()[i] = parser.value;
                    }
                    else {
                        nulls[i] = true;
                    }
                }
                case DATE -> {
                    if (parser.parseDate(data, start, end)) {
                        ((IntVector) out).values()[i] = (int) parser.value;
                    }
                    else {
                        nulls[i] = true;
                    }
                }
                case DOUBLE -> {
                    if (parser.parseDouble(data, start, end)) {
                        ((DoubleVector) out).values()[i] = parser.doubleValue;
                    }
                    else {
                        nulls[i] = true;
                    }
                }
                case DECIMAL -> {
                    Long unscaled = fitDecimal(parser.parseDecimal(data, start, end));
                    if (unscaled == null) {
                        nulls[i] = true;
                    }
                    else {
                        ((LongVector) out).values()[i] = unscaled;
                    }
                }
                default -> throw new IllegalStateException("cast from string to " + to);
            }
        }
        out.setNulls(nulls);
        return out;
    }

    private Long fitDecimal(BigDecimal value)
    {
        if (value == null) {
            return null;
        }
        BigDecimal scaled = value.setScale(to.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > to.precision() - to.scale()) {
            return null;
        }
        try {
            return scaled.unscaledValue().longValueExact();
        }
        catch (ArithmeticException e) {
            throw new ArithmeticException("value " + value + " does not fit " + to.sqlName() + " in 18 digits");
        }
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        ColumnVector input = child.evaluate(batch);
        int rows = batch.rowCount();
        if (from.equals(to)) {
            return input;
        }
        if (from.kind() == TypeKind.STRING) {
            return fromString((StringVector) input, rows);
        }
        if (to.kind() == TypeKind.STRING) {
            StringVector.Builder builder = new StringVector.Builder(rows, rows * 8);
            for (int i = 0; i < rows; i++) {
                Object value = input.getObject(i);
                if (value == null) {
                    builder.appendNull();
                }
                else {
                    builder.append(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
                }
            }
            return builder.build();
        }
        ColumnVector out = ColumnVector.allocate(to, rows);
        boolean[] nulls = Nulls.copy(input, rows);
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i)) {
                continue;
            }
            switch (to.kind()) {
                case DOUBLE -> ((DoubleVector) out).values()[i] = asDouble(input, i);
                case LONG -> ((LongVector) out).values()[i] = asLong(input, i);
                case INT -> ((IntVector) out).values()[i] = from.kind() == TypeKind.DOUBLE ? (int) ((DoubleVector) input).get(i) : (int) asLong(input, i);
                case DECIMAL -> {
                    Long unscaled = asDecimal(input, i);
                    if (unscaled == null) {
                        nulls = nulls == null ? new boolean[rows] : nulls;
                        nulls[i] = true;
                    }
                    else {
                        ((LongVector) out).values()[i] = unscaled;
                    }
                }
                default -> throw new IllegalStateException("cast to " + to);
            }
        }
        out.setNulls(nulls);
        return out;
    }

    private double asDouble(ColumnVector input, int row)
    {
        return switch (from.kind()) {
            case INT -> ((IntVector) input).get(row);
            case LONG -> ((LongVector) input).get(row);
            case DECIMAL -> ((LongVector) input).get(row) / Math.pow(10, from.scale());
            case DOUBLE -> ((DoubleVector) input).get(row);
            default -> throw new IllegalStateException("cast from " + from);
        };
    }

    private long asLong(ColumnVector input, int row)
    {
        return switch (from.kind()) {
            case INT -> ((IntVector) input).get(row);
            case LONG -> ((LongVector) input).get(row);
            case DECIMAL -> ((LongVector) input).get(row) / ArithmeticVector.pow10(from.scale());
            case DOUBLE -> (long) ((DoubleVector) input).get(row);
            default -> throw new IllegalStateException("cast from " + from);
        };
    }

    /** The unscaled value, or null where it does not fit the target type (Spark's default, non-ANSI mode). */
    private Long asDecimal(ColumnVector input, int row)
    {
        if (from.kind() == TypeKind.DOUBLE && !Double.isFinite(((DoubleVector) input).get(row))) {
            return null;
        }
        BigDecimal value = switch (from.kind()) {
            case INT -> BigDecimal.valueOf(((IntVector) input).get(row));
            case LONG -> BigDecimal.valueOf(((LongVector) input).get(row));
            case DECIMAL -> BigDecimal.valueOf(((LongVector) input).get(row), from.scale());
            case DOUBLE -> BigDecimal.valueOf(((DoubleVector) input).get(row));
            default -> throw new IllegalStateException("cast from " + from);
        };
        BigDecimal scaled = value.setScale(to.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > to.precision() - to.scale()) {
            return null;
        }
        try {
            return scaled.unscaledValue().longValueExact();
        }
        catch (ArithmeticException e) {
            throw new ArithmeticException("value " + value + " does not fit " + to.sqlName() + " in 18 digits");
        }
    }
}
