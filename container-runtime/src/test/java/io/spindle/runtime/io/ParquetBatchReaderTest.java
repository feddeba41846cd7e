package io.spindle.runtime.io;

import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.source.ParquetSource;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.LongVector;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParquetBatchReaderTest
{
    private static final int ROWS = 3000;
    private static final long EPOCH_2020_MILLIS = 1_577_836_800_000L;

    /** Every column of the test file: its Parquet type, the value written for a row (null: none) and the value read. */
    private record TestColumn(Type parquet, IntFunction<Object> written, IntFunction<Object> expected)
    {
        String name()
        {
            return parquet.getName();
        }
    }

    private static final List<TestColumn> COLUMNS = List.of(
            column(Types.required(PrimitiveTypeName.INT64).named("id"), row -> (long) row, row -> (long) row),
            nullable(Types.optional(PrimitiveTypeName.INT32).named("i32"), row -> row % 7 == 3,
                    row -> row * 31 - 5000, row -> row * 31 - 5000),
            nullable(Types.optional(PrimitiveTypeName.INT64).named("i64"), row -> row % 11 == 0,
                    ParquetBatchReaderTest::bigLong, ParquetBatchReaderTest::bigLong),
            nullable(Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named("day"), row -> row % 13 == 5,
                    ParquetBatchReaderTest::days, row -> LocalDate.ofEpochDay(days(row))),
            nullable(Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS)).named("ts_ms"),
                    row -> row % 5 == 1, ParquetBatchReaderTest::millis, row -> Instant.ofEpochMilli(millis(row))),
            nullable(Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named("ts_us"),
                    row -> row % 9 == 2, row -> millis(row) * 1000 + row % 1000, row -> micros(millis(row) * 1000 + row % 1000)),
            nullable(Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(false, TimeUnit.NANOS)).named("ts_ns"),
                    row -> row % 9 == 4, ParquetBatchReaderTest::nanos, row -> micros(Math.floorDiv(nanos(row), 1000L))),
            nullable(Types.optional(PrimitiveTypeName.DOUBLE).named("dbl"), row -> row % 6 == 0,
                    row -> row * 0.25 - 100, row -> row * 0.25 - 100),
            nullable(Types.optional(PrimitiveTypeName.FLOAT).named("flt"), row -> row % 8 == 7,
                    row -> row * 0.1f, row -> (double) (row * 0.1f)),
            nullable(Types.optional(PrimitiveTypeName.BOOLEAN).named("flag"), row -> row % 10 == 9,
                    row -> row % 3 == 0, row -> row % 3 == 0),
            nullable(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("name"), row -> row % 17 == 0,
                    ParquetBatchReaderTest::name, ParquetBatchReaderTest::name),
            column(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("comment"),
                    ParquetBatchReaderTest::comment, ParquetBatchReaderTest::comment),
            nullable(Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.decimalType(2, 9)).named("dec_i32"),
                    row -> row % 12 == 1, row -> row * 37 % 100_000 - 50_000, row -> BigDecimal.valueOf(row * 37 % 100_000 - 50_000, 2)),
            nullable(Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(4, 18)).named("dec_i64"),
                    row -> row % 14 == 3, row -> row * 123_456_789L - 1_000_000_000_000L,
                    row -> BigDecimal.valueOf(row * 123_456_789L - 1_000_000_000_000L, 4)),
            nullable(Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(8).as(LogicalTypeAnnotation.decimalType(3, 18))
                            .named("dec_fixed"), row -> row % 15 == 4,
                    row -> twosComplement(row * -987_654_321L, 8), row -> BigDecimal.valueOf(row * -987_654_321L, 3)),
            nullable(Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16).as(LogicalTypeAnnotation.decimalType(2, 18))
                            .named("dec_wide"), row -> row % 19 == 6,
                    row -> twosComplement(row * -5L, 16), row -> BigDecimal.valueOf(row * -5L, 2)),
            nullable(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.decimalType(2, 12)).named("dec_bin"),
                    row -> row % 16 == 5, row -> Binary.fromConstantByteArray(BigInteger.valueOf(row * 1000L - 1_500_000).toByteArray()),
                    row -> BigDecimal.valueOf(row * 1000L - 1_500_000, 2)));

    /**
     * Decimals read into 128-bit vectors: wider than 18 digits in fixed and variable byte arrays, and INT32 and INT64
     * decimals when the planned type is wider than the file's.
     */
    private static final List<TestColumn> WIDE_COLUMNS = List.of(
            column(Types.required(PrimitiveTypeName.INT64).named("id"), row -> (long) row, row -> (long) row),
            nullable(Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16).as(LogicalTypeAnnotation.decimalType(10, 38))
                            .named("dec38"), row -> row % 18 == 7,
                    row -> Binary.fromConstantByteArray(fixedBytes(wideValue(row), 16)), row -> new BigDecimal(wideValue(row), 10)),
            nullable(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.decimalType(4, 30)).named("dec30_bin"),
                    row -> row % 20 == 8, row -> Binary.fromConstantByteArray(wideValue(row).divide(BigInteger.TEN.pow(6)).toByteArray()),
                    row -> new BigDecimal(wideValue(row).divide(BigInteger.TEN.pow(6)), 4)),
            nullable(Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(4, 18)).named("dec_i64"),
                    row -> row % 14 == 3, row -> row * -123_456_789_012L, row -> BigDecimal.valueOf(row * -123_456_789_012L, 4)),
            nullable(Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.decimalType(2, 9)).named("dec_i32"),
                    row -> row % 12 == 1, row -> row * 37 % 100_000 - 50_000, row -> BigDecimal.valueOf(row * 37 % 100_000 - 50_000, 2)));

    private static final MessageType MESSAGE = new MessageType("all_types", COLUMNS.stream().map(TestColumn::parquet).toList());

    @TempDir
    static java.nio.file.Path dir;

    private static Configuration conf;

    @BeforeAll
    static void setUp()
    {
        conf = new Configuration();
    }

    static Stream<Arguments> encodings()
    {
        return Stream.of(
                Arguments.of(true, WriterVersion.PARQUET_1_0),
                Arguments.of(false, WriterVersion.PARQUET_1_0),
                Arguments.of(true, WriterVersion.PARQUET_2_0),
                Arguments.of(false, WriterVersion.PARQUET_2_0));
    }

    @ParameterizedTest(name = "dictionary {0}, {1}")
    @MethodSource("encodings")
    void readsEveryTypeWithNullsAcrossRowGroups(boolean dictionary, WriterVersion version)
            throws IOException
    {
        String file = write("all-" + dictionary + "-" + version + ".parquet", dictionary, version, CompressionCodecName.SNAPPY);
        ParquetMetadata footer = ParquetTestFiles.footer(file, conf);
        assertTrue(footer.getBlocks().size() >= 4, "the test needs several row groups, got " + footer.getBlocks().size());
        assertEquals(dictionary, anyChunk(footer, "name", chunk -> chunk.getEncodingStats().hasDictionaryEncodedPages()));
        if (dictionary) {
            assertTrue(anyChunk(footer, "comment", chunk -> chunk.getEncodingStats().hasDictionaryEncodedPages()
                    && chunk.getEncodingStats().hasNonDictionaryEncodedPages()), "comment should fall back from dictionary to plain");
        }

        FileSource source = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
        assertEquals(1, source.splits().size());
        List<Integer> all = allColumns();
        int batchRows = 700;
        List<ColumnBatch> batches = new ArrayList<>();
        long bytesRead;
        long rowsRead;
        try (ParquetBatchReader reader = new ParquetBatchReader(conf, source.splits().get(0), source.schema(), all, batchRows)) {
            ColumnBatch batch;
            while ((batch = reader.next()) != null) {
                assertTrue(batch.rowCount() > 0 && batch.rowCount() <= batchRows, "batch of " + batch.rowCount() + " rows");
                assertEquals(all.size(), batch.columnCount());
                batches.add(batch);
            }
            assertNull(reader.next(), "a finished reader stays finished");
            bytesRead = reader.bytesRead();
            rowsRead = reader.rowsRead();
        }
        assertEquals(ROWS, rowsRead);
        assertEquals(chunkBytes(footer, allRowGroups(footer), Set.copyOf(names(all))), bytesRead);
        assertRows(batches, all, 0, ROWS);
        assertEquals(DataType.TIMESTAMP, batches.get(0).column(5).type());
        assertEquals(DataType.decimal(18, 3), batches.get(0).column(14).type());
    }

    @Test
    void readsOnlyRequestedColumnsInTheirOrder()
            throws IOException
    {
        String file = write("subset.parquet", true, WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY);
        ParquetMetadata footer = ParquetTestFiles.footer(file, conf);
        FileSource source = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
        List<Integer> columns = List.of(position("comment"), position("id"), position("dec_fixed"), position("id"));

        List<ColumnBatch> batches = new ArrayList<>();
        long bytesRead;
        try (ParquetBatchReader reader = new ParquetBatchReader(conf, source.splits().get(0), source.schema(), columns, 1024)) {
            ColumnBatch batch;
            while ((batch = reader.next()) != null) {
                batches.add(batch);
            }
            bytesRead = reader.bytesRead();
        }
        assertRows(batches, columns, 0, ROWS);
        assertEquals(chunkBytes(footer, allRowGroups(footer), Set.of("comment", "id", "dec_fixed")), bytesRead);
        assertTrue(bytesRead < chunkBytes(footer, allRowGroups(footer), Set.copyOf(names(allColumns()))));
    }

    @Test
    void readsOnlyTheRowGroupsOfItsSplit()
            throws IOException
    {
        String file = write("groups.parquet", false, WriterVersion.PARQUET_1_0, CompressionCodecName.UNCOMPRESSED);
        ParquetMetadata footer = ParquetTestFiles.footer(file, conf);
        List<BlockMetaData> blocks = footer.getBlocks();
        long[] firstRow = new long[blocks.size() + 1];
        for (int i = 0; i < blocks.size(); i++) {
            firstRow[i + 1] = firstRow[i] + blocks.get(i).getRowCount();
        }

        FileSource source = ParquetSource.open(conf, List.of(file), 1);
        assertEquals(blocks.size(), source.splits().size(), "one split per row group");
        List<Integer> all = allColumns();
        long total = 0;
        for (FileSplit split : source.splits()) {
            int group = split.rowGroups().get(0);
            List<ColumnBatch> batches = readAll(split, source.schema(), all, 333);
            assertRows(batches, all, (int) firstRow[group], (int) (firstRow[group + 1] - firstRow[group]));
            total += batches.stream().mapToInt(ColumnBatch::rowCount).sum();
        }
        assertEquals(ROWS, total);

        FileSplit firstAndThird = new FileSplit(file, List.of(0, 2), 0, 0, List.of());
        List<Integer> ids = List.of(position("id"), position("name"));
        List<ColumnBatch> batches = new ArrayList<>();
        long bytesRead;
        try (ParquetBatchReader reader = new ParquetBatchReader(conf, firstAndThird, source.schema(), ids, 4096)) {
            ColumnBatch batch;
            while ((batch = reader.next()) != null) {
                batches.add(batch);
            }
            bytesRead = reader.bytesRead();
        }
        assertEquals(2, batches.size(), "a batch never spans row groups");
        assertRows(batches.subList(0, 1), ids, 0, (int) firstRow[1]);
        assertRows(batches.subList(1, 2), ids, (int) firstRow[2], (int) (firstRow[3] - firstRow[2]));
        assertEquals(chunkBytes(footer, List.of(0, 2), Set.of("id", "name")), bytesRead);
    }

    @Test
    void projectionOfNoColumnsCountsRowsWithoutReadingData()
            throws IOException
    {
        String file = write("count.parquet", true, WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY);
        FileSource source = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
        try (ParquetBatchReader reader = new ParquetBatchReader(conf, source.splits().get(0), source.schema(), List.of(), 4096)) {
            long rows = 0;
            ColumnBatch batch;
            while ((batch = reader.next()) != null) {
                assertEquals(0, batch.columnCount());
                rows += batch.rowCount();
            }
            assertEquals(ROWS, rows);
            assertEquals(0, reader.bytesRead());
        }
    }

    @Test
    void agreesWithDuckDb()
            throws IOException, SQLException
    {
        String file = write("duck.parquet", true, WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY);
        FileSource source = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
        List<Integer> all = allColumns();
        List<ColumnBatch> batches = readAll(source.splits().get(0), source.schema(), all, 1000);

        String query = "SELECT id, i32, i64, day - DATE '1970-01-01', epoch_ms(ts_ms), epoch_us(ts_us), ts_ns, dbl, flt, flag, "
                + "name, comment, dec_i32, dec_i64, dec_fixed, dec_wide, dec_bin FROM read_parquet('" + file + "') ORDER BY id";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            int row = 0;
            for (ColumnBatch batch : batches) {
                for (int i = 0; i < batch.rowCount(); i++, row++) {
                    assertTrue(result.next(), "DuckDB has fewer rows than Spindle read: " + row);
                    assertEquals(result.getLong(1), ((LongVector) batch.column(0)).get(i));
                    for (int c = 1; c < all.size(); c++) {
                        Object spindle = batch.column(c).getObject(i);
                        Object duckDb = duckValue(result, c + 1, batch.column(c));
                        assertEquals(duckDb, spindle, "row " + row + " column " + COLUMNS.get(c).name());
                    }
                }
            }
            assertFalse(result.next(), "DuckDB has more rows than Spindle read");
            assertEquals(ROWS, row);
        }
    }

    /** DuckDB's value of a result column in the Java form Spindle's vectors give. */
    private static Object duckValue(ResultSet result, int index, ColumnVector spindleColumn)
            throws SQLException
    {
        Object value = result.getObject(index);
        if (value == null) {
            return null;
        }
        String name = COLUMNS.get(index - 1).name();
        return switch (name) {
            case "day" -> LocalDate.ofEpochDay(((Number) value).longValue());
            case "ts_ms" -> Instant.ofEpochMilli(((Number) value).longValue());
            case "ts_us" -> micros(((Number) value).longValue());
            // DuckDB 1.1's epoch_ns() and text casts mishandle nanoseconds before 1970; its JDBC value is exact. ts_ns is
            // not adjusted to UTC, so its wall-clock reading is the instant in UTC. Spindle floors nanoseconds to micros.
            case "ts_ns" -> ((Timestamp) value).toLocalDateTime().toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            case "flt" -> (double) ((Number) value).floatValue();
            case "dec_i32", "dec_i64", "dec_fixed", "dec_wide", "dec_bin" -> result.getBigDecimal(index).setScale(spindleColumn.type().scale());
            default -> value;
        };
    }

    @ParameterizedTest(name = "dictionary {0}, {1}")
    @MethodSource("encodings")
    void readsDecimalsWiderThanEighteenDigitsInto128BitVectors(boolean dictionary, WriterVersion version)
            throws IOException
    {
        String file = write("wide-" + dictionary + "-" + version + ".parquet", WIDE_COLUMNS, dictionary, version, CompressionCodecName.SNAPPY);
        FileSource source = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
        assertEquals(DataType.decimal(38, 10), source.schema().field(1).type());
        assertEquals(DataType.decimal(30, 4), source.schema().field(2).type());
        // a plan may want the INT64 and INT32 decimals wider than the file holds them
        List<StructField> fields = new ArrayList<>(source.schema().fields());
        fields.set(3, new StructField("dec_i64", DataType.decimal(28, 4), true));
        fields.set(4, new StructField("dec_i32", DataType.decimal(20, 2), true));
        Schema widened = new Schema(fields);

        List<ColumnBatch> batches = readAll(source.splits().get(0), widened, List.of(0, 1, 2, 3, 4), 700);

        int row = 0;
        for (ColumnBatch batch : batches) {
            for (int c = 1; c < WIDE_COLUMNS.size(); c++) {
                assertTrue(batch.column(c) instanceof Decimal128Vector, "column " + c + " is " + batch.column(c).getClass().getSimpleName());
            }
            for (int i = 0; i < batch.rowCount(); i++, row++) {
                for (int c = 0; c < WIDE_COLUMNS.size(); c++) {
                    TestColumn column = WIDE_COLUMNS.get(c);
                    Object expected = column.written().apply(row) == null ? null : column.expected().apply(row);
                    assertEquals(expected, batch.column(c).getObject(i), "row " + row + " column " + column.name());
                }
            }
        }
        assertEquals(ROWS, row);
    }

    @Test
    void errorsNameTheFileAndColumn()
            throws IOException
    {
        String file = write("errors.parquet", true, WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY);
        FileSource source = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
        FileSplit split = source.splits().get(0);

        String missing = dir.resolve("no-such.parquet").toString();
        UncheckedIOException notFound = assertThrows(UncheckedIOException.class, () -> new ParquetBatchReader(
                conf, new FileSplit(missing, List.of(0), 0, 0, List.of()), source.schema(), List.of(0), 100));
        assertTrue(notFound.getMessage().contains(missing), notFound.getMessage());

        List<StructField> fields = new ArrayList<>(source.schema().fields());
        int comment = position("comment");
        fields.set(comment, new StructField("comment", DataType.LONG, false));
        IllegalStateException wrongType = assertThrows(IllegalStateException.class,
                () -> new ParquetBatchReader(conf, split, new Schema(fields), List.of(comment), 100));
        assertTrue(wrongType.getMessage().contains("'comment'") && wrongType.getMessage().contains(file), wrongType.getMessage());

        fields.set(comment, new StructField("remark", DataType.STRING, false));
        IllegalStateException notInFile = assertThrows(IllegalStateException.class,
                () -> new ParquetBatchReader(conf, split, new Schema(fields), List.of(comment), 100));
        assertTrue(notInFile.getMessage().contains("'remark'") && notInFile.getMessage().contains(file), notInFile.getMessage());

        IllegalStateException noSuchGroup = assertThrows(IllegalStateException.class, () -> new ParquetBatchReader(
                conf, new FileSplit(file, List.of(99), 0, 0, List.of()), source.schema(), List.of(0), 100));
        assertTrue(noSuchGroup.getMessage().contains("row group 99") && noSuchGroup.getMessage().contains(file), noSuchGroup.getMessage());

        java.nio.file.Path notParquet = dir.resolve("text.parquet");
        Files.writeString(notParquet, "id,name\n1,a\n".repeat(10));
        RuntimeException badFile = assertThrows(RuntimeException.class, () -> new ParquetBatchReader(
                conf, new FileSplit(notParquet.toString(), List.of(0), 0, 0, List.of()), source.schema(), List.of(0), 100));
        assertTrue(badFile.getMessage().contains(notParquet.toString()), badFile.getMessage());
    }

    @Test
    void corruptPageNamesTheColumn()
            throws IOException
    {
        String file = write("corrupt.parquet", false, WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY);
        ColumnChunkMetaData chunk = ParquetTestFiles.footer(file, conf).getBlocks().get(0).getColumns().get(position("comment"));
        try (RandomAccessFile raf = new RandomAccessFile(file, "rw")) {
            long middle = chunk.getStartingPos() + chunk.getTotalSize() / 2;
            raf.seek(middle);
            byte[] garbage = new byte[64];
            java.util.Arrays.fill(garbage, (byte) 0xFF);
            raf.write(garbage);
        }
        FileSource source = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
        List<Integer> columns = List.of(position("id"), position("comment"));

        // The local file system's own checksum catches it first, while reading the row group's chunks.
        RuntimeException checksum = assertThrows(UncheckedIOException.class,
                () -> readAll(source.splits().get(0), source.schema(), columns, 4096));
        assertTrue(checksum.getMessage().contains("[id, comment]") && checksum.getMessage().contains(file), checksum.getMessage());

        // Without it (as on a store that keeps no checksums) the page fails to decode, and the message names the column.
        Files.delete(dir.resolve(".corrupt.parquet.crc"));
        RuntimeException decode = assertThrows(IllegalStateException.class,
                () -> readAll(source.splits().get(0), source.schema(), columns, 4096));
        assertTrue(decode.getMessage().contains("column 'comment'") && decode.getMessage().contains(file), decode.getMessage());
    }

    private static List<ColumnBatch> readAll(FileSplit split, Schema schema, List<Integer> columns, int batchRows)
            throws IOException
    {
        List<ColumnBatch> batches = new ArrayList<>();
        try (ParquetBatchReader reader = new ParquetBatchReader(conf, split, schema, columns, batchRows)) {
            ColumnBatch batch;
            while ((batch = reader.next()) != null) {
                batches.add(batch);
            }
        }
        return batches;
    }

    /** Asserts that {@code batches} hold exactly rows {@code [firstRow, firstRow + rows)} of the written data. */
    private static void assertRows(List<ColumnBatch> batches, List<Integer> columns, int firstRow, int rows)
    {
        int row = firstRow;
        for (ColumnBatch batch : batches) {
            assertEquals(columns.size(), batch.columnCount());
            for (int i = 0; i < batch.rowCount(); i++, row++) {
                for (int c = 0; c < columns.size(); c++) {
                    TestColumn column = COLUMNS.get(columns.get(c));
                    Object expected = column.written().apply(row) == null ? null : column.expected().apply(row);
                    assertEquals(expected, batch.column(c).getObject(i), "row " + row + " column " + column.name());
                }
            }
        }
        assertEquals(firstRow + rows, row, "rows read");
    }

    private static String write(String fileName, boolean dictionary, WriterVersion version, CompressionCodecName codec)
            throws IOException
    {
        return write(fileName, COLUMNS, dictionary, version, codec);
    }

    private static String write(String fileName, List<TestColumn> columns, boolean dictionary, WriterVersion version, CompressionCodecName codec)
            throws IOException
    {
        String file = dir.resolve(fileName).toString();
        MessageType message = columns == COLUMNS ? MESSAGE : new MessageType("wide_decimals", columns.stream().map(TestColumn::parquet).toList());
        SimpleGroupFactory groups = new SimpleGroupFactory(message);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new Path(file))
                .withConf(conf)
                .withType(message)
                .withWriterVersion(version)
                .withDictionaryEncoding(dictionary)
                .withDictionaryPageSize(2048)
                .withCompressionCodec(codec)
                .withRowGroupSize(40 * 1024)
                .withPageSize(2048)
                .withMinRowCountForPageSizeCheck(20)
                .withMaxRowCountForPageSizeCheck(100)
                .build()) {
            for (int row = 0; row < ROWS; row++) {
                Group group = groups.newGroup();
                for (TestColumn column : columns) {
                    ParquetTestFiles.add(group, column.name(), column.written().apply(row));
                }
                writer.write(group);
            }
        }
        return file;
    }

    private static boolean anyChunk(ParquetMetadata footer, String column, java.util.function.Predicate<ColumnChunkMetaData> test)
    {
        for (BlockMetaData block : footer.getBlocks()) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                if (chunk.getPath().toDotString().equals(column) && test.test(chunk)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long chunkBytes(ParquetMetadata footer, List<Integer> rowGroups, Set<String> columns)
    {
        long bytes = 0;
        for (int group : rowGroups) {
            for (ColumnChunkMetaData chunk : footer.getBlocks().get(group).getColumns()) {
                if (columns.contains(chunk.getPath().toDotString())) {
                    bytes += chunk.getTotalSize();
                }
            }
        }
        return bytes;
    }

    private static List<Integer> allRowGroups(ParquetMetadata footer)
    {
        List<Integer> groups = new ArrayList<>();
        for (int i = 0; i < footer.getBlocks().size(); i++) {
            groups.add(i);
        }
        return groups;
    }

    private static List<Integer> allColumns()
    {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            all.add(i);
        }
        return all;
    }

    private static List<String> names(List<Integer> columns)
    {
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (int c : columns) {
            if (seen.add(COLUMNS.get(c).name())) {
                names.add(COLUMNS.get(c).name());
            }
        }
        return names;
    }

    private static int position(String name)
    {
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (COLUMNS.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static TestColumn column(Type parquet, IntFunction<Object> written, IntFunction<Object> expected)
    {
        return new TestColumn(parquet, written, expected);
    }

    private static TestColumn nullable(Type parquet, java.util.function.IntPredicate isNull, IntFunction<Object> written,
            IntFunction<Object> expected)
    {
        return new TestColumn(parquet, row -> isNull.test(row) ? null : written.apply(row), expected);
    }

    private static long bigLong(int row)
    {
        return (row % 2 == 0 ? 1 : -1) * row * 1_000_000_007L;
    }

    private static int days(int row)
    {
        return 18_000 + row % 400 - 100;
    }

    private static long millis(int row)
    {
        return EPOCH_2020_MILLIS + (row % 2 == 0 ? 1L : -1L) * row * 86_400_123L;
    }

    private static long nanos(int row)
    {
        return (row % 3 == 0 ? -1L : 1L) * (row * 1_000_003_999L + 7);
    }

    private static Instant micros(long micros)
    {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static String name(int row)
    {
        return row % 20 == 19 ? "" : "name-" + row % 20 + (row % 4 == 0 ? "-\u00e9\u4e2d" : "");
    }

    private static String comment(int row)
    {
        // Each value three times in a row, so dictionary encoding pays at first, then outgrows its page and falls back.
        return "comment " + row / 3 + " " + "x".repeat(row / 3 % 50);
    }

    /** Values of up to 30 digits, both signs, most beyond 64 bits. */
    private static BigInteger wideValue(int row)
    {
        return BigInteger.valueOf(row - 1500).multiply(new BigInteger("98765432109876543210987654"));
    }

    /** {@code value} sign-extended to {@code width} big-endian bytes. */
    private static byte[] fixedBytes(BigInteger value, int width)
    {
        byte[] minimal = value.toByteArray();
        byte[] bytes = new byte[width];
        java.util.Arrays.fill(bytes, 0, width - minimal.length, (byte) (value.signum() < 0 ? -1 : 0));
        System.arraycopy(minimal, 0, bytes, width - minimal.length, minimal.length);
        return bytes;
    }

    private static Binary twosComplement(long value, int width)
    {
        byte[] bytes = new byte[width];
        long v = value;
        for (int i = width - 1; i >= 0; i--) {
            bytes[i] = (byte) v;
            v >>= 8;
        }
        return Binary.fromConstantByteArray(bytes);
    }
}
