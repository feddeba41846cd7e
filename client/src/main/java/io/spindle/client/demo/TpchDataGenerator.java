package io.spindle.client.demo;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Writes the TPC-H tables as Snappy-compressed Parquet, one directory per table under a root
 * ({@code <root>/lineitem/part-00000.parquet}, ...), on any Hadoop file system. Columns keep the specification's
 * names and the generator's types: keys are INT64, money and quantities DOUBLE, dates INT32 DATE, text STRING.
 *
 * <p>A table is written into {@code <root>/_tmp-<table>}, finished with a {@code _SUCCESS} marker that records
 * its row count and scale factor, and only then renamed into place, so a failed run leaves no half table. A table
 * whose directory already holds a marker for the same scale factor is skipped, which makes a second run cheap.
 * Big tables are cut into several files (generated in parallel, one generator part each) and 16 MiB row groups,
 * so even scale factor 0.1 gives a scan several splits.
 */
public final class TpchDataGenerator
{
    public static final long DEFAULT_ROW_GROUP_BYTES = 16L << 20;
    public static final String SUCCESS_MARKER = "_SUCCESS";

    private static final Logger LOG = LoggerFactory.getLogger(TpchDataGenerator.class);
    private static final Set<String> MULTI_FILE_TABLES = Set.of("lineitem", "orders", "partsupp", "part", "customer");
    private static final int FILES_PER_SCALE_FACTOR = 8;
    private static final int MAX_FILES = 16;
    private static final String ROWS_KEY = "rows";
    private static final String SCALE_FACTOR_KEY = "scaleFactor";

    private TpchDataGenerator()
    {
    }

    /** {@link #generate(Configuration, Path, double, Collection, long)} with 16 MiB row groups. */
    public static Map<String, Long> generate(Configuration conf, Path root, double scaleFactor, Collection<String> tables)
    {
        return generate(conf, root, scaleFactor, tables, DEFAULT_ROW_GROUP_BYTES);
    }

