package io.spindle.runtime.io;

import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.source.ParquetSource;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.GroupWriter;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.ColumnIOFactory;
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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page decoder against parquet-mr's value-at-a-time path and against the values written: every type, required
 * and optional, PLAIN and dictionary values, data pages V1 and V2, many pages per chunk, several row groups, and the
 * fallback to the value-at-a-time path for encodings the page decoder leaves alone.
 */
class ParquetPageDecoderTest
{
    private static final int ROWS = 6000;
    private static final int ROWS_PER_GROUP = 2000;
    private static final long EPOCH_2020_MILLIS = 1_577_836_800_000L;

    private record TestColumn(Type parquet, IntFunction<Object> written, IntFunction<Object> expected)
    {
        String name()
        {
            return parquet.getName();
        }
    }

    private static final List<TestColumn> COLUMNS = List.of(
            column(Types.required(PrimitiveTypeName.INT64).named("id"), row -> (long) row, row -> (long) row),
            column(Types.required(PrimitiveTypeName.INT32).named("i32"), row -> row % 100 - 50, row -> row % 100 - 50),
            nullable(Types.optional(PrimitiveTypeName.INT32).named("i32_opt"), row -> row % 7 == 3,
                    row -> row * 7919 - 1_000_000, row -> row * 7919 - 1_000_000),
            // Nulls in stretches of 500 rows: long runs of one definition level, and whole pages without a value.
            nullable(Types.optional(PrimitiveTypeName.INT64).named("i64_opt"), row -> row / 500 % 3 == 1,
                    row -> (row % 37 - 18) * 1_000_000_007L, row -> (row % 37 - 18) * 1_000_000_007L),
            nullable(Types.optional(PrimitiveTypeName.INT32).named("sparse"), row -> row % 1000 != 999,
                    row -> row, row -> row),
            nullable(Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named("day"), row -> row % 13 == 5,
                    row -> 18_000 + row % 300, row -> LocalDate.ofEpochDay(18_000 + row % 300)),
            nullable(Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS)).named("ts_ms"),
                    row -> row % 5 == 1, ParquetPageDecoderTest::millis, row -> Instant.ofEpochMilli(millis(row))),
            column(Types.required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named("ts_us"),
                    row -> millis(row % 50) * 1000 + row % 7, row -> micros(millis(row % 50) * 1000 + row % 7)),
            nullable(Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(false, TimeUnit.NANOS)).named("ts_ns"),
                    row -> row % 9 == 4, ParquetPageDecoderTest::nanos, row -> micros(Math.floorDiv(nanos(row), 1000L))),
            column(Types.required(PrimitiveTypeName.DOUBLE).named("dbl"), row -> row * 0.5 - 7, row -> row * 0.5 - 7),
            nullable(Types.optional(PrimitiveTypeName.DOUBLE).named("dbl_opt"), row -> row % 6 == 0,
                    row -> (row % 10) * 1.25, row -> (row % 10) * 1.25),
            nullable(Types.optional(PrimitiveTypeName.FLOAT).named("flt"), row -> row % 8 == 7,
                    row -> (row % 40) * 0.1f, row -> (double) ((row % 40) * 0.1f)),
            column(Types.required(PrimitiveTypeName.BOOLEAN).named("flag"), row -> row % 3 == 0, row -> row % 3 == 0),
            nullable(Types.optional(PrimitiveTypeName.BOOLEAN).named("flag_opt"), row -> row % 10 == 9,
                    row -> row / 100 % 2 == 0, row -> row / 100 % 2 == 0),
            nullable(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("str"), row -> row % 17 == 0,
                    ParquetPageDecoderTest::name, ParquetPageDecoderTest::name),
            column(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("str_req"),
                    ParquetPageDecoderTest::comment, ParquetPageDecoderTest::comment),
            nullable(Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.decimalType(2, 9)).named("dec_i32"),
                    row -> row % 12 == 1, row -> row % 300 * 37 - 5_000, row -> BigDecimal.valueOf(row % 300 * 37 - 5_000, 2)),
            column(Types.required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(4, 18)).named("dec_i64"),
                    row -> row * 123_456_789L - 1_000_000_000_000L, row -> BigDecimal.valueOf(row * 123_456_789L - 1_000_000_000_000L, 4)),
            nullable(Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(8).as(LogicalTypeAnnotation.decimalType(3, 18))
                            .named("dec_fixed"), row -> row % 15 == 4,
                    row -> twosComplement(row % 200 * -987_654_321L, 8), row -> BigDecimal.valueOf(row % 200 * -987_654_321L, 3)),
            nullable(Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16).as(LogicalTypeAnnotation.decimalType(2, 18))
                            .named("dec_wide"), row -> row % 19 == 6,
                    row -> twosComplement((row - 3000) * 1_000_003L, 16), row -> BigDecimal.valueOf((row - 3000) * 1_000_003L, 2)),
            nullable(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.decimalType(2, 12)).named("dec_bin"),
                    row -> row % 16 == 5, row -> Binary.fromConstantByteArray(BigInteger.valueOf(row % 500 * 1000L - 150_000).toByteArray()),
                    row -> BigDecimal.valueOf(row % 500 * 1000L - 150_000, 2)));

    private static final MessageType MESSAGE = new MessageType("page_test", COLUMNS.stream().map(TestColumn::parquet).toList());

    @TempDir
    static java.nio.file.Path dir;

    private static Configuration conf;

    @BeforeAll
    static void setUp()
    {
        conf = new Configuration();
    }

    /** How the test file's values are encoded. */
    enum Values
    {
        /** parquet-mr's choice for the writer version: for V2 pages DELTA encodings, which the page decoder leaves alone. */
        WRITER_DEFAULT,
        /** PLAIN, or dictionary with a PLAIN fallback, whatever the page version. */
        PLAIN_OR_DICTIONARY
    }

    static Stream<Arguments> layouts()
    {
        List<Arguments> layouts = new ArrayList<>();
        for (boolean dictionary : new boolean[] {true, false}) {
            layouts.add(Arguments.of(dictionary, WriterVersion.PARQUET_1_0, Values.WRITER_DEFAULT));
            layouts.add(Arguments.of(dictionary, WriterVersion.PARQUET_2_0, Values.PLAIN_OR_DICTIONARY));
            layouts.add(Arguments.of(dictionary, WriterVersion.PARQUET_2_0, Values.WRITER_DEFAULT));
        }
        return layouts.stream();
    }

    @ParameterizedTest(name = "dictionary {0}, {1}, {2}")
    @MethodSource("layouts")
    void decodesEveryTypeAsTheValueAtATimePathDoes(boolean dictionary, WriterVersion version, Values values)
            throws IOException
    {
        String file = write("every-" + dictionary + "-" + version + "-" + values + ".parquet", dictionary, version, values);
        ParquetMetadata footer = ParquetTestFiles.footer(file, conf);
        assertEquals(ROWS / ROWS_PER_GROUP, footer.getBlocks().size());
        boolean v2 = version == WriterVersion.PARQUET_2_0;
        for (ColumnChunkMetaData chunk : footer.getBlocks().get(0).getColumns()) {
            assertEquals(v2, chunk.getEncodingStats().usesV2Pages(), chunk.getPath() + " " + chunk.getEncodingStats());
        }
        assertEquals(dictionary, chunk(footer, 0, "str").getEncodingStats().hasDictionaryEncodedPages());
        assertEquals(dictionary, chunk(footer, 0, "i32").getEncodingStats().hasDictionaryEncodedPages());
        if (dictionary) {
            EncodingStats fallback = chunk(footer, 0, "str_req").getEncodingStats();
            assertTrue(fallback.hasDictionaryEncodedPages() && fallback.hasNonDictionaryEncodedPages(),
                    "str_req should fall back from dictionary to another encoding: " + fallback);
        }
        for (String column : List.of("dbl", "str_req", "flag", "i64_opt")) {
            assertTrue(pageCount(file, 0, column) >= 3, column + " should have several pages, has " + pageCount(file, 0, column));
        }

        FileSource source = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
        List<Integer> all = IntStream.range(0, COLUMNS.size()).boxed().toList();
        Read byPage = read(source.splits().get(0), source.schema(), all, 777, true);
        Read byValue = read(source.splits().get(0), source.schema(), all, 777, false);

        int chunks = all.size() * footer.getBlocks().size();
        assertEquals(0, byValue.chunksByPage());
        assertEquals(chunks, byValue.chunksByValue());
        if (values == Values.WRITER_DEFAULT && v2) {
            // Ints, longs and byte arrays fall back to DELTA encodings here, so both paths are in one batch.
            assertTrue(byPage.chunksByValue() > 0, "some chunks are DELTA-encoded and must be read value by value");
            assertTrue(byPage.chunksByPage() > 0, "doubles and booleans are still decoded by page");
        }
        else {
            assertEquals(chunks, byPage.chunksByPage(), "every chunk is PLAIN or dictionary-encoded");
        }
        assertSameBatches(byValue.batches(), byPage.batches(), all);
        assertRows(byPage.batches(), all, 0, ROWS);
    }

    @Test
    void batchesOfOneRowAndOfWholeRowGroups()
            throws IOException
    {
        String file = write("sizes.parquet", true, WriterVersion.PARQUET_2_0, Values.PLAIN_OR_DICTIONARY);
        FileSource source = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
        List<Integer> columns = List.of(position("str"), position("flag_opt"), position("i64_opt"), position("dec_wide"), position("id"));
        FileSplit secondGroup = new FileSplit(file, List.of(1), 0, 0, List.of());
        Read single = read(secondGroup, source.schema(), columns, 1, true);
        assertEquals(ROWS_PER_GROUP, single.batches().size());
        assertRows(single.batches(), columns, ROWS_PER_GROUP, ROWS_PER_GROUP);
        Read whole = read(source.splits().get(0), source.schema(), columns, 1 << 20, true);
        assertEquals(ROWS / ROWS_PER_GROUP, whole.batches().size(), "one batch per row group");
        assertRows(whole.batches(), columns, 0, ROWS);
    }

    @Test
    void columnWithoutNullsCarriesNoNullMask()
            throws IOException
    {
        String file = write("masks.parquet", true, WriterVersion.PARQUET_1_0, Values.WRITER_DEFAULT);
        FileSource source = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
        List<Integer> columns = List.of(position("i64_opt"), position("id"));
        Read read = read(source.splits().get(0), source.schema(), columns, 250, true);
        int batchesWithNulls = 0;
        for (int b = 0; b < read.batches().size(); b++) {
            ColumnBatch batch = read.batches().get(b);
            // i64_opt is null in rows 500-999, 2000-2499, ...: a batch of 250 rows is either all null or all set.
            boolean allNull = (b * 250) / 500 % 3 == 1;
            assertEquals(allNull, batch.column(0).mayHaveNulls(), "batch " + b);
            batchesWithNulls += allNull ? 1 : 0;
            assertFalse(batch.column(1).mayHaveNulls(), "required column, batch " + b);
        }
        assertEquals(8, batchesWithNulls);
    }

    @Test
    void readsFilesDuckDbWrote()
            throws IOException, SQLException
    {
        String file = dir.resolve("duck-written.parquet").toString();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            statement.execute("COPY (SELECT i::BIGINT AS id, "
                    + "CASE WHEN i % 7 = 3 THEN NULL ELSE (i % 50)::INTEGER END AS small, "
                    + "CASE WHEN i % 11 = 0 THEN NULL ELSE i * 0.25 END::DOUBLE AS dbl, "
                    + "(i % 1000 * 1.5)::DECIMAL(12, 2) AS price, "
                    + "(i % 90)::DECIMAL(4, 1) AS small_dec, "
                    + "(i * 37)::DECIMAL(18, 0) AS wide_dec, "
                    + "DATE '1995-01-01' + (i % 700)::INTEGER AS day, "
                    + "i % 3 = 0 AS flag, "
                    + "CASE WHEN i % 13 = 0 THEN NULL ELSE 'status-' || (i % 5) END AS status, "
                    + "'comment ' || i AS comment "
                    + "FROM range(50000) t(i)) TO '" + file + "' (FORMAT PARQUET, ROW_GROUP_SIZE 20000)");
        }
        FileSource source = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
        List<Integer> all = IntStream.range(0, source.schema().size()).boxed().toList();
        Read byPage = read(source.splits().get(0), source.schema(), all, 4096, true);
        Read byValue = read(source.splits().get(0), source.schema(), all, 4096, false);
        assertEquals(byPage.chunksByPage() + byPage.chunksByValue(), byValue.chunksByValue());
        assertTrue(byPage.chunksByPage() > 0, "DuckDB writes PLAIN and dictionary pages");
        assertSameBatches(byValue.batches(), byPage.batches(), all);
        assertEquals(50_000, byPage.batches().stream().mapToInt(ColumnBatch::rowCount).sum());
        ColumnBatch first = byPage.batches().get(0);
        assertEquals(new BigDecimal("4.50"), first.column(source.schema().indexOf("price").orElseThrow()).getObject(3));
        assertEquals("status-1", first.column(source.schema().indexOf("status").orElseThrow()).getObject(1));
        assertNull(first.column(source.schema().indexOf("status").orElseThrow()).getObject(13));
    }

    @Test
    void repeatedColumnFailsWithItsName()
            throws IOException
    {
        MessageType repeated = new MessageType("nested", Types.required(PrimitiveTypeName.INT32).named("id"),
                Types.repeated(PrimitiveTypeName.INT32).named("xs"));
        String file = dir.resolve("repeated.parquet").toString();
        SimpleGroupFactory groups = new SimpleGroupFactory(repeated);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new Path(file)).withConf(conf).withType(repeated).build()) {
            writer.write(groups.newGroup().append("id", 1).append("xs", 2).append("xs", 3));
        }
        Schema schema = new Schema(List.of(new StructField("id", DataType.INT, false), new StructField("xs", DataType.INT, true)));
        FileSplit split = new FileSplit(file, List.of(0), 0, 0, List.of());
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new ParquetBatchReader(conf, split, schema, List.of(1), 100, true));
        assertTrue(failure.getMessage().contains("'xs'") && failure.getMessage().contains(file)
                && failure.getMessage().contains("nested or repeated"), failure.getMessage());

        Read flat = read(split, schema, List.of(0), 100, true);
        assertEquals(1, flat.batches().get(0).column(0).getObject(0));
    }

    private record Read(List<ColumnBatch> batches, long chunksByPage, long chunksByValue)
    {
    }

    private static Read read(FileSplit split, Schema schema, List<Integer> columns, int batchRows, boolean decodePages)
            throws IOException
    {
        List<ColumnBatch> batches = new ArrayList<>();
        try (ParquetBatchReader reader = new ParquetBatchReader(conf, split, schema, columns, batchRows, decodePages)) {
            ColumnBatch batch;
            while ((batch = reader.next()) != null) {
                batches.add(batch);
            }
            return new Read(batches, reader.chunksDecodedByPage(), reader.chunksDecodedByValue());
        }
    }

    /** Asserts that two reads hold the same batches: row counts, vector types, nulls and values. */
    private static void assertSameBatches(List<ColumnBatch> expected, List<ColumnBatch> actual, List<Integer> columns)
    {
        assertEquals(expected.size(), actual.size(), "batches");
        int firstRow = 0;
        for (int b = 0; b < expected.size(); b++) {
            ColumnBatch want = expected.get(b);
            ColumnBatch got = actual.get(b);
            assertEquals(want.rowCount(), got.rowCount(), "rows of batch " + b);
            for (int c = 0; c < columns.size(); c++) {
                ColumnVector wantColumn = want.column(c);
                ColumnVector gotColumn = got.column(c);
                assertEquals(wantColumn.getClass(), gotColumn.getClass());
                assertEquals(wantColumn.type(), gotColumn.type());
                assertEquals(wantColumn.mayHaveNulls(), gotColumn.mayHaveNulls(), "null mask of column " + c + " in batch " + b);
                for (int i = 0; i < want.rowCount(); i++) {
                    assertEquals(wantColumn.isNull(i), gotColumn.isNull(i), "row " + (firstRow + i) + " column " + c);
                    assertEquals(wantColumn.getObject(i), gotColumn.getObject(i), "row " + (firstRow + i) + " column " + c);
                }
            }
            firstRow += want.rowCount();
        }
    }

    /** Asserts that {@code batches} hold exactly rows {@code [firstRow, firstRow + rows)} of the written data. */
    private static void assertRows(List<ColumnBatch> batches, List<Integer> columns, int firstRow, int rows)
    {
        int row = firstRow;
        for (ColumnBatch batch : batches) {
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

    /**
     * Writes the test rows in row groups of {@link #ROWS_PER_GROUP} rows and pages of at most 1 KiB or 300 rows, through parquet-mr's
     * column writers, so the values encoding can be chosen apart from the page version.
     */
    private static String write(String fileName, boolean dictionary, WriterVersion version, Values values)
            throws IOException
    {
        ParquetProperties.Builder builder = ParquetProperties.builder()
                .withWriterVersion(version)
                .withDictionaryEncoding(dictionary)
                .withDictionaryPageSize(4096)
                .withPageSize(1024)
                .withPageRowCountLimit(300)
                .withMinRowCountForPageSizeCheck(10)
                .withMaxRowCountForPageSizeCheck(50);
        if (values == Values.PLAIN_OR_DICTIONARY) {
            builder.withValuesWriterFactory(new DefaultV1ValuesWriterFactory());
        }
        ParquetProperties properties = builder.build();
        String file = dir.resolve(fileName).toString();
        Path path = new Path(file);
        CodecFactory codecs = new CodecFactory(conf, properties.getPageSizeThreshold());
        ParquetFileWriter fileWriter = new ParquetFileWriter(HadoopOutputFile.fromPath(path, conf), MESSAGE, ParquetFileWriter.Mode.CREATE,
                64L << 20, 0);
        fileWriter.start();
        SimpleGroupFactory groups = new SimpleGroupFactory(MESSAGE);
        for (int first = 0; first < ROWS; first += ROWS_PER_GROUP) {
            ColumnChunkPageWriteStore pageStore = new ColumnChunkPageWriteStore(codecs.getCompressor(CompressionCodecName.SNAPPY), MESSAGE,
                    properties.getAllocator(), properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
            ColumnWriteStore columnStore = properties.newColumnWriteStore(MESSAGE, pageStore);
            GroupWriter writer = new GroupWriter(new ColumnIOFactory().getColumnIO(MESSAGE).getRecordWriter(columnStore), MESSAGE);
            for (int row = first; row < first + ROWS_PER_GROUP; row++) {
                Group group = groups.newGroup();
                for (TestColumn column : COLUMNS) {
                    ParquetTestFiles.add(group, column.name(), column.written().apply(row));
                }
                writer.write(group);
            }
            columnStore.flush();
            fileWriter.startBlock(ROWS_PER_GROUP);
            pageStore.flushToFileWriter(fileWriter);
            fileWriter.endBlock();
            columnStore.close();
            pageStore.close();
        }
        fileWriter.end(Map.of());
        codecs.release();
        return file;
    }

    private static ColumnChunkMetaData chunk(ParquetMetadata footer, int rowGroup, String column)
    {
        BlockMetaData block = footer.getBlocks().get(rowGroup);
        return block.getColumns().stream().filter(chunk -> chunk.getPath().toDotString().equals(column)).findFirst().orElseThrow();
    }

    /** Data pages of {@code column} in row group {@code rowGroup}; also checks each page's version against the footer's. */
    private static int pageCount(String file, int rowGroup, String column)
            throws IOException
    {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
            ColumnDescriptor descriptor = MESSAGE.getColumnDescription(new String[] {column});
            boolean v2 = chunk(reader.getFooter(), rowGroup, column).getEncodingStats().usesV2Pages();
            PageReadStore pages = reader.readRowGroup(rowGroup);
            PageReader pageReader = pages.getPageReader(descriptor);
            int count = 0;
            DataPage page;
            while ((page = pageReader.readPage()) != null) {
                assertEquals(v2, page instanceof DataPageV2);
                count++;
            }
            return count;
        }
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

    private static TestColumn nullable(Type parquet, IntPredicate isNull, IntFunction<Object> written, IntFunction<Object> expected)
    {
        return new TestColumn(parquet, row -> isNull.test(row) ? null : written.apply(row), expected);
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
        // Each value three times in a row, so a dictionary pays at first, then outgrows its page and falls back.
        return "comment " + row / 3 + " " + "x".repeat(row / 3 % 50);
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
