package io.spindle.benchmarks.jmh;

import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.source.ParquetSource;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.runtime.io.ParquetBatchReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@link ParquetBatchReader} decoding one column of a lineitem-like Parquet file of {@value #ROWS} rows, written in
 * {@link Setup} with parquet-mr (Snappy, 16 MiB row groups, data pages V1, optional columns without nulls, as Spark
 * and the TPC-H harness write them). Each invocation reads every split of the file into batches; the score is rows
 * (values of the one column) per second. The peer, {@link #parquetMrColumnReader}, decodes the same column value by
 * value through parquet-mr's {@link ColumnReader} into vectors of the same size.
 *
 * <p>Three columns are written with dictionary encoding and three without, one of each type, and the set-up checks
 * from the footer that every page is encoded as named:
 * {@code long_plain} l_orderkey (ascending, one to seven rows per order), {@code double_plain} l_extendedprice
 * (almost all distinct), {@code string_plain} l_comment (10 to 43 bytes of words); {@code long_dict} l_suppkey
 * (10,000 values), {@code double_dict} l_quantity (50 values), {@code string_dict} l_shipmode (7 values).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkData.HEAP_MIN, BenchmarkData.HEAP_MAX, BenchmarkData.LOGGING})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ParquetDecodeBenchmark
{
    static final int ROWS = 1 << 20;

    private static final List<String> PLAIN_COLUMNS = List.of("l_orderkey", "l_extendedprice", "l_comment");
    private static final String[] SHIP_MODES = {"AIR", "FOB", "MAIL", "RAIL", "REG AIR", "SHIP", "TRUCK"};
    private static final String[] WORDS = {"furiously", "quickly", "carefully", "blithely", "slyly", "final", "regular",
            "express", "pending", "ironic", "bold", "even", "special", "deposits", "requests", "packages", "accounts",
            "theodolites", "foxes", "pinto", "beans", "instructions", "dependencies", "sleep", "haggle", "nag", "wake"};

    @Param({"long_plain", "double_plain", "string_plain", "long_dict", "double_dict", "string_dict"})
    public String column;

    /** Rows of the file; only a test makes it smaller. */
    int rows = ROWS;

    private final Configuration conf = new Configuration();
    private java.nio.file.Path dir;
    private Path file;
    private String name;
    private FileSource source;
    private List<Integer> columns;

    @Setup
    public void setUp()
            throws IOException
    {
        name = switch (column) {
            case "long_plain" -> "l_orderkey";
            case "double_plain" -> "l_extendedprice";
            case "string_plain" -> "l_comment";
            case "long_dict" -> "l_suppkey";
            case "double_dict" -> "l_quantity";
            case "string_dict" -> "l_shipmode";
            default -> throw new IllegalArgumentException("unknown column '" + column
                    + "'; expected one of long_plain, double_plain, string_plain, long_dict, double_dict, string_dict");
        };
        dir = Files.createTempDirectory("spindle-parquet-benchmark");
        file = new Path(dir.resolve("lineitem.parquet").toUri());
        writeLineitem(file);
        // Without its checksum file the local file system reads the file as it is: the reads time decoding, not
        // Hadoop's verification of the checksums, which a read from HDFS or S3 would not do either.
        Files.delete(dir.resolve(".lineitem.parquet.crc"));
        checkEncoding();
        source = ParquetSource.open(conf, List.of(file.toString()), Long.MAX_VALUE);
        columns = List.of(source.schema().indexOf(name).orElseThrow());
    }

    @TearDown
    public void tearDown()
            throws IOException
    {
        Files.deleteIfExists(dir.resolve("lineitem.parquet"));
        Files.delete(dir);
    }

    private void writeLineitem(Path file)
            throws IOException
    {
        MessageType schema = Types.buildMessage()
                .optional(PrimitiveTypeName.INT64).named("l_orderkey")
                .optional(PrimitiveTypeName.INT64).named("l_suppkey")
                .optional(PrimitiveTypeName.DOUBLE).named("l_quantity")
                .optional(PrimitiveTypeName.DOUBLE).named("l_extendedprice")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("l_shipmode")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("l_comment")
                .named("lineitem");
        ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
                .withConf(conf)
                .withType(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(16L << 20)
                .withWriterVersion(WriterVersion.PARQUET_1_0)
                .withDictionaryEncoding(true);
        for (String plain : PLAIN_COLUMNS) {
            builder = builder.withDictionaryEncoding(plain, false);
        }
        SplittableRandom random = new SplittableRandom(BenchmarkData.SEED);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        StringBuilder comment = new StringBuilder();
        try (ParquetWriter<Group> writer = builder.build()) {
            long orderKey = 1;
            int linesLeft = 1 + random.nextInt(7);
            for (int row = 0; row < rows; row++) {
                if (linesLeft == 0) {
                    orderKey += 1 + random.nextInt(3);
                    linesLeft = 1 + random.nextInt(7);
                }
                linesLeft--;
                double quantity = 1 + random.nextInt(50);
                int length = 10 + random.nextInt(34);
                comment.setLength(0);
                while (comment.length() < length) {
                    comment.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                }
                comment.setLength(length);
                writer.write(groups.newGroup()
                        .append("l_orderkey", orderKey)
                        .append("l_suppkey", 1L + random.nextInt(10_000))
                        .append("l_quantity", quantity)
                        .append("l_extendedprice", quantity * (90_000 + random.nextInt(10_000_000)) / 100)
                        .append("l_shipmode", SHIP_MODES[random.nextInt(SHIP_MODES.length)])
                        .append("l_comment", comment.toString()));
            }
        }
    }

    /** Fails unless every page of the column is dictionary-encoded, or none is, as this benchmark names it. */
    private void checkEncoding()
            throws IOException
    {
        boolean dictionary = !PLAIN_COLUMNS.contains(name);
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            for (BlockMetaData rowGroup : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
                    if (!chunk.getPath().toDotString().equals(name)) {
                        continue;
                    }
                    EncodingStats stats = chunk.getEncodingStats();
                    boolean asNamed = dictionary
                            ? stats.hasDictionaryEncodedPages() && !stats.hasNonDictionaryEncodedPages()
                            : !stats.hasDictionaryPages();
                    if (!asNamed) {
                        throw new IllegalStateException("column " + name + " of " + file + " was written with the encodings "
                                + chunk.getEncodings() + ", not " + (dictionary ? "all dictionary" : "all plain"));
                    }
                }
            }
        }
    }

    /** Returns the number of rows read, which the caller checks. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long decode()
            throws IOException
    {
        long rowsRead = 0;
        for (FileSplit split : source.splits()) {
            try (ParquetBatchReader reader = new ParquetBatchReader(conf, split, source.schema(), columns, ColumnBatch.DEFAULT_ROWS)) {
                ColumnBatch batch;
                while ((batch = reader.next()) != null) {
                    rowsRead += batch.rowCount();
                }
            }
        }
        return rowsRead;
    }

    /**
     * The peer: parquet-mr's value-at-a-time {@link ColumnReader} over the same column, its values copied into
     * vectors of {@link ColumnBatch#DEFAULT_ROWS} rows, as a reader without a page decoder of its own fills them.
     * Reads the footer on every invocation, which for a file of a few row groups costs little.
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long parquetMrColumnReader(Blackhole blackhole)
            throws IOException
    {
        long rowsRead = 0;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            MessageType projection = new MessageType(fileSchema.getName(), fileSchema.getType(name));
            reader.setRequestedSchema(projection);
            ColumnDescriptor descriptor = projection.getColumns().get(0);
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            GroupRecordConverter converter = new GroupRecordConverter(projection);
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                ColumnReader values = new ColumnReadStoreImpl(pages, converter.getRootConverter(), projection, createdBy)
                        .getColumnReader(descriptor);
                long rowGroupRows = values.getTotalValueCount();
                for (long done = 0; done < rowGroupRows; done += ColumnBatch.DEFAULT_ROWS) {
                    int batchRows = (int) Math.min(ColumnBatch.DEFAULT_ROWS, rowGroupRows - done);
                    blackhole.consume(vector(values, descriptor, batchRows));
                    rowsRead += batchRows;
                }
            }
        }
        return rowsRead;
    }

    private static ColumnVector vector(ColumnReader values, ColumnDescriptor descriptor, int rows)
    {
        int maxDefinitionLevel = descriptor.getMaxDefinitionLevel();
        boolean[] nulls = null;
        ColumnVector vector;
        switch (descriptor.getPrimitiveType().getPrimitiveTypeName()) {
            case INT64 -> {
                long[] longs = new long[rows];
                for (int i = 0; i < rows; i++) {
                    if (values.getCurrentDefinitionLevel() < maxDefinitionLevel) {
                        nulls = markNull(nulls, i, rows);
                    }
                    else {
                        longs[i] = values.getLong();
                    }
                    values.consume();
                }
                vector = new LongVector(DataType.LONG, longs, rows);
            }
            case DOUBLE -> {
                double[] doubles = new double[rows];
                for (int i = 0; i < rows; i++) {
                    if (values.getCurrentDefinitionLevel() < maxDefinitionLevel) {
                        nulls = markNull(nulls, i, rows);
                    }
                    else {
                        doubles[i] = values.getDouble();
                    }
                    values.consume();
                }
                vector = new DoubleVector(DataType.DOUBLE, doubles, rows);
            }
            case BINARY -> {
                StringVector.Builder strings = new StringVector.Builder(rows, 16 * rows);
                for (int i = 0; i < rows; i++) {
                    if (values.getCurrentDefinitionLevel() < maxDefinitionLevel) {
                        strings.appendNull();
                    }
                    else {
                        Binary value = values.getBinary();
                        ByteBuffer bytes = value.toByteBuffer();
                        if (bytes.hasArray()) {
                            strings.append(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                        }
                        else {
                            strings.append(value.getBytes(), 0, value.length());
                        }
                    }
                    values.consume();
                }
                return strings.build();
            }
            default -> throw new IllegalStateException("no peer for a column of " + descriptor.getPrimitiveType());
        }
        vector.setNulls(nulls);
        return vector;
    }

    private static boolean[] markNull(boolean[] nulls, int row, int rows)
    {
        boolean[] mask = nulls == null ? new boolean[rows] : nulls;
        mask[row] = true;
        return mask;
    }
}
