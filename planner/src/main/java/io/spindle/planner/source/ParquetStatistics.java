package io.spindle.planner.source;

import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the min/max/null-count statistics of a Parquet row group, or of one page of a column index, into Spindle
 * values. Parquet stores
 * dates as int32 days, decimals as unscaled int32, int64 or big-endian two's-complement bytes, and strings
 * as UTF-8 bytes. Whatever cannot be decoded exactly or ordered as the executors order it (unsigned
 * integers, timestamps, booleans, NaN bounds) is left unknown, which only means no row group is skipped.
 * parquet-mr already drops min/max that old writers ordered wrongly.
 */
public final class ParquetStatistics
{
    private ParquetStatistics()
    {
    }

    static RowGroupStatistics of(BlockMetaData rowGroup, Schema schema)
    {
        Map<String, ColumnChunkMetaData> chunks = new HashMap<>();
        for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
            if (chunk.getPath().size() == 1) {
                chunks.put(chunk.getPath().toDotString(), chunk);
            }
        }
        List<ColumnStatistics> columns = new ArrayList<>(schema.size());
        for (StructField field : schema.fields()) {
            ColumnChunkMetaData chunk = chunks.get(field.name());
            columns.add(chunk == null ? ColumnStatistics.UNKNOWN : decode(field, chunk));
        }
        return new RowGroupStatistics(rowGroup.getRowCount(), rowGroup.getCompressedSize(), columns);
    }

    /**
     * The statistics of page {@code page} of a column chunk, of {@code rows} rows, from the chunk's column index. A
     * column index may hold truncated string bounds; they still bound the page's values.
     */
    public static ColumnStatistics page(StructField field, PrimitiveType type, ColumnIndex index, int page, long rows)
    {
        List<Long> nullCounts = index.getNullCounts();
        boolean onlyNulls = index.getNullPages().get(page);
        long nulls = onlyNulls ? rows : nullCounts == null ? -1 : nullCounts.get(page);
        if (onlyNulls) {
            return new ColumnStatistics(null, null, nulls);
        }
        Statistics<?> statistics;
        try {
            statistics = Statistics.getBuilderForReading(type)
                    .withMin(bytes(index.getMinValues().get(page)))
                    .withMax(bytes(index.getMaxValues().get(page)))
                    .build();
        }
        catch (RuntimeException e) {
            return new ColumnStatistics(null, null, nulls);
        }
        if (!statistics.hasNonNullValue()) {
            return new ColumnStatistics(null, null, nulls);
        }
        Object min = value(field, type, statistics.genericGetMin());
        Object max = value(field, type, statistics.genericGetMax());
        if (min == null || max == null) {
            return new ColumnStatistics(null, null, nulls);
        }
        return new ColumnStatistics(min, max, nulls);
    }

    private static byte[] bytes(ByteBuffer buffer)
    {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static ColumnStatistics decode(StructField field, ColumnChunkMetaData chunk)
    {
        Statistics<?> statistics;
        try {
            statistics = chunk.getStatistics();
        }
        catch (RuntimeException e) {
            return ColumnStatistics.UNKNOWN;
        }
        if (statistics == null || statistics.isEmpty()) {
            return ColumnStatistics.UNKNOWN;
        }
        long nulls = statistics.isNumNullsSet() ? statistics.getNumNulls() : -1;
        if (!statistics.hasNonNullValue()) {
            return new ColumnStatistics(null, null, nulls);
        }
        PrimitiveType type = chunk.getPrimitiveType();
        Object min = value(field, type, statistics.genericGetMin());
        Object max = value(field, type, statistics.genericGetMax());
        if (min == null || max == null) {
            return new ColumnStatistics(null, null, nulls);
        }
        return new ColumnStatistics(min, max, nulls);
    }

    /** A bound in Spindle's form for the field's type, or null when it cannot be used. */
    private static Object value(StructField field, PrimitiveType type, Object raw)
    {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer && !integer.isSigned()) {
            return null;
        }
        return switch (field.type().kind()) {
            case INT -> raw instanceof Integer i ? i : null;
            case LONG -> raw instanceof Long l ? l : null;
            case DATE -> raw instanceof Integer days ? LocalDate.ofEpochDay(days) : null;
            case DOUBLE -> {
                double d = raw instanceof Double x ? x : raw instanceof Float f ? f : Double.NaN;
                yield Double.isNaN(d) ? null : d;
            }
            case DECIMAL -> {
                int scale = field.type().scale();
                if (raw instanceof Integer unscaled) {
                    yield BigDecimal.valueOf(unscaled, scale);
                }
                if (raw instanceof Long unscaled) {
                    yield BigDecimal.valueOf(unscaled, scale);
                }
                if (raw instanceof Binary bytes && bytes.length() > 0) {
                    yield new BigDecimal(new BigInteger(bytes.getBytes()), scale);
                }
                yield null;
            }
            case STRING -> raw instanceof Binary bytes ? bytes.toStringUsingUTF8() : null;
            default -> null;
        };
    }
}
