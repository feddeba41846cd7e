package io.spindle.runtime.io;

import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Comparison.Operator;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.source.ParquetSource;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Page skipping by the page index against a full read of the same file: parquet-mr writes files sorted by id in pages
 * of at most 100 rows or 1 KiB, so the long id column and the wide name column break pages at different rows. Whatever
 * the filter, the reader must return every row that passes it, each row's columns must belong to that row, and fewer
 * pages and rows must be read.
 */
class ParquetPageIndexFilterTest
{
    private static final int ROWS = 20_000;
    private static final int ID = 0;
    private static final int NAME = 1;
    private static final int AMOUNT = 2;
    private static final int PRICE = 3;
    private static final int FLAG = 4;
    private static final List<Integer> ALL = List.of(ID, NAME, AMOUNT, PRICE, FLAG);

    private static final MessageType MESSAGE = new MessageType("page_index_test",
            Types.required(PrimitiveTypeName.INT64).named("id"),
            Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("name"),
            Types.optional(PrimitiveTypeName.INT32).named("amount"),
            Types.optional(PrimitiveTypeName.DOUBLE).named("price"),
            Types.required(PrimitiveTypeName.BOOLEAN).named("flag"));

    @TempDir
    static java.nio.file.Path dir;

    private static Configuration conf;
    private static String indexed;
    private static String deltaEncoded;
    private static String withoutPageIndex;

    @BeforeAll
    static void writeFiles()
            throws IOException
    {
        conf = new Configuration();
        conf.set("fs.file.impl.disable.cache", "true");
        indexed = write("indexed.parquet", WriterVersion.PARQUET_1_0, true);
        deltaEncoded = write("delta.parquet", WriterVersion.PARQUET_2_0, false);
        withoutPageIndex = withoutPageIndex(indexed, "no-page-index.parquet");
    }

    // ---- the data: every column is a function of id, so a row whose columns disagree shows misaligned pages

    private static String name(long id)
    {
        return "name-" + String.format("%08d", id) + "-" + "x".repeat((int) (id % 40));
    }

    private static Integer amount(long id)
    {
        return id % 11 == 3 ? null : (int) id * 3;
    }

    /** Nulls in stretches of 700 rows, so whole pages hold only nulls. */
    private static Double price(long id)
    {
        return id / 700 % 3 == 1 ? null : id * 0.25;
    }

    private static boolean flag(long id)
    {
        return id % 3 == 0;
    }

    private static Object[] expectedRow(long id)
    {
        return new Object[] {id, name(id), amount(id), price(id), flag(id)};
    }

