package io.spindle.runtime.expr;

import io.spindle.planner.expressions.Literal;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.runtime.decimal.Int128;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/** A literal repeated for every row; the vector is reused while batches keep the same size. */
public final class ConstantVector
        implements VectorExpression
{
    private final Literal literal;
    private ColumnVector cached;

    ConstantVector(Literal literal)
    {
        this.literal = literal;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        if (cached == null || cached.size() != rows) {
            cached = build(literal, rows);
        }
        return cached;
    }

    /** A vector of {@code rows} rows, each the literal's value. */
    public static ColumnVector build(Literal literal, int rows)
    {
        DataType type = literal.type();
        Object value = literal.value();
        if (type.kind() == io.spindle.planner.types.TypeKind.STRING) {
            StringVector.Builder builder = new StringVector.Builder(rows, value == null ? 0 : rows * ((String) value).length());
            for (int i = 0; i < rows; i++) {
                if (value == null) {
                    builder.appendNull();
                }
                else {
                    builder.append((String) value);
                }
            }
            return builder.build();
        }
        ColumnVector vector = ColumnVector.allocate(type, rows);
        if (value == null) {
            boolean[] nulls = new boolean[rows];
            Arrays.fill(nulls, true);
            vector.setNulls(nulls);
            return vector;
        }
        if (vector instanceof BooleanVector v) {
            Arrays.fill(v.values(), 0, rows, (Boolean) value);
        }
        else if (vector instanceof IntVector v) {
            Arrays.fill(v.values(), 0, rows, value instanceof LocalDate d ? (int) d.toEpochDay() : ((Number) value).intValue());
        }
        else if (vector instanceof LongVector v) {
            long unscaled;
            if (value instanceof BigDecimal d) {
                unscaled = d.setScale(type.scale()).unscaledValue().longValueExact();
            }
            else if (value instanceof Instant instant) {
                unscaled = ChronoUnit.MICROS.between(Instant.EPOCH, instant);
            }
            else {
                unscaled = ((Number) value).longValue();
            }
            Arrays.fill(v.values(), 0, rows, unscaled);
        }
        else if (vector instanceof Decimal128Vector v) {
            BigDecimal decimal = value instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) value).longValue());
            long[] high = new long[1];
            long[] low = new long[1];
            Int128.fromBigDecimal(decimal, type.scale(), high, low, 0);
            Arrays.fill(v.high(), 0, rows, high[0]);
            Arrays.fill(v.low(), 0, rows, low[0]);
        }
        else if (vector instanceof DoubleVector v) {
            Arrays.fill(v.values(), 0, rows, ((Number) value).doubleValue());
        }
        return vector;
    }
}
