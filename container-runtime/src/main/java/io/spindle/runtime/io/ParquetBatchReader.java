package io.spindle.runtime.io;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.source.FileSplit;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.filter2.columnindex.ColumnIndexStore;
import org.apache.parquet.internal.filter2.columnindex.RowRanges;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Reads the row groups of one {@link FileSplit} of a Parquet file as {@link ColumnBatch}es. Only the requested
 * columns are fetched. A column chunk whose pages are all PLAIN or dictionary-encoded is decoded a page at a time
 * by {@link ParquetPageDecoder} straight into the vectors' primitive arrays; any other chunk (DELTA or
 * BYTE_STREAM_SPLIT encodings, say) is decoded value by value through parquet-mr's {@link ColumnReader}. No record
 * objects are made. A batch never spans two row groups. Footers come from the executor's {@link ParquetFooterCache}.
 *
 * <p>Given the scan's pushed filters, the reader skips pages: {@link ParquetPageFilter} finds the rows of each row group
 * that the page index does not rule out, only the pages overlapping them are fetched and decoded, and every column
 * returns exactly those rows (pages of different columns start at different rows, so values of rows outside them are
 * decoded and dropped). It may return rows that fail the filters, never drop one that passes; the filter above the scan
 * removes the rest. A row group of a file without a page index is read whole.
 *
 * <p>Contract: construct, call {@link #next()} until it returns null, then {@link #close()} (also on failure).
 * Not thread-safe: one reader belongs to one task. Failures name the file and, where one is at fault, the column.
 */
public final class ParquetBatchReader
        implements BatchReader
{
    private static final GroupConverter DISCARDING_CONVERTER = new DiscardingConverter();

    private final String file;
    private final ParquetFileReader reader;
    private final List<BlockMetaData> rowGroups;
    private final List<Integer> splitRowGroups;
    private final MessageType projection;
    private final String createdBy;
    private final int batchRows;
    /** One per distinct Parquet column read. */
    private final ColumnDecoder[] decoders;
    /** For each output column, the decoder that fills it. */
    private final int[] outputDecoder;
    private final Set<ColumnPath> projectedPaths;
    private final boolean decodePages;
    private final ParquetPageFilter pageFilter;

    private int nextSplitRowGroup;
    private int currentRowGroup = -1;
    private long rowsLeftInRowGroup;
    private PageReadStore rowGroupPages;
    /** Per decoder, for the current row group: the page decoder, or null where {@link #columnReaders} has a reader. */
    private ParquetPageDecoder[] pageDecoders;
    private ColumnReader[] columnReaders;
    private long chunksDecodedByPage;
    private long chunksDecodedByValue;
    /** The rows of the current row group still to return, when its pages were filtered; null when it is read whole. */
    private List<RowRanges.Range> ranges;
    private int nextRange;
    private long nextRow;
    /** Per decoder with a page decoder, for a filtered row group: the pages read and the rows of their values. */
    private KeptPages[] keptPages;
    private long pagesSkipped;
    private long rowsSkipped;
    private long bytesRead;
    private long rowsRead;
    private boolean closed;

    /**
     * @param fileSchema the schema planned for the file, as the planner mapped its footer
     * @param columns positions into {@code fileSchema} of the columns each batch holds, in that order
     * @param batchRows the most rows a batch holds
     */
    public ParquetBatchReader(Configuration conf, FileSplit split, Schema fileSchema, List<Integer> columns, int batchRows)
    {
        this(conf, split, fileSchema, columns, batchRows, List.of());
    }

    /**
     * @param pageFilters filters by position in {@code fileSchema}, pushed into the scan, whose column indexes may rule out
     * pages; empty reads every page
     */
    public ParquetBatchReader(Configuration conf, FileSplit split, Schema fileSchema, List<Integer> columns, int batchRows,
            List<Expression> pageFilters)
    {
        this(conf, split, fileSchema, columns, batchRows, true, pageFilters);
    }

    /**
     * As the public constructor; with {@code decodePages} false every column chunk is decoded value by value through
     * parquet-mr, which tests and measurements compare the page decoder with.
     */
    ParquetBatchReader(Configuration conf, FileSplit split, Schema fileSchema, List<Integer> columns, int batchRows, boolean decodePages)
    {
        this(conf, split, fileSchema, columns, batchRows, decodePages, List.of());
    }

    ParquetBatchReader(Configuration conf, FileSplit split, Schema fileSchema, List<Integer> columns, int batchRows, boolean decodePages,
            List<Expression> pageFilters)
    {
        requireNonNull(conf, "conf is null");
        requireNonNull(split, "split is null");
        requireNonNull(fileSchema, "fileSchema is null");
        requireNonNull(columns, "columns is null");
        requireNonNull(pageFilters, "pageFilters is null");
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be positive, not " + batchRows);
        }
        this.file = split.path();
        this.batchRows = batchRows;
        this.decodePages = decodePages;
        this.splitRowGroups = split.rowGroups();
        for (int position : columns) {
            if (position < 0 || position >= fileSchema.size()) {
                throw new IllegalArgumentException("column position " + position + " is outside the schema of "
                        + fileSchema.size() + " columns " + fileSchema.names() + " of " + file);
            }
        }

        this.reader = open(conf, file, ParquetFooterCache.EXECUTOR);
        try {
            this.pageFilter = new ParquetPageFilter(file, reader, fileSchema, pageFilters);
            MessageType fileMessage = reader.getFooter().getFileMetaData().getSchema();
            this.createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            this.rowGroups = reader.getFooter().getBlocks();
            if (reader.getRowGroups().size() != rowGroups.size()) {
                throw new IllegalStateException("Parquet reader of " + file + " dropped row groups of the footer; "
                        + "a row-group filter must not be configured for Spindle scans");
            }
            for (int ordinal : splitRowGroups) {
                if (ordinal < 0 || ordinal >= rowGroups.size()) {
                    throw new IllegalStateException("the split of " + file + " names row group " + ordinal + " but the file has "
                            + rowGroups.size() + " row groups; was the file rewritten after the query was planned?");
                }
            }

            Map<Integer, Integer> decoderOfPosition = new LinkedHashMap<>();
            this.outputDecoder = new int[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                int position = columns.get(i);
                outputDecoder[i] = decoderOfPosition.computeIfAbsent(position, p -> decoderOfPosition.size());
            }
            List<Type> projectedFields = new ArrayList<>(decoderOfPosition.size());
            for (int position : decoderOfPosition.keySet()) {
                projectedFields.add(fileField(fileMessage, fileSchema.field(position)));
            }
            this.projection = new MessageType(fileMessage.getName(), projectedFields);
            reader.setRequestedSchema(projection);

            this.decoders = new ColumnDecoder[projectedFields.size()];
            this.projectedPaths = new HashSet<>();
            int d = 0;
            for (int position : decoderOfPosition.keySet()) {
                StructField field = fileSchema.field(position);
                ColumnDescriptor descriptor = projection.getColumnDescription(new String[] {field.name()});
                decoders[d++] = new ColumnDecoder(field, descriptor, conversion(field, descriptor.getPrimitiveType()));
                projectedPaths.add(ColumnPath.get(descriptor.getPath()));
            }
        }
        catch (RuntimeException e) {
            closeQuietly(reader, e);
            throw e;
        }
    }

    private static ParquetFileReader open(Configuration conf, String file, ParquetFooterCache footers)
    {
        Path path = new Path(file);
        try {
            ParquetReadOptions options = HadoopReadOptions.builder(conf, path)
                    .withRecordFilter(FilterCompat.NOOP)
                    .withMetadataFilter(ParquetMetadataConverter.NO_FILTER)
                    .build();
            FileStatus status = path.getFileSystem(conf).getFileStatus(path);
            HadoopInputFile input = HadoopInputFile.fromStatus(status, conf);
            ParquetMetadata footer = footers.get(status);
            if (footer == null) {
                ParquetFileReader opened = ParquetFileReader.open(input, options);
                footers.put(status, opened.getFooter());
                return opened;
            }
            SeekableInputStream stream = input.newStream();
            try {
                return new ParquetFileReader(conf, status.getPath(), footer, options, stream);
            }
            catch (IOException | RuntimeException e) {
                try {
                    stream.close();
                }
                catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open Parquet file " + file + ": " + e.getMessage(), e);
        }
        catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the footer of Parquet file " + file + ": " + e.getMessage(), e);
        }
    }

    private Type fileField(MessageType fileMessage, StructField field)
    {
        if (!fileMessage.containsField(field.name())) {
            List<String> names = fileMessage.getFields().stream().map(Type::getName).toList();
            throw new IllegalStateException("column '" + field.name() + "' not found in Parquet file " + file + ", which has "
                    + names + "; was the file rewritten after the query was planned?");
        }
        Type type = fileMessage.getType(field.name());
        if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
            throw new IllegalStateException("column '" + field.name() + "' of Parquet file " + file
                    + " is nested or repeated; Spindle reads flat columns only");
        }
        return type;
    }

    /** How the Parquet column's physical values become the planned Spindle type; fails if they cannot. */
    private ParquetConversion conversion(StructField field, PrimitiveType parquet)
    {
        PrimitiveTypeName physical = parquet.getPrimitiveTypeName();
        LogicalTypeAnnotation logical = parquet.getLogicalTypeAnnotation();
        DataType type = field.type();
        ParquetConversion conversion = switch (type.kind()) {
            case BOOLEAN -> physical == PrimitiveTypeName.BOOLEAN ? ParquetConversion.BOOLEAN : null;
            case INT -> physical == PrimitiveTypeName.INT32 && !(logical instanceof DecimalLogicalTypeAnnotation) ? ParquetConversion.INT32 : null;
            case DATE -> physical == PrimitiveTypeName.INT32 && logical instanceof DateLogicalTypeAnnotation ? ParquetConversion.INT32 : null;
            case LONG -> physical == PrimitiveTypeName.INT64 && !(logical instanceof DecimalLogicalTypeAnnotation) ? ParquetConversion.INT64 : null;
            case TIMESTAMP -> {
                if (physical != PrimitiveTypeName.INT64 || !(logical instanceof TimestampLogicalTypeAnnotation timestamp)) {
                    yield null;
                }
                yield switch (timestamp.getUnit()) {
                    case MILLIS -> ParquetConversion.INT64_MILLIS_TO_MICROS;
                    case MICROS -> ParquetConversion.INT64;
                    case NANOS -> ParquetConversion.INT64_NANOS_TO_MICROS;
                };
            }
            case DOUBLE -> switch (physical) {
                case DOUBLE -> ParquetConversion.DOUBLE;
                case FLOAT -> ParquetConversion.FLOAT_TO_DOUBLE;
                default -> null;
            };
            case DECIMAL -> {
                if (!(logical instanceof DecimalLogicalTypeAnnotation decimal) || decimal.getScale() != type.scale()) {
                    yield null;
                }
                if (type.isWideDecimal()) {
                    yield physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64
                            || (physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY && parquet.getTypeLength() <= 16)
                            || physical == PrimitiveTypeName.BINARY ? ParquetConversion.WIDE_DECIMAL : null;
                }
                yield switch (physical) {
                    case INT32 -> ParquetConversion.INT32_TO_LONG;
                    case INT64 -> ParquetConversion.INT64;
                    case FIXED_LEN_BYTE_ARRAY, BINARY -> ParquetConversion.BINARY_DECIMAL;
                    default -> null;
                };
            }
            case STRING -> physical == PrimitiveTypeName.BINARY ? ParquetConversion.STRING : null;
        };
        if (conversion == null) {
            throw new IllegalStateException("column '" + field.name() + "' of Parquet file " + file + " is Parquet " + parquet
                    + ", which Spindle cannot read as the planned type " + type.sqlName()
                    + "; was the file rewritten after the query was planned?");
        }
        return conversion;
    }

    /** The next batch of at most {@code batchRows} rows, or null when the split's row groups are done. */
    public ColumnBatch next()
    {
        if (closed) {
            throw new IllegalStateException("reader of " + file + " is closed");
        }
        while (rowsLeftInRowGroup == 0) {
            if (nextSplitRowGroup >= splitRowGroups.size()) {
                return null;
            }
            startRowGroup(splitRowGroups.get(nextSplitRowGroup++));
        }
        KeptPages.RowSpans spans = ranges == null ? null : nextSpans();
        int rows = spans == null ? (int) Math.min(batchRows, rowsLeftInRowGroup) : spans.rows();
        ColumnVector[] decoded = new ColumnVector[decoders.length];
        for (int d = 0; d < decoders.length; d++) {
            decoded[d] = decodeColumn(d, rows, spans);
        }
        List<ColumnVector> out = new ArrayList<>(outputDecoder.length);
        for (int decoder : outputDecoder) {
            out.add(decoded[decoder]);
        }
        rowsLeftInRowGroup -= rows;
        rowsRead += rows;
        return new ColumnBatch(out, rows);
    }

    /**
     * The next rows of the current filtered row group for a batch: at most {@code batchRows}, and within a stretch of
     * rows a few batches long, so the values a column decodes and drops between them stay bounded.
     */
    private KeptPages.RowSpans nextSpans()
    {
        long[] from = new long[4];
        long[] to = new long[4];
        int spans = 0;
        int rows = 0;
        long firstRow = Math.max(nextRow, ranges.get(nextRange).from);
        long stretch = 8L * batchRows;
        while (rows < batchRows && nextRange < ranges.size()) {
            RowRanges.Range range = ranges.get(nextRange);
            long start = Math.max(nextRow, range.from);
            if (start - firstRow >= stretch) {
                break;
            }
            long end = Math.min(range.to, start + (batchRows - rows) - 1);
            if (spans == from.length) {
                from = Arrays.copyOf(from, spans * 2);
                to = Arrays.copyOf(to, spans * 2);
            }
            from[spans] = start;
            to[spans] = end;
            spans++;
            rows += (int) (end - start + 1);
            nextRow = end + 1;
            if (end == range.to) {
                nextRange++;
            }
        }
        return new KeptPages.RowSpans(from, to, spans, rows);
    }

    private void startRowGroup(int ordinal)
    {
        closeRowGroup();
        BlockMetaData rowGroup = rowGroups.get(ordinal);
        currentRowGroup = ordinal;
        rowsLeftInRowGroup = rowGroup.getRowCount();
        if (rowsLeftInRowGroup == 0 || decoders.length == 0) {
            // A projection of no columns (count(*)) needs only the footer's row count.
            return;
        }
        RowRanges rowRanges = pageFilter.isEmpty() ? null : pageFilter.rowRanges(ordinal, rowGroup);
        if (rowRanges != null && rowRanges.rowCount() == 0) {
            rowsSkipped += rowsLeftInRowGroup;
            pagesSkipped += pageCount(ordinal);
            rowsLeftInRowGroup = 0;
            return;
        }
        Map<ColumnPath, ColumnChunkMetaData> chunks = new HashMap<>();
        for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
            chunks.put(chunk.getPath(), chunk);
        }
        KeptPages[] kept = null;
        if (rowRanges != null && rowRanges.rowCount() < rowsLeftInRowGroup) {
            kept = keptPages(ordinal, rowGroup, chunks, rowRanges);
        }
        PageReadStore pages;
        try {
            pages = kept == null ? reader.readRowGroup(ordinal) : reader.readFilteredRowGroup(ordinal, rowRanges);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read columns " + projectedNames() + " of row group " + ordinal
                    + " of Parquet file " + file + ": " + e.getMessage(), e);
        }
        catch (RuntimeException e) {
            throw new IllegalStateException("cannot read columns " + projectedNames() + " of row group " + ordinal
                    + " of Parquet file " + file + ": " + e.getMessage(), e);
        }
        long expectedRows = kept == null ? rowsLeftInRowGroup : rowRanges.rowCount();
        if (pages == null || pages.getRowCount() != expectedRows) {
            throw new IllegalStateException("row group " + ordinal + " of Parquet file " + file + " holds "
                    + (pages == null ? "no" : pages.getRowCount()) + " rows but " + (kept == null ? "its footer says " : "its page index says ")
                    + expectedRows);
        }
        rowGroupPages = pages;
        if (kept == null) {
            for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
                if (projectedPaths.contains(chunk.getPath())) {
                    bytesRead += chunk.getTotalSize();
                }
            }
        }
        else {
            for (KeptPages column : kept) {
                bytesRead += column.compressedBytes();
                pagesSkipped += column.skippedPages();
            }
            rowsSkipped += rowsLeftInRowGroup - expectedRows;
            rowsLeftInRowGroup = expectedRows;
            ranges = rowRanges.getRanges();
            nextRange = 0;
            nextRow = 0;
            keptPages = kept;
        }
        pageDecoders = new ParquetPageDecoder[decoders.length];
        columnReaders = new ColumnReader[decoders.length];
        ColumnReadStoreImpl store = null;
        for (int d = 0; d < decoders.length; d++) {
            ColumnDecoder decoder = decoders[d];
            ColumnChunkMetaData chunk = chunks.get(ColumnPath.get(decoder.descriptor.getPath()));
            try {
                if (decodePages && chunk != null && ParquetPageDecoder.canDecode(decoder.conversion, chunk)) {
                    pageDecoders[d] = new ParquetPageDecoder(decoder.field, decoder.descriptor, decoder.conversion,
                            pages.getPageReader(decoder.descriptor));
                    chunksDecodedByPage++;
                }
                else {
                    if (store == null) {
                        store = new ColumnReadStoreImpl(pages, DISCARDING_CONVERTER, projection, createdBy);
                    }
                    columnReaders[d] = store.getColumnReader(decoder.descriptor);
                    chunksDecodedByValue++;
                }
            }
            catch (RuntimeException e) {
                throw decodingFailure(decoder, e);
            }
        }
    }

    /**
     * For each decoder, the pages of its chunk a filtered read of {@code rowRanges} returns; null when a chunk has no offset
     * index, so the row group must be read whole.
     */
    private KeptPages[] keptPages(int ordinal, BlockMetaData rowGroup, Map<ColumnPath, ColumnChunkMetaData> chunks, RowRanges rowRanges)
    {
        KeptPages[] kept = new KeptPages[decoders.length];
        ColumnIndexStore indexes = reader.getColumnIndexStore(ordinal);
        for (int d = 0; d < decoders.length; d++) {
            ColumnPath path = ColumnPath.get(decoders[d].descriptor.getPath());
            ColumnChunkMetaData chunk = chunks.get(path);
            if (chunk == null) {
                return null;
            }
            OffsetIndex offsets;
            try {
                offsets = indexes.getOffsetIndex(path);
            }
            catch (ColumnIndexStore.MissingOffsetIndexException e) {
                return null;
            }
            if (offsets == null) {
                return null;
            }
            kept[d] = KeptPages.of(offsets, rowRanges, rowGroup.getRowCount(), chunk.getStartingPos());
        }
        return kept;
    }

    /** Data pages of the projected chunks of a row group, as far as their offset indexes tell. */
    private long pageCount(int ordinal)
    {
        ColumnIndexStore indexes = reader.getColumnIndexStore(ordinal);
        long pages = 0;
        for (ColumnDecoder decoder : decoders) {
            try {
                OffsetIndex offsets = indexes.getOffsetIndex(ColumnPath.get(decoder.descriptor.getPath()));
                pages += offsets == null ? 0 : offsets.getPageCount();
            }
            catch (ColumnIndexStore.MissingOffsetIndexException e) {
                // a file without offset indexes: its skipped pages are not counted
            }
        }
        return pages;
    }

    private void closeRowGroup()
    {
        pageDecoders = null;
        columnReaders = null;
        ranges = null;
        keptPages = null;
        if (rowGroupPages != null) {
            PageReadStore pages = rowGroupPages;
            rowGroupPages = null;
            pages.close();
        }
    }

    private List<String> projectedNames()
    {
        return Arrays.stream(decoders).map(decoder -> decoder.field.name()).toList();
    }

    /**
     * The next {@code rows} rows of decoder {@code d}: those of {@code spans} when the row group's pages were filtered.
     * parquet-mr's value-at-a-time readers of a filtered row group return only the rows of its ranges by themselves.
     */
    private ColumnVector decodeColumn(int d, int rows, KeptPages.RowSpans spans)
    {
        ColumnDecoder decoder = decoders[d];
        try {
            ParquetPageDecoder pageDecoder = pageDecoders[d];
            if (pageDecoder == null) {
                return decoder.decode(columnReaders[d], rows);
            }
            return spans == null ? pageDecoder.decode(rows) : keptPages[d].decode(pageDecoder, spans);
        }
        catch (RuntimeException e) {
            throw decodingFailure(decoder, e);
        }
    }

    private IllegalStateException decodingFailure(ColumnDecoder decoder, RuntimeException e)
    {
        return new IllegalStateException("cannot decode column '" + decoder.field.name() + "' (" + decoder.descriptor.getPrimitiveType()
                + ") in row group " + currentRowGroup + " of Parquet file " + file + ": " + e.getMessage(), e);
    }

    /** Compressed bytes of the column chunks read so far. */
    public long bytesRead()
    {
        return bytesRead;
    }

    /** Rows returned so far. */
    public long rowsRead()
    {
        return rowsRead;
    }

    /** Data pages of the projected columns left unread because the page index ruled out all their rows. */
    public long pagesSkipped()
    {
        return pagesSkipped;
    }

    /** Rows of the split's row groups left out because the page index ruled them out. */
    public long rowsSkipped()
    {
        return rowsSkipped;
    }

    /** Column chunks started so far that are decoded a page at a time. */
    long chunksDecodedByPage()
    {
        return chunksDecodedByPage;
    }

    /** Column chunks started so far that are decoded value by value through parquet-mr. */
    long chunksDecodedByValue()
    {
        return chunksDecodedByValue;
    }

    @Override
    public void close()
            throws IOException
    {
        if (!closed) {
            closed = true;
            try {
                closeRowGroup();
            }
            finally {
                reader.close();
            }
        }
    }

    private static void closeQuietly(Closeable closeable, RuntimeException primary)
    {
        try {
            closeable.close();
        }
        catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    /** Decodes one flat column: each Parquet value (or null, by its definition level) is one row. */
    private static final class ColumnDecoder
    {
        private final StructField field;
        private final ColumnDescriptor descriptor;
        private final ParquetConversion conversion;
        private final int maxDefinitionLevel;

        ColumnDecoder(StructField field, ColumnDescriptor descriptor, ParquetConversion conversion)
        {
            this.field = field;
            this.descriptor = descriptor;
            this.conversion = conversion;
            this.maxDefinitionLevel = descriptor.getMaxDefinitionLevel();
        }

        ColumnVector decode(ColumnReader reader, int rows)
        {
            return switch (conversion) {
                case BOOLEAN -> readBooleans(reader, rows);
                case INT32 -> readInts(reader, rows);
                case INT32_TO_LONG, INT64, INT64_MILLIS_TO_MICROS, INT64_NANOS_TO_MICROS, BINARY_DECIMAL -> readLongs(reader, rows);
                case FLOAT_TO_DOUBLE, DOUBLE -> readDoubles(reader, rows);
                case STRING -> readStrings(reader, rows);
                case WIDE_DECIMAL -> readWideDecimals(reader, rows);
            };
        }

        private ColumnVector readWideDecimals(ColumnReader reader, int rows)
        {
            long[] high = new long[rows];
            long[] low = new long[rows];
            boolean[] nulls = null;
            PrimitiveTypeName physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
            for (int i = 0; i < rows; i++) {
                if (reader.getCurrentDefinitionLevel() < maxDefinitionLevel) {
                    nulls = markNull(nulls, i, rows);
                }
                else {
                    switch (physical) {
                        case INT32 -> {
                            low[i] = reader.getInteger();
                            high[i] = low[i] >> 63;
                        }
                        case INT64 -> {
                            low[i] = reader.getLong();
                            high[i] = low[i] >> 63;
                        }
                        default -> readUnscaled(reader.getBinary(), high, low, i);
                    }
                }
                reader.consume();
            }
            Decimal128Vector vector = new Decimal128Vector(field.type(), high, low, rows);
            vector.setNulls(nulls);
            return vector;
        }

        private void readUnscaled(Binary binary, long[] high, long[] low, int row)
        {
            ByteBuffer bytes = binary.toByteBuffer();
            try {
                if (bytes.hasArray()) {
                    Int128.fromBigEndian(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining(), high, low, row);
                }
                else {
                    byte[] copy = binary.getBytes();
                    Int128.fromBigEndian(copy, 0, copy.length, high, low, row);
                }
            }
            catch (ArithmeticException e) {
                throw new ArithmeticException("decimal value of column '" + field.name() + "' has " + bytes.remaining()
                        + " bytes, more than the 16 of " + field.type().sqlName());
            }
            if (!Int128.fitsPrecision(high[row], low[row], field.type().precision())) {
                throw new ArithmeticException("decimal value " + Int128.toBigDecimal(high[row], low[row], field.type().scale())
                        + " of column '" + field.name() + "' does not fit its type " + field.type().sqlName());
            }
        }

        /** The null mask with row {@code row} set, allocated on the first null so columns without nulls carry none. */
        private static boolean[] markNull(boolean[] nulls, int row, int rows)
        {
            boolean[] mask = nulls == null ? new boolean[rows] : nulls;
            mask[row] = true;
            return mask;
        }

        private ColumnVector readBooleans(ColumnReader reader, int rows)
        {
            boolean[] values = new boolean[rows];
            boolean[] nulls = null;
            for (int i = 0; i < rows; i++) {
                if (reader.getCurrentDefinitionLevel() < maxDefinitionLevel) {
                    nulls = markNull(nulls, i, rows);
                }
                else {
                    values[i] = reader.getBoolean();
                }
                reader.consume();
            }
            BooleanVector vector = new BooleanVector(field.type(), values, rows);
            vector.setNulls(nulls);
            return vector;
        }

        private ColumnVector readInts(ColumnReader reader, int rows)
        {
            int[] values = new int[rows];
            boolean[] nulls = null;
            if (maxDefinitionLevel == 0) {
                for (int i = 0; i < rows; i++) {
                    values[i] = reader.getInteger();
                    reader.consume();
                }
            }
            else {
                for (int i = 0; i < rows; i++) {
                    if (reader.getCurrentDefinitionLevel() < maxDefinitionLevel) {
                        nulls = markNull(nulls, i, rows);
                    }
                    else {
                        values[i] = reader.getInteger();
                    }
                    reader.consume();
                }
            }
            IntVector vector = new IntVector(field.type(), values, rows);
            vector.setNulls(nulls);
            return vector;
        }

        private ColumnVector readLongs(ColumnReader reader, int rows)
        {
            long[] values = new long[rows];
            boolean[] nulls = null;
            if (maxDefinitionLevel == 0 && conversion == ParquetConversion.INT64) {
                for (int i = 0; i < rows; i++) {
                    values[i] = reader.getLong();
                    reader.consume();
                }
            }
            else {
                for (int i = 0; i < rows; i++) {
                    if (reader.getCurrentDefinitionLevel() < maxDefinitionLevel) {
                        nulls = markNull(nulls, i, rows);
                    }
                    else {
                        values[i] = readLong(reader);
                    }
                    reader.consume();
                }
            }
            LongVector vector = new LongVector(field.type(), values, rows);
            vector.setNulls(nulls);
            return vector;
        }

        private long readLong(ColumnReader reader)
        {
            return switch (conversion) {
                case INT32_TO_LONG -> reader.getInteger();
                case INT64, INT64_MILLIS_TO_MICROS, INT64_NANOS_TO_MICROS -> conversion.convertLong(reader.getLong());
                case BINARY_DECIMAL -> unscaledDecimal(reader.getBinary());
                default -> throw new IllegalStateException("conversion " + conversion + " does not make longs");
            };
        }

        /** A big-endian two's complement integer of any width as a long; fails if it does not fit. */
        private long unscaledDecimal(Binary binary)
        {
            ByteBuffer bytes = binary.toByteBuffer();
            if (bytes.hasArray()) {
                return ParquetConversion.unscaledDecimal(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining(), field.name());
            }
            byte[] copy = binary.getBytes();
            return ParquetConversion.unscaledDecimal(copy, 0, copy.length, field.name());
        }

        private ColumnVector readDoubles(ColumnReader reader, int rows)
        {
            double[] values = new double[rows];
            boolean[] nulls = null;
            boolean fromFloat = conversion == ParquetConversion.FLOAT_TO_DOUBLE;
            for (int i = 0; i < rows; i++) {
                if (reader.getCurrentDefinitionLevel() < maxDefinitionLevel) {
                    nulls = markNull(nulls, i, rows);
                }
                else {
                    values[i] = fromFloat ? reader.getFloat() : reader.getDouble();
                }
                reader.consume();
            }
            DoubleVector vector = new DoubleVector(field.type(), values, rows);
            vector.setNulls(nulls);
            return vector;
        }

        private ColumnVector readStrings(ColumnReader reader, int rows)
        {
            int[] offsets = new int[rows + 1];
            byte[] data = new byte[Math.max(64, rows * 16)];
            boolean[] nulls = null;
            int end = 0;
            for (int i = 0; i < rows; i++) {
                if (reader.getCurrentDefinitionLevel() < maxDefinitionLevel) {
                    nulls = markNull(nulls, i, rows);
                }
                else {
                    Binary value = reader.getBinary();
                    int length = value.length();
                    if (end + length > data.length) {
                        data = Arrays.copyOf(data, Math.max(data.length * 2, end + length));
                    }
                    copyBytes(value, data, end);
                    end += length;
                }
                offsets[i + 1] = end;
                reader.consume();
            }
            StringVector vector = new StringVector(data, offsets, rows);
            vector.setNulls(nulls);
            return vector;
        }

        private static void copyBytes(Binary value, byte[] target, int at)
        {
            ByteBuffer bytes = value.toByteBuffer();
            if (bytes.hasArray()) {
                System.arraycopy(bytes.array(), bytes.arrayOffset() + bytes.position(), target, at, bytes.remaining());
            }
            else {
                bytes.duplicate().get(target, at, bytes.remaining());
            }
        }
    }

    /** parquet-mr wants a converter tree for a column store; Spindle reads values from the column readers instead. */
    private static final class DiscardingConverter
            extends GroupConverter
    {
        private static final PrimitiveConverter DISCARD = new PrimitiveConverter()
        {
        };

        @Override
        public Converter getConverter(int fieldIndex)
        {
            return DISCARD;
        }

        @Override
        public void start()
        {
        }

        @Override
        public void end()
        {
        }
    }
}