    private static String write(String fileName, WriterVersion version, boolean dictionary)
            throws IOException
    {
        String file = dir.resolve(fileName).toString();
        SimpleGroupFactory groups = new SimpleGroupFactory(MESSAGE);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new Path(file))
                .withConf(conf)
                .withType(MESSAGE)
                .withWriterVersion(version)
                .withDictionaryEncoding(dictionary)
                .withPageRowCountLimit(100)
                .withPageSize(1024)
                .withMinRowCountForPageSizeCheck(5)
                .withMaxRowCountForPageSizeCheck(20)
                .withRowGroupSize(256L * 1024)
                .build()) {
            for (long id = 0; id < ROWS; id++) {
                Group group = groups.newGroup().append("id", id).append("name", name(id)).append("flag", flag(id));
                if (amount(id) != null) {
                    group.append("amount", amount(id));
                }
                if (price(id) != null) {
                    group.append("price", price(id));
                }
                writer.write(group);
            }
        }
        return file;
    }

    /** A copy of {@code file} without column indexes and offset indexes: parquet-mr copies row groups without them. */
    private static String withoutPageIndex(String file, String fileName)
            throws IOException
    {
        String copy = dir.resolve(fileName).toString();
        ParquetFileWriter writer = new ParquetFileWriter(HadoopOutputFile.fromPath(new Path(copy), conf), MESSAGE, ParquetFileWriter.Mode.CREATE,
                256L * 1024, 0);
        writer.start();
        writer.appendFile(HadoopInputFile.fromPath(new Path(file), conf));
        writer.end(Map.of());
        return copy;
    }

    // ---- filters, as the planner pushes them (columns by file-schema position), each with the same test in Java

    private record Filter(Expression expression, Predicate<Object[]> test)
    {
    }

    private static final ColumnRef ID_REF = new ColumnRef(ID, "id", DataType.LONG, false);
    private static final ColumnRef NAME_REF = new ColumnRef(NAME, "name", DataType.STRING, false);
    private static final ColumnRef AMOUNT_REF = new ColumnRef(AMOUNT, "amount", DataType.INT, true);
    private static final ColumnRef PRICE_REF = new ColumnRef(PRICE, "price", DataType.DOUBLE, true);

    private static Filter idAtLeast(long value)
    {
        return new Filter(new Comparison(Operator.GREATER_THAN_OR_EQUAL, ID_REF, Literal.of(value)), row -> (long) row[ID] >= value);
    }

    private static Filter idBelow(long value)
    {
        return new Filter(new Comparison(Operator.LESS_THAN, ID_REF, Literal.of(value)), row -> (long) row[ID] < value);
    }

    private static Filter idEquals(long value)
    {
        // literal on the left, as a user may write it
        return new Filter(new Comparison(Operator.EQUAL, Literal.of(value), ID_REF), row -> (long) row[ID] == value);
    }

    private static Filter nameAbove(String value)
    {
        return new Filter(new Comparison(Operator.GREATER_THAN, NAME_REF, Literal.of(value)), row -> ((String) row[NAME]).compareTo(value) > 0);
    }

    private static Filter amountAtMost(int value)
    {
        return new Filter(new Comparison(Operator.LESS_THAN_OR_EQUAL, AMOUNT_REF, Literal.of(value)),
                row -> row[AMOUNT] != null && (int) row[AMOUNT] <= value);
    }

    private static Filter priceAbove(double value)
    {
        return new Filter(new Comparison(Operator.GREATER_THAN, PRICE_REF, Literal.of(value)),
                row -> row[PRICE] != null && (double) row[PRICE] > value);
    }

    private static Filter priceBelow(double value)
    {
        return new Filter(new Comparison(Operator.LESS_THAN, PRICE_REF, Literal.of(value)),
                row -> row[PRICE] != null && (double) row[PRICE] < value);
    }

    private static Filter priceIsNull()
    {
        return new Filter(new IsNull(PRICE_REF), row -> row[PRICE] == null);
    }

    private static Filter priceIsNotNull()
    {
        return new Filter(new Not(new IsNull(PRICE_REF)), row -> row[PRICE] != null);
    }

    // ---- tests

    @Test
    void theFileHasManyPagesThatStartAtDifferentRowsInDifferentColumns()
            throws IOException
    {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(indexed), conf))) {
            BlockMetaData first = reader.getFooter().getBlocks().get(0);
            OffsetIndex ids = reader.readOffsetIndex(chunk(first, "id"));
            OffsetIndex names = reader.readOffsetIndex(chunk(first, "name"));
            assertTrue(ids.getPageCount() >= 10, "pages of id: " + ids.getPageCount());
            assertTrue(names.getPageCount() > 2 * ids.getPageCount(), "pages of name " + names.getPageCount() + " vs id " + ids.getPageCount());
            assertTrue(reader.getFooter().getBlocks().size() > 1, "row groups: " + reader.getFooter().getBlocks().size());
            assertTrue(reader.readColumnIndex(chunk(first, "id")) != null);
        }
    }

    @Test
    void aRangeOnTheSortedColumnReadsFewerPagesAndKeepsEveryMatchingRow()
            throws IOException
    {
        for (int batchRows : new int[] {37, 1000, 4096}) {
            assertSkipsPages(indexed, List.of(idAtLeast(12_345), idBelow(12_900)), batchRows, true);
            assertSkipsPages(indexed, List.of(idEquals(7_777)), batchRows, true);
            assertSkipsPages(indexed, List.of(idBelow(150)), batchRows, true);
            assertSkipsPages(indexed, List.of(idAtLeast(ROWS - 40)), batchRows, true);
        }
    }

    @Test
    void filtersOnTheWideColumnAndOnTwoColumnsIntersectTheirPages()
            throws IOException
    {
        assertSkipsPages(indexed, List.of(nameAbove(name(18_000))), 500, true);
        assertSkipsPages(indexed, List.of(amountAtMost(3 * 2_000), idAtLeast(1_500)), 4096, true);
        // a double column's pages are not skipped for > (they may hold NaN, which sorts above every number), the int column's are
        assertSkipsPages(indexed, List.of(amountAtMost(3 * 2_200), priceAbove(0.25 * 2_050)), 4096, true);
    }

    @Test
    void nullCountsAndNullPagesSkipPagesOfNullableColumns()
            throws IOException
    {
        assertSkipsPages(indexed, List.of(priceIsNull()), 4096, true);
        // rows [0, 700) and [1400, 2800) have prices: two ranges of rows, which one batch of 4096 rows spans
        assertSkipsPages(indexed, List.of(priceIsNotNull(), idBelow(3_000)), 4096, true);
        assertSkipsPages(indexed, List.of(priceIsNotNull(), idBelow(3_000)), 1000, true);
        assertSkipsPages(indexed, List.of(priceIsNull(), idBelow(3_000)), 4096, true);
        assertSkipsPages(indexed, List.of(priceBelow(0.25 * 1_000)), 4096, true);
    }

    @Test
    void theValueAtATimeFallbackReturnsTheSameRows()
            throws IOException
    {
        // pages decoded by parquet-mr for every column
        assertSkipsPages(indexed, List.of(idAtLeast(12_345), idBelow(12_900)), 1000, false);
        assertSkipsPages(indexed, List.of(priceIsNotNull(), nameAbove(name(16_000))), 4096, false);
        // DELTA encodings: the page decoder declines the chunks and parquet-mr decodes them beside booleans the page decoder reads
        Read delta = assertSkipsPages(deltaEncoded, List.of(idAtLeast(5_000), idBelow(5_333)), 4096, true);
        assertTrue(delta.chunksByValue() > 0, "chunks decoded by value " + delta.chunksByValue());
        assertTrue(delta.chunksByPage() > 0, "chunks decoded by page " + delta.chunksByPage());
        assertSkipsPages(deltaEncoded, List.of(priceIsNull(), idBelow(9_000)), 777, true);
    }

    @Test
    void aFilterThatNoPageCanMatchReturnsNoRows()
            throws IOException
    {
        Read none = read(indexed, ALL, expressions(List.of(idAtLeast(ROWS), idBelow(ROWS + 5))), 4096, true);
        assertEquals(0, none.rows().size());
        assertEquals(ROWS, none.rowsSkipped());
        assertTrue(none.pagesSkipped() > 0);
    }

    @Test
    void filtersWithoutUsableStatisticsReadEveryPage()
            throws IOException
    {
        Filter notEqual = new Filter(new Comparison(Operator.NOT_EQUAL, ID_REF, Literal.of(5L)), row -> (long) row[ID] != 5L);
        Read read = read(indexed, ALL, List.of(notEqual.expression()), 4096, true);
        assertEquals(ROWS, read.rows().size());
        assertEquals(0, read.pagesSkipped());
        assertEquals(0, read.rowsSkipped());
    }

    @Test
    void aFileWithoutPageIndexesIsReadWhole()
            throws IOException
    {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(withoutPageIndex), conf))) {
            BlockMetaData first = reader.getFooter().getBlocks().get(0);
            assertNull(reader.readColumnIndex(chunk(first, "id")));
            assertNull(reader.readOffsetIndex(chunk(first, "name")));
        }
        List<Filter> filters = List.of(idAtLeast(12_345), idBelow(12_900));
        Read read = read(withoutPageIndex, ALL, expressions(filters), 4096, true);
        assertEquals(0, read.pagesSkipped());
        assertEquals(0, read.rowsSkipped());
        assertEquals(ROWS, read.rows().size());
        assertRowsMatch(read.rows());
    }

    @Test
    void aColumnReadTwiceAndAFilteredColumnLeftOutStayAligned()
            throws IOException
    {
        // the filter's column is not among those read, and name is read twice
        List<Integer> columns = List.of(NAME, FLAG, NAME);
        Read read = read(indexed, columns, expressions(List.of(idAtLeast(4_000), idBelow(4_250))), 64, true);
        assertTrue(read.pagesSkipped() > 0);
        Set<Long> ids = new HashSet<>();
        for (Object[] row : read.rows()) {
            long id = Long.parseLong(((String) row[0]).substring(5, 13));
            assertEquals(name(id), row[0]);
            assertEquals(flag(id), row[1]);
            assertEquals(name(id), row[2]);
            ids.add(id);
        }
        for (long id = 4_000; id < 4_250; id++) {
            assertTrue(ids.contains(id), "row " + id + " is missing");
        }
        assertTrue(read.rows().size() < 1_000, "rows read " + read.rows().size());
    }

    /**
     * Reads {@code file} with the filters' pages skipped and without, and asserts that the skipping read returns every
     * row of the full read that passes the filters, only rows of the file, each whole, in file order, and that it left
     * out pages and rows.
     */
    private static Read assertSkipsPages(String file, List<Filter> filters, int batchRows, boolean decodePages)
            throws IOException
    {
        Predicate<Object[]> passes = row -> filters.stream().allMatch(filter -> filter.test().test(row));
        Read full = read(file, ALL, List.of(), batchRows, decodePages);
        assertEquals(ROWS, full.rows().size());
        assertEquals(0, full.pagesSkipped());
        Read skipping = read(file, ALL, expressions(filters), batchRows, decodePages);
        String what = filters.stream().map(filter -> filter.expression().toString()).toList() + " in batches of " + batchRows;

        assertRowsMatch(skipping.rows());
        List<Long> expected = full.rows().stream().filter(passes).map(row -> (long) row[ID]).toList();
        List<Long> actual = skipping.rows().stream().filter(passes).map(row -> (long) row[ID]).toList();
        assertFalse(expected.isEmpty(), what + " matches no row; the test would prove nothing");
        assertEquals(expected, actual, what);
        long[] ids = skipping.rows().stream().mapToLong(row -> (long) row[ID]).toArray();
        assertTrue(IntStream.range(1, ids.length).allMatch(i -> ids[i - 1] < ids[i]), what + ": rows out of order or repeated");

        assertTrue(skipping.pagesSkipped() > 0, what + ": no page skipped");
        assertEquals(ROWS - skipping.rows().size(), skipping.rowsSkipped(), what);
        assertTrue(skipping.rows().size() < ROWS / 2, what + ": " + skipping.rows().size() + " rows read");
        return skipping;
    }

    /** Asserts that every column of every row holds the value written for the row's id. */
    private static void assertRowsMatch(List<Object[]> rows)
    {
        for (Object[] row : rows) {
            long id = (long) row[ID];
            assertEquals(Arrays.asList(expectedRow(id)), Arrays.asList(row), "row " + id);
        }
    }

    private static List<Expression> expressions(List<Filter> filters)
    {
        return filters.stream().map(Filter::expression).toList();
    }

    private record Read(List<Object[]> rows, long pagesSkipped, long rowsSkipped, long chunksByPage, long chunksByValue)
    {
    }

    private static Read read(String file, List<Integer> columns, List<Expression> filters, int batchRows, boolean decodePages)
            throws IOException
    {
        Schema schema = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE).schema();
        int rowGroups;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
            rowGroups = reader.getFooter().getBlocks().size();
        }
        FileSplit split = new FileSplit(file, IntStream.range(0, rowGroups).boxed().toList(), 0, 0, List.of());
        List<Object[]> rows = new ArrayList<>();
        try (ParquetBatchReader reader = new ParquetBatchReader(conf, split, schema, columns, batchRows, decodePages, filters)) {
            ColumnBatch batch;
            while ((batch = reader.next()) != null) {
                assertTrue(batch.rowCount() > 0 && batch.rowCount() <= batchRows, "batch of " + batch.rowCount() + " rows");
                for (int i = 0; i < batch.rowCount(); i++) {
                    Object[] row = new Object[columns.size()];
                    for (int c = 0; c < columns.size(); c++) {
                        row[c] = batch.column(c).getObject(i);
                    }
                    rows.add(row);
                }
            }
            assertEquals(rows.size(), reader.rowsRead());
            return new Read(rows, reader.pagesSkipped(), reader.rowsSkipped(), reader.chunksDecodedByPage(), reader.chunksDecodedByValue());
        }
    }

    private static ColumnChunkMetaData chunk(BlockMetaData rowGroup, String name)
    {
        return rowGroup.getColumns().stream().filter(chunk -> chunk.getPath().toDotString().equals(name)).findFirst().orElseThrow();
    }
}
