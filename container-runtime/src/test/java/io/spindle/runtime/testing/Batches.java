package io.spindle.runtime.testing;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.runtime.decimal.Int128;
import io.spindle.runtime.operators.Operator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds batches from Java values in the forms {@link ColumnVector#getObject} returns (Integer, Long, Double,
 * BigDecimal, LocalDate, Instant, String, Boolean, null) and reads them back, so tests state data as rows.
 */
public final class Batches
{
    private Batches()
    {
    }

    /** A vector of {@code type} holding {@code values}; decimals must already fit the type's scale exactly. */
    public static ColumnVector vector(DataType type, Object... values)
    {
        return vector(type, Arrays.asList(values));
    }

    public static ColumnVector vector(DataType type, List<?> values)
    {
        int size = values.size();
        boolean[] nulls = new boolean[size];
        boolean anyNull = false;
        ColumnVector vector;
        switch (type.kind()) {
            case STRING -> {
                StringVector.Builder builder = new StringVector.Builder(size, 16 * size);
                for (Object value : values) {
                    if (value == null) {
                        builder.appendNull();
                    }
                    else {
                        builder.append((String) value);
                    }
                }
                return builder.build();
            }
            case BOOLEAN -> {
                boolean[] out = new boolean[size];
                for (int i = 0; i < size; i++) {
                    out[i] = values.get(i) != null && (Boolean) values.get(i);
                }
                vector = new BooleanVector(type, out, size);
            }
            case INT, DATE -> {
                int[] out = new int[size];
                for (int i = 0; i < size; i++) {
                    Object value = values.get(i);
                    if (value != null) {
                        out[i] = value instanceof LocalDate date ? (int) date.toEpochDay() : (Integer) value;
                    }
                }
                vector = new IntVector(type, out, size);
            }
            case DECIMAL -> {
                if (type.isWideDecimal()) {
                    long[] high = new long[size];
                    long[] low = new long[size];
                    for (int i = 0; i < size; i++) {
                        if (values.get(i) instanceof BigDecimal decimal) {
                            Int128.fromBigDecimal(decimal, type.scale(), high, low, i);
                        }
                    }
                    vector = new Decimal128Vector(type, high, low, size);
                }
                else {
                    long[] out = new long[size];
                    for (int i = 0; i < size; i++) {
                        if (values.get(i) instanceof BigDecimal decimal) {
                            out[i] = decimal.setScale(type.scale()).unscaledValue().longValueExact();
                        }
                    }
                    vector = new LongVector(type, out, size);
                }
            }
            case LONG, TIMESTAMP -> {
                long[] out = new long[size];
                for (int i = 0; i < size; i++) {
                    Object value = values.get(i);
                    if (value instanceof BigDecimal decimal) {
                        out[i] = decimal.setScale(type.scale()).unscaledValue().longValueExact();
                    }
                    else if (value instanceof Instant instant) {
                        out[i] = ChronoUnit.MICROS.between(Instant.EPOCH, instant);
                    }
                    else if (value != null) {
                        out[i] = ((Number) value).longValue();
                    }
                }
                vector = new LongVector(type, out, size);
            }
            case DOUBLE -> {
                double[] out = new double[size];
                for (int i = 0; i < size; i++) {
                    if (values.get(i) != null) {
                        out[i] = ((Number) values.get(i)).doubleValue();
                    }
                }
                vector = new DoubleVector(type, out, size);
            }
            default -> throw new IllegalArgumentException("no vector for " + type);
        }
        for (int i = 0; i < size; i++) {
            if (values.get(i) == null) {
                nulls[i] = true;
                anyNull = true;
            }
        }
        vector.setNulls(anyNull ? nulls : null);
        return vector;
    }

    public static ColumnBatch batch(ColumnVector... columns)
    {
        if (columns.length == 0) {
            throw new IllegalArgumentException("use new ColumnBatch(List.of(), rows) for a batch without columns");
        }
        return new ColumnBatch(List.of(columns), columns[0].size());
    }

    /** A batch of {@code rows}, each a list of one value per column of {@code schema}. */
    public static ColumnBatch batch(Schema schema, List<? extends List<?>> rows)
    {
        List<ColumnVector> columns = new ArrayList<>(schema.size());
        for (int c = 0; c < schema.size(); c++) {
            List<Object> values = new ArrayList<>(rows.size());
            for (List<?> row : rows) {
                values.add(row.get(c));
            }
            columns.add(vector(schema.field(c).type(), values));
        }
        return new ColumnBatch(columns, rows.size());
    }

    /** {@code rows} cut into batches of at most {@code batchRows} rows. */
    public static List<ColumnBatch> batches(Schema schema, List<? extends List<?>> rows, int batchRows)
    {
        List<ColumnBatch> out = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += batchRows) {
            out.add(batch(schema, rows.subList(from, Math.min(rows.size(), from + batchRows))));
        }
        return out;
    }

    public static Schema schema(Object... namesAndTypes)
    {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.add(new StructField((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1], true));
        }
        return new Schema(fields);
    }

    public static List<Object> values(ColumnVector vector)
    {
        List<Object> out = new ArrayList<>(vector.size());
        for (int i = 0; i < vector.size(); i++) {
            out.add(vector.getObject(i));
        }
        return out;
    }

    public static List<List<Object>> rows(ColumnBatch batch)
    {
        List<List<Object>> out = new ArrayList<>(batch.rowCount());
        for (int r = 0; r < batch.rowCount(); r++) {
            List<Object> row = new ArrayList<>(batch.columnCount());
            for (int c = 0; c < batch.columnCount(); c++) {
                row.add(batch.column(c).getObject(r));
            }
            out.add(row);
        }
        return out;
    }

    public static List<List<Object>> rows(List<ColumnBatch> batches)
    {
        List<List<Object>> out = new ArrayList<>();
        for (ColumnBatch batch : batches) {
            out.addAll(rows(batch));
        }
        return out;
    }

    /** Every batch {@code operator} returns, in order; closes it afterwards, as the contract asks. */
    public static List<ColumnBatch> drain(Operator operator)
    {
        List<ColumnBatch> out = new ArrayList<>();
        try (operator) {
            ColumnBatch batch;
            while ((batch = operator.next()) != null) {
                out.add(batch);
            }
        }
        return out;
    }
}
