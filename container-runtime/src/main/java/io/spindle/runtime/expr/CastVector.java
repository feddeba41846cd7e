package io.spindle.runtime.expr;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.runtime.decimal.Int128;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Converts a vector between numeric types, and anything to string. Integers and decimals of either width become
 * decimals in 128-bit arithmetic (no row allocates); a value that does not fit the target decimal is null, as in
 * Spark's default mode.
 */
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
                case DECIMAL -> nulls[i] = !storeDecimal(parser.parseDecimal(data, start, end), out, i);
                default -> throw new IllegalStateException("cast from string to " + to);
            }
        }
        out.setNulls(nulls);
        return out;
    }

    /** Stores {@code value} at the target type's scale as row {@code row} of {@code out}; false where it is null or does not fit. */
    private boolean storeDecimal(BigDecimal value, ColumnVector out, int row)
    {
        if (value == null) {
            return false;
        }
        BigDecimal scaled = value.setScale(to.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > to.precision() - to.scale()) {
            return false;
        }
        if (out instanceof Decimal128Vector v) {
            Int128.fromBigDecimal(scaled, to.scale(), v.high(), v.low(), row);
        }
        else {
            ((LongVector) out).values()[row] = scaled.unscaledValue().longValueExact();
        }
        return true;
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
        if (to.kind() == TypeKind.DECIMAL && from.kind() != TypeKind.DOUBLE) {
            return exactToDecimal(input, rows);
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
                    double value = ((DoubleVector) input).get(i);
                    if (!Double.isFinite(value) || !storeDecimal(BigDecimal.valueOf(value), out, i)) {
                        nulls = nulls == null ? new boolean[rows] : nulls;
                        nulls[i] = true;
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
            case DECIMAL -> input instanceof Decimal128Vector v
                    ? Int128.toDouble(v.high(row), v.low(row), from.scale())
                    : ((LongVector) input).get(row) / Math.pow(10, from.scale());
            case DOUBLE -> ((DoubleVector) input).get(row);
            default -> throw new IllegalStateException("cast from " + from);
        };
    }

    private long asLong(ColumnVector input, int row)
    {
        return switch (from.kind()) {
            case INT -> ((IntVector) input).get(row);
            case LONG -> ((LongVector) input).get(row);
            case DECIMAL -> input instanceof Decimal128Vector v
                    ? Int128.toBigDecimal(v.high(row), v.low(row), from.scale()).toBigInteger().longValue()
                    : ((LongVector) input).get(row) / ArithmeticVector.pow10(from.scale());
            case DOUBLE -> (long) ((DoubleVector) input).get(row);
            default -> throw new IllegalStateException("cast from " + from);
        };
    }

    /** Ints, longs and decimals of either width to a decimal, rescaled in 128 bits; null where the value does not fit. */
    private ColumnVector exactToDecimal(ColumnVector input, int rows)
    {
        long[] high = new long[rows];
        long[] low = new long[rows];
        int fromScale = from.kind() == TypeKind.DECIMAL ? from.scale() : 0;
        int digits = to.scale() - fromScale;
        boolean[] nulls = Nulls.copy(input, rows);
        for (int i = 0; i < rows; i++) {
            if (input.isNull(i)) {
                continue;
            }
            long valueHigh;
            long valueLow;
            if (input instanceof IntVector v) {
                valueLow = v.get(i);
                valueHigh = valueLow >> 63;
            }
            else {
                valueHigh = Decimal128Vector.unscaledHigh(input, i);
                valueLow = Decimal128Vector.unscaledLow(input, i);
            }
            boolean fits;
            try {
                Int128.rescale(valueHigh, valueLow, digits, high, low, i);
                fits = Int128.fitsPrecision(high[i], low[i], to.precision());
            }
            catch (ArithmeticException e) {
                // beyond 128 bits is beyond every decimal's precision
                fits = false;
            }
            if (!fits) {
                nulls = nulls == null ? new boolean[rows] : nulls;
                nulls[i] = true;
                high[i] = 0;
                low[i] = 0;
            }
        }
        ColumnVector out = to.isWideDecimal() ? new Decimal128Vector(to, high, low, rows) : new LongVector(to, low, rows);
        out.setNulls(nulls);
        return out;
    }
}