    /**
     * Writes {@code tables} (all eight when empty) at {@code scaleFactor} under {@code root}.
     *
     * @return the rows of each table, in TPC-H's table order; for a table skipped because it was already there,
     *         the row count its marker recorded
     * @throws IllegalArgumentException for an unknown table name or a scale factor that is not positive
     * @throws IllegalStateException when a table's directory exists but was not written by a finished run at this
     *         scale factor (it is left untouched)
     * @throws UncheckedIOException when writing fails; the table's temporary directory is removed
     */
    public static Map<String, Long> generate(Configuration conf, Path root, double scaleFactor, Collection<String> tables, long rowGroupBytes)
    {
        requireNonNull(conf, "conf is null");
        requireNonNull(root, "root is null");
        requireNonNull(tables, "tables is null");
        if (!(scaleFactor > 0) || Double.isInfinite(scaleFactor)) {
            throw new IllegalArgumentException("TPC-H scale factor must be a positive number, not " + scaleFactor);
        }
        if (rowGroupBytes < 1) {
            throw new IllegalArgumentException("row group size must be positive, not " + rowGroupBytes + " bytes");
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        try {
            FileSystem fs = root.getFileSystem(conf);
            for (TpchTable<?> table : select(tables)) {
                rows.put(table.getTableName(), generateTable(conf, fs, root, table, scaleFactor, rowGroupBytes));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write TPC-H tables under " + root + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static List<TpchTable<?>> select(Collection<String> names)
    {
        List<TpchTable<?>> all = TpchTable.getTables();
        if (names.isEmpty()) {
            return all;
        }
        Set<String> wanted = new HashSet<>();
        List<String> known = all.stream().map(TpchTable::getTableName).toList();
        for (String name : names) {
            String normalized = name.trim().toLowerCase(Locale.ROOT);
            if (!known.contains(normalized)) {
                throw new IllegalArgumentException("unknown TPC-H table '" + name + "'; the tables are " + known);
            }
            wanted.add(normalized);
        }
        return all.stream().filter(table -> wanted.contains(table.getTableName())).toList();
    }

    /** How many files a table is cut into: several for the big tables, growing with the scale factor. */
    static int fileCount(String table, double scaleFactor)
    {
        if (!MULTI_FILE_TABLES.contains(table)) {
            return 1;
        }
        return (int) Math.min(MAX_FILES, Math.max(1, Math.round(FILES_PER_SCALE_FACTOR * scaleFactor)));
    }

    private static <E extends TpchEntity> long generateTable(Configuration conf, FileSystem fs, Path root, TpchTable<E> table,
            double scaleFactor, long rowGroupBytes)
            throws IOException
    {
        String name = table.getTableName();
        Path target = new Path(root, name);
        Path marker = new Path(target, SUCCESS_MARKER);
        if (fs.exists(marker)) {
            return existingRows(fs, marker, name, scaleFactor);
        }
        if (fs.exists(target)) {
            throw new IllegalStateException(fs.makeQualified(target) + " exists but has no " + SUCCESS_MARKER
                    + " marker, so no finished generator run wrote it; delete it or generate under another root");
        }

        Path temporary = new Path(root, "_tmp-" + name);
        fs.delete(temporary, true);
        if (!fs.mkdirs(temporary)) {
            throw new IOException("cannot create " + temporary);
        }
        long start = System.nanoTime();
        int files = fileCount(name, scaleFactor);
        try {
            long rows = writeFiles(conf, temporary, table, scaleFactor, files, rowGroupBytes);
            writeMarker(fs, new Path(temporary, SUCCESS_MARKER), rows, scaleFactor);
            if (!fs.rename(temporary, target)) {
                throw new IOException("cannot rename " + temporary + " to " + target);
            }
            LOG.info("Wrote TPC-H {} at scale factor {}: {} rows in {} files under {} ({} ms)", name, scaleFactor, rows, files,
                    target, (System.nanoTime() - start) / 1_000_000);
            return rows;
        }
        catch (IOException | RuntimeException | Error e) {
            try {
                fs.delete(temporary, true);
            }
            catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static <E extends TpchEntity> long writeFiles(Configuration conf, Path directory, TpchTable<E> table, double scaleFactor,
            int files, long rowGroupBytes)
            throws IOException
    {
        int threads = Math.min(files, Math.max(1, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "tpch-" + table.getTableName());
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<Long> parts = new ExecutorCompletionService<>(pool);
            for (int part = 1; part <= files; part++) {
                Path file = new Path(directory, String.format(Locale.ROOT, "part-%05d.parquet", part - 1));
                int generatorPart = part;
                parts.submit(() -> writeFile(conf, file, table, scaleFactor, generatorPart, files, rowGroupBytes));
            }
            long rows = 0;
            for (int done = 0; done < files; done++) {
                // In completion order, so the first failure stops the other writers at once.
                rows += parts.take().get();
            }
            return rows;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing TPC-H " + table.getTableName());
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
        finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
    }

    /** Waits for cancelled writers to stop, so the caller can delete their directory after them. */
    private static void awaitQuietly(ExecutorService pool)
    {
        try {
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("TPC-H writer threads did not stop within a minute");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <E extends TpchEntity> long writeFile(Configuration conf, Path file, TpchTable<E> table, double scaleFactor,
            int part, int partCount, long rowGroupBytes)
            throws IOException
    {
        long rows = 0;
        EntityWriteSupport<E> support = new EntityWriteSupport<>(table, scaleFactor);
        try (ParquetWriter<E> writer = new EntityWriterBuilder<>(file, support)
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(rowGroupBytes)
                .withDictionaryEncoding(true)
                .build()) {
            for (E row : table.createGenerator(scaleFactor, part, partCount)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while writing " + file);
                }
                writer.write(row);
                rows++;
            }
        }
        return rows;
    }

    private static void writeMarker(FileSystem fs, Path marker, long rows, double scaleFactor)
            throws IOException
    {
        String text = ROWS_KEY + "=" + rows + "\n" + SCALE_FACTOR_KEY + "=" + scaleFactor + "\n";
        try (FSDataOutputStream out = fs.create(marker, false)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long existingRows(FileSystem fs, Path marker, String table, double scaleFactor)
            throws IOException
    {
        Properties recorded = new Properties();
        try (FSDataInputStream in = fs.open(marker)) {
            recorded.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        String rows = recorded.getProperty(ROWS_KEY);
        String recordedScale = recorded.getProperty(SCALE_FACTOR_KEY);
        if (rows == null || recordedScale == null) {
            throw new IllegalStateException(marker + " does not record the rows and scale factor of TPC-H " + table
                    + ", so a generator run did not write it; delete " + marker.getParent() + " or generate under another root");
        }
        if (Double.parseDouble(recordedScale) != scaleFactor) {
            throw new IllegalStateException("TPC-H " + table + " under " + marker.getParent().getParent() + " was generated at scale factor "
                    + recordedScale + ", not " + scaleFactor + "; delete " + marker.getParent() + " or generate under another root");
        }
        LOG.info("TPC-H {} at scale factor {} is already in {}; skipped", table, scaleFactor, marker.getParent());
        return Long.parseLong(rows);
    }

    /** The Parquet schema of a TPC-H table: every column required, typed as the generator produces it. */
    static MessageType schema(TpchTable<?> table)
    {
        List<Type> fields = new ArrayList<>();
        for (TpchColumn<?> column : table.getColumns()) {
            String name = column.getColumnName();
            fields.add(switch (column.getType().getBase()) {
                case IDENTIFIER -> Types.required(PrimitiveTypeName.INT64).named(name);
                case INTEGER -> Types.required(PrimitiveTypeName.INT32).named(name);
                case DOUBLE -> Types.required(PrimitiveTypeName.DOUBLE).named(name);
                case VARCHAR -> Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
                case DATE -> Types.required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
            });
        }
        return new MessageType(table.getTableName(), fields);
    }

    /** Writes TPC-H entities field by field, straight from the generator's accessors. */
    private static final class EntityWriteSupport<E extends TpchEntity>
            extends WriteSupport<E>
    {
        private final TpchTable<E> table;
        private final double scaleFactor;
        private final List<TpchColumn<E>> columns;
        private final TpchColumnType.Base[] types;
        private final MessageType schema;
        private RecordConsumer consumer;

        EntityWriteSupport(TpchTable<E> table, double scaleFactor)
        {
            this.table = table;
            this.scaleFactor = scaleFactor;
            this.columns = table.getColumns();
            this.types = columns.stream().map(column -> column.getType().getBase()).toArray(TpchColumnType.Base[]::new);
            this.schema = schema(table);
        }

        @Override
        public WriteContext init(Configuration configuration)
        {
            return new WriteContext(schema, Map.of(
                    "spindle.tpch.table", table.getTableName(),
                    "spindle.tpch.scale-factor", Double.toString(scaleFactor)));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer)
        {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(E row)
        {
            consumer.startMessage();
            for (int i = 0; i < types.length; i++) {
                TpchColumn<E> column = columns.get(i);
                String name = column.getColumnName();
                consumer.startField(name, i);
                switch (types[i]) {
                    case IDENTIFIER -> consumer.addLong(column.getIdentifier(row));
                    case INTEGER -> consumer.addInteger(column.getInteger(row));
                    case DOUBLE -> consumer.addDouble(column.getDouble(row));
                    case VARCHAR -> consumer.addBinary(Binary.fromString(column.getString(row)));
                    case DATE -> consumer.addInteger(column.getDate(row));
                }
                consumer.endField(name, i);
            }
            consumer.endMessage();
        }
    }

    private static final class EntityWriterBuilder<E extends TpchEntity>
            extends ParquetWriter.Builder<E, EntityWriterBuilder<E>>
    {
        private final WriteSupport<E> writeSupport;

        EntityWriterBuilder(Path file, WriteSupport<E> writeSupport)
        {
            super(file);
            this.writeSupport = writeSupport;
        }

        @Override
        protected EntityWriterBuilder<E> self()
        {
            return this;
        }

        @Override
        protected WriteSupport<E> getWriteSupport(Configuration conf)
        {
            return writeSupport;
        }
    }
}
