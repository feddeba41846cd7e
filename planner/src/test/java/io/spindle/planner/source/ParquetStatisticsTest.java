package io.spindle.planner.source;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.StructField;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.ColumnIndexBuilder;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Page statistics decoded from column indexes that parquet-mr builds, as the footer's statistics are decoded. */
class ParquetStatisticsTest
{
    @SafeVarargs
    private static ColumnIndex index(PrimitiveType type, int truncateLength, Consumer<Statistics<?>>... pages)
    {
        ColumnIndexBuilder builder = ColumnIndexBuilder.getBuilder(type, truncateLength);
        for (Consumer<Statistics<?>> page : pages) {
            Statistics<?> statistics = Statistics.createStats(type);
            page.accept(statistics);
            builder.add(statistics);
        }
        return builder.build();
    }

    @Test
    void integersDatesAndNullPages()
    {
        PrimitiveType day = Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named("day");
        ColumnIndex index = index(day, 64,
                page -> {
                    page.updateStats(18_000);
                    page.updateStats(18_010);
                    page.incrementNumNulls();
                },
                page -> {
                    page.incrementNumNulls();
                    page.incrementNumNulls();
                });
        StructField field = new StructField("day", DataType.DATE, true);
        assertEquals(new ColumnStatistics(LocalDate.ofEpochDay(18_000), LocalDate.ofEpochDay(18_010), 1),
                ParquetStatistics.page(field, day, index, 0, 3));
        assertEquals(new ColumnStatistics(null, null, 2), ParquetStatistics.page(field, day, index, 1, 2));
    }

    @Test
    void truncatedStringsStillBoundThePage()
    {
        PrimitiveType name = Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("name");
        ColumnIndex index = index(name, 4, page -> {
            page.updateStats(Binary.fromString("apple-pie"));
            page.updateStats(Binary.fromString("apricot"));
        });
        ColumnStatistics statistics = ParquetStatistics.page(new StructField("name", DataType.STRING, false), name, index, 0, 2);
        assertEquals("appl", statistics.min());
        assertEquals("aprj", statistics.max());
    }

    @Test
    void decimalsAndUnsignedIntegers()
    {
        PrimitiveType amount = Types.required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(2, 12)).named("amount");
        ColumnIndex decimals = index(amount, 64, page -> {
            page.updateStats(-150L);
            page.updateStats(2_599L);
        });
        assertEquals(new ColumnStatistics(new BigDecimal("-1.50"), new BigDecimal("25.99"), 0),
                ParquetStatistics.page(new StructField("amount", DataType.decimal(12, 2), false), amount, decimals, 0, 2));

        PrimitiveType unsigned = Types.required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(32, false)).named("u");
        ColumnIndex unsignedIndex = index(unsigned, 64, page -> page.updateStats(7));
        assertEquals(new ColumnStatistics(null, null, 0),
                ParquetStatistics.page(new StructField("u", DataType.INT, false), unsigned, unsignedIndex, 0, 1));
    }
}
