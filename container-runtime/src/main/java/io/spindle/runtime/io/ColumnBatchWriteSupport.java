package io.spindle.runtime.io;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.runtime.decimal.Int128;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Hands parquet-mr the values of {@link ColumnBatch}es, read straight from the vectors' arrays. parquet-mr
 * counts a row group's rows by {@link #write} calls, so there is one call per row, each with the same
 * {@link Position} moved along the batch: no row objects and no boxed values. Spindle types map to Parquet as {@code ParquetSource} reads
 * them back: boolean, int32, int32 DATE, int64, int64 TIMESTAMP(MICROS, UTC), double, int64 DECIMAL(p,s)
 * of at most 18 digits, and wider ones as Spark writes them, fixed_len_byte_array DECIMAL(p,s) of the fewest bytes
 * that hold p digits (big-endian two's complement), binary STRING; a nullable column is OPTIONAL, else REQUIRED.
 */
final class ColumnBatchWriteSupport
        extends WriteSupport<ColumnBatchWriteSupport.Position>
{
    /** A row of a batch; the writer moves one instance along each batch. */
    static final class Position
    {
        ColumnBatch batch;
        int row;
    }

    private final Schema schema;
    private final MessageType message;
    private RecordConsumer consumer;

    ColumnBatchWriteSupport(Schema schema)
    {
        this.schema = requireNonNull(schema, "schema is null");
        this.message = toMessage(schema);
    }

    static MessageType toMessage(Schema schema)
    {
        List<Type> fields = new ArrayList<>();
        for (StructField field : schema.fields()) {
            fields.add(toType(field));
        }
        return new MessageType("spindle_schema", fields);
    }

    private static Type toType(StructField field)
    {
        Type.Repetition repetition = field.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        DataType type = field.type();
        return switch (type.kind()) {
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(field.name());
            case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(field.name());
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(field.name());
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(field.name());
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(field.name());
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(field.name());
            case DECIMAL -> {
                if (type.isWideDecimal()) {
                    yield Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                            .length(Int128.bytesForPrecision(type.precision()))
                            .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision())).named(field.name());
                }
                yield Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision())).named(field.name());
            }
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(field.name());
        };
    }

    @Override
    public WriteContext init(Configuration configuration)
    {
        return new WriteContext(message, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer)
    {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Position position)
    {
        ColumnBatch batch = position.batch;
        int row = position.row;
        int columns = batch.columnCount();
        if (columns != schema.size()) {
            throw new IllegalArgumentException("a batch of " + columns + " columns for a file of schema " + schema.names());
        }
        consumer.startMessage();
        for (int c = 0; c < columns; c++) {
            ColumnVector vector = batch.column(c);
            if (vector.isNull(row)) {
                if (!schema.field(c).nullable()) {
                    throw new IllegalStateException("column '" + schema.field(c).name() + "' is declared not null but row " + row
                            + " of a batch is null");
                }
                continue;
            }
            String name = schema.field(c).name();
            consumer.startField(name, c);
            addValue(vector, row);
            consumer.endField(name, c);
        }
        consumer.endMessage();
    }

    private void addValue(ColumnVector vector, int row)
    {
        TypeKind kind = vector.type().kind();
        switch (kind) {
            case BOOLEAN -> consumer.addBoolean(((BooleanVector) vector).get(row));
            case INT, DATE -> consumer.addInteger(((IntVector) vector).get(row));
            case LONG, TIMESTAMP -> consumer.addLong(((LongVector) vector).get(row));
            case DECIMAL -> {
                if (vector instanceof Decimal128Vector wide) {
                    int length = Int128.bytesForPrecision(wide.type().precision());
                    // a fresh array: parquet-mr may keep the value for its dictionary or statistics
                    byte[] bytes = new byte[length];
                    Int128.toBigEndian(wide.high(row), wide.low(row), bytes, 0, length);
                    consumer.addBinary(Binary.fromConstantByteArray(bytes));
                }
                else {
                    consumer.addLong(((LongVector) vector).get(row));
                }
            }
            case DOUBLE -> consumer.addDouble(((DoubleVector) vector).get(row));
            case STRING -> {
                StringVector strings = (StringVector) vector;
                consumer.addBinary(Binary.fromReusedByteArray(strings.data(), strings.start(row), strings.length(row)));
            }
        }
    }
}
