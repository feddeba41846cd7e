package io.spindle.runtime.io;

import io.spindle.planner.types.StructField;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Decodes one flat column chunk of a row group page by page, straight into the primitive arrays of vectors. It reads
 * data pages V1 and V2 with RLE/bit-packed definition levels and PLAIN or dictionary-encoded values (RLE for booleans);
 * the dictionary is decoded once per chunk into a typed array and expanded by id. {@link #canDecode} tells from the
 * chunk's metadata whether every page is in an encoding handled here; the reader decodes other chunks value by value
 * through parquet-mr. Failures are {@link IllegalStateException}s that describe the page; the reader adds the file and
 * column. Not thread-safe: one decoder belongs to one reader.
 */
final class ParquetPageDecoder
{
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOATS = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private static final Set<Encoding> BOOLEAN_VALUE_ENCODINGS = EnumSet.of(Encoding.PLAIN, Encoding.RLE);
    private static final Set<Encoding> VALUE_ENCODINGS = EnumSet.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
    private static final Set<Encoding> DICTIONARY_PAGE_ENCODINGS = EnumSet.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY);
    private static final Set<Encoding> LEVEL_ENCODINGS = EnumSet.of(Encoding.RLE, Encoding.BIT_PACKED);

    private enum ValueMode
    {
        PLAIN, DICTIONARY, RLE
    }

    private final StructField field;
    private final ParquetConversion conversion;
    private final PrimitiveTypeName physical;
    private final int fixedLength;
    private final int maxDefinitionLevel;
    private final int definitionLevelBits;
    private final PageReader pages;

    /** Entries of the chunk's dictionary, or -1 when it has none; the entries are in the array the conversion makes. */
    private int dictionarySize = -1;
    private int[] intDictionary;
    private long[] longDictionary;
    private double[] doubleDictionary;
    private byte[] stringDictionaryBytes;
    private int[] stringDictionaryOffsets;

    private int pageValuesLeft;
    private ValueMode mode;
    /** The current page's values: {@code data[position .. end)}. */
    private byte[] data;
    private int position;
    private int end;
    /** Bits of plain booleans already read from {@link #position}. */
    private long booleanBits;
    /** Definition levels of the current page as runs, or null when the column has none or they were BIT_PACKED. */
    private RleBitPackedHybridDecoder definitionLevels;
    /** The current page's nulls when its levels were the old BIT_PACKED encoding, decoded at once. */
    private boolean[] pageNulls;
    private int pageNullsNext;
    private RleBitPackedHybridDecoder dictionaryIds;
    private RleBitPackedHybridDecoder rleBooleans;
    private int[] ids = new int[0];

    ParquetPageDecoder(StructField field, ColumnDescriptor descriptor, ParquetConversion conversion, PageReader pages)
    {
        this.field = requireNonNull(field, "field is null");
        this.conversion = requireNonNull(conversion, "conversion is null");
        this.pages = requireNonNull(pages, "pages is null");
        this.physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
        this.fixedLength = descriptor.getPrimitiveType().getTypeLength();
        this.maxDefinitionLevel = descriptor.getMaxDefinitionLevel();
        this.definitionLevelBits = 32 - Integer.numberOfLeadingZeros(maxDefinitionLevel);
        if (descriptor.getMaxRepetitionLevel() != 0) {
            throw new IllegalStateException("column is repeated; Spindle reads flat columns only");
        }
        DictionaryPage dictionary = pages.readDictionaryPage();
        if (dictionary != null) {
            readDictionary(dictionary);
        }
    }

    /** Whether every page of {@code chunk}, by its metadata, is in an encoding this decoder reads for {@code conversion}. */
    static boolean canDecode(ParquetConversion conversion, ColumnChunkMetaData chunk)
    {
        if (conversion == ParquetConversion.WIDE_DECIMAL) {
            // rare enough not to need a bulk path; parquet-mr decodes them value by value
            return false;
        }
        Set<Encoding> values = conversion == ParquetConversion.BOOLEAN ? BOOLEAN_VALUE_ENCODINGS : VALUE_ENCODINGS;
        EncodingStats stats = chunk.getEncodingStats();
        if (stats != null) {
            return values.containsAll(stats.getDataEncodings()) && DICTIONARY_PAGE_ENCODINGS.containsAll(stats.getDictionaryEncodings());
        }
        // Without encoding statistics the chunk lists its level encodings among the others, and for booleans a dictionary
        // page would show as PLAIN_DICTIONARY or RLE_DICTIONARY.
        Set<Encoding> listed = EnumSet.copyOf(values);
        listed.addAll(LEVEL_ENCODINGS);
        return listed.containsAll(chunk.getEncodings());
    }

    /** The next {@code rows} rows of the chunk as a vector of the field's type. */
    ColumnVector decode(int rows)
    {
        return switch (conversion) {
            case BOOLEAN -> decodeBooleans(rows);
            case INT32 -> decodeInts(rows);
            case INT32_TO_LONG, INT64, INT64_MILLIS_TO_MICROS, INT64_NANOS_TO_MICROS, BINARY_DECIMAL -> decodeLongs(rows);
            case FLOAT_TO_DOUBLE, DOUBLE -> decodeDoubles(rows);
            case STRING -> decodeStrings(rows);
            case WIDE_DECIMAL -> throw new IllegalStateException("wide decimals are read value by value, not by the page decoder");
        };
    }

    private ColumnVector decodeBooleans(int rows)
    {
        boolean[] values = new boolean[rows];
        boolean[] nulls = maxDefinitionLevel > 0 ? new boolean[rows] : null;
        boolean anyNull = false;
        for (int at = 0; at < rows; ) {
            int n = nextStretch(rows - at);
            int present = readDefinitions(nulls, at, n);
            if (mode == ValueMode.RLE) {
                rleBooleans.readBooleans(values, at, present);
            }
            else {
                readPlainBooleans(values, at, present);
            }
            if (present < n) {
                anyNull = true;
                int from = at + present - 1;
                for (int to = at + n - 1; to > from; to--) {
                    if (nulls[to]) {
                        values[to] = false;
                    }
                    else {
                        values[to] = values[from--];
                    }
                }
            }
            at += n;
        }
        BooleanVector vector = new BooleanVector(field.type(), values, rows);
        vector.setNulls(anyNull ? nulls : null);
        return vector;
    }

    private ColumnVector decodeInts(int rows)
    {
        int[] values = new int[rows];
        boolean[] nulls = maxDefinitionLevel > 0 ? new boolean[rows] : null;
        boolean anyNull = false;
        for (int at = 0; at < rows; ) {
            int n = nextStretch(rows - at);
            int present = readDefinitions(nulls, at, n);
            if (mode == ValueMode.DICTIONARY) {
                readIds(present);
                try {
                    for (int i = 0; i < present; i++) {
                        values[at + i] = intDictionary[ids[i]];
                    }
                }
                catch (ArrayIndexOutOfBoundsException e) {
                    throw idOutOfRange();
                }
            }
            else {
                readPlainInts(values, at, present);
            }
            if (present < n) {
                anyNull = true;
                int from = at + present - 1;
                for (int to = at + n - 1; to > from; to--) {
                    values[to] = nulls[to] ? 0 : values[from--];
                }
            }
            at += n;
        }
        IntVector vector = new IntVector(field.type(), values, rows);
        vector.setNulls(anyNull ? nulls : null);
        return vector;
    }

    private ColumnVector decodeLongs(int rows)
    {
        long[] values = new long[rows];
        boolean[] nulls = maxDefinitionLevel > 0 ? new boolean[rows] : null;
        boolean anyNull = false;
        for (int at = 0; at < rows; ) {
            int n = nextStretch(rows - at);
            int present = readDefinitions(nulls, at, n);
            if (mode == ValueMode.DICTIONARY) {
                readIds(present);
                try {
                    for (int i = 0; i < present; i++) {
                        values[at + i] = longDictionary[ids[i]];
                    }
                }
                catch (ArrayIndexOutOfBoundsException e) {
                    throw idOutOfRange();
                }
            }
            else {
                readPlainLongs(values, at, present);
            }
            if (present < n) {
                anyNull = true;
                int from = at + present - 1;
                for (int to = at + n - 1; to > from; to--) {
                    values[to] = nulls[to] ? 0 : values[from--];
                }
            }
            at += n;
        }
        LongVector vector = new LongVector(field.type(), values, rows);
        vector.setNulls(anyNull ? nulls : null);
        return vector;
    }

    private ColumnVector decodeDoubles(int rows)
    {
        double[] values = new double[rows];
        boolean[] nulls = maxDefinitionLevel > 0 ? new boolean[rows] : null;
        boolean anyNull = false;
        for (int at = 0; at < rows; ) {
            int n = nextStretch(rows - at);
            int present = readDefinitions(nulls, at, n);
            if (mode == ValueMode.DICTIONARY) {
                readIds(present);
                try {
                    for (int i = 0; i < present; i++) {
                        values[at + i] = doubleDictionary[ids[i]];
                    }
                }
                catch (ArrayIndexOutOfBoundsException e) {
                    throw idOutOfRange();
                }
            }
            else {
                readPlainDoubles(values, at, present);
            }
            if (present < n) {
                anyNull = true;
                int from = at + present - 1;
                for (int to = at + n - 1; to > from; to--) {
                    values[to] = nulls[to] ? 0 : values[from--];
                }
            }
            at += n;
        }
        DoubleVector vector = new DoubleVector(field.type(), values, rows);
        vector.setNulls(anyNull ? nulls : null);
        return vector;
    }

    private ColumnVector decodeStrings(int rows)
    {
        int[] offsets = new int[rows + 1];
        byte[] bytes = new byte[Math.max(64, rows * 16)];
        int length = 0;
        boolean[] nulls = maxDefinitionLevel > 0 ? new boolean[rows] : null;
        boolean anyNull = false;
        for (int at = 0; at < rows; ) {
            int n = nextStretch(rows - at);
            int present = readDefinitions(nulls, at, n);
            boolean dense = present == n;
            anyNull |= !dense;
            if (mode == ValueMode.DICTIONARY) {
                readIds(present);
                int next = 0;
                for (int row = at; row < at + n; row++) {
                    if (dense || !nulls[row]) {
                        int id = ids[next++];
                        if (id < 0 || id >= dictionarySize) {
                            throw idOutOfRange();
                        }
                        int start = stringDictionaryOffsets[id];
                        int size = stringDictionaryOffsets[id + 1] - start;
                        if (length + size > bytes.length) {
                            bytes = grow(bytes, length + size);
                        }
                        System.arraycopy(stringDictionaryBytes, start, bytes, length, size);
                        length += size;
                    }
                    offsets[row + 1] = length;
                }
            }
            else {
                for (int row = at; row < at + n; row++) {
                    if (dense || !nulls[row]) {
                        int size = readBinaryLength();
                        if (length + size > bytes.length) {
                            bytes = grow(bytes, length + size);
                        }
                        System.arraycopy(data, position, bytes, length, size);
                        position += size;
                        length += size;
                    }
                    offsets[row + 1] = length;
                }
            }
            at += n;
        }
        StringVector vector = new StringVector(bytes, offsets, rows);
        vector.setNulls(anyNull ? nulls : null);
        return vector;
    }

    private static byte[] grow(byte[] bytes, int needed)
    {
        return Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) bytes.length * 2, needed)));
    }

    /** How many of the next {@code wanted} rows the current page holds (at least one), starting the next page if needed. */
    private int nextStretch(int wanted)
    {
        while (pageValuesLeft == 0) {
            readNextPage();
        }
        int n = Math.min(wanted, pageValuesLeft);
        pageValuesLeft -= n;
        return n;
    }

    /** Marks the nulls among the next {@code count} rows in {@code nulls[at ..]} and returns how many are not null. */
    private int readDefinitions(boolean[] nulls, int at, int count)
    {
        if (maxDefinitionLevel == 0) {
            return count;
        }
        if (definitionLevels != null) {
            return definitionLevels.readNulls(nulls, at, count, maxDefinitionLevel);
        }
        int present = 0;
        for (int i = 0; i < count; i++) {
            boolean isNull = pageNulls[pageNullsNext++];
            nulls[at + i] = isNull;
            present += isNull ? 0 : 1;
        }
        return present;
    }

    private void readIds(int count)
    {
        if (ids.length < count) {
            ids = new int[Math.max(count, ids.length * 2)];
        }
        dictionaryIds.read(ids, 0, count);
    }

    private IllegalStateException idOutOfRange()
    {
        return new IllegalStateException("a dictionary-encoded page refers past the end of its dictionary of " + dictionarySize
                + " values; the page is corrupt");
    }

    private void readNextPage()
    {
        DataPage page = pages.readPage();
        if (page == null) {
            throw new IllegalStateException("the column chunk ends before the rows of its row group do");
        }
        if (page.getValueCount() < 0) {
            throw new IllegalStateException("a data page claims " + page.getValueCount() + " values");
        }
        pageValuesLeft = page.getValueCount();
        if (page instanceof DataPageV1 v1) {
            startPage(v1);
        }
        else if (page instanceof DataPageV2 v2) {
            startPage(v2);
        }
        else {
            throw new IllegalStateException("unknown kind of data page " + page.getClass().getName());
        }
    }

    private void startPage(DataPageV1 page)
    {
        setData(page.getBytes());
        definitionLevels = null;
        pageNulls = null;
        if (maxDefinitionLevel > 0) {
            if (page.getDlEncoding() == Encoding.RLE) {
                int length = readLengthPrefix("definition levels");
                definitionLevels = new RleBitPackedHybridDecoder(data, position, position + length, definitionLevelBits);
                position += length;
            }
            else if (page.getDlEncoding() == Encoding.BIT_PACKED) {
                readBitPackedLevels(page.getValueCount());
            }
            else {
                throw new IllegalStateException("definition levels of a data page are encoded " + page.getDlEncoding()
                        + ", which is not a level encoding");
            }
        }
        startValues(page.getValueEncoding());
    }

    private void startPage(DataPageV2 page)
    {
        definitionLevels = null;
        pageNulls = null;
        if (maxDefinitionLevel > 0) {
            Region levels = region(page.getDefinitionLevels());
            definitionLevels = new RleBitPackedHybridDecoder(levels.array(), levels.offset(), levels.end(), definitionLevelBits);
        }
        setData(page.getData());
        startValues(page.getDataEncoding());
    }

    /** The deprecated BIT_PACKED levels: {@code values} levels packed most significant bit first, no length prefix. */
    private void readBitPackedLevels(int values)
    {
        long bits = (long) values * definitionLevelBits;
        int bytes = (int) ((bits + 7) / 8);
        need(bytes);
        if (pageNulls == null || pageNulls.length < values) {
            pageNulls = new boolean[values];
        }
        for (int i = 0; i < values; i++) {
            int level = 0;
            for (int b = 0; b < definitionLevelBits; b++) {
                long bit = (long) i * definitionLevelBits + b;
                level = (level << 1) | ((data[position + (int) (bit >>> 3)] >>> (7 - (int) (bit & 7))) & 1);
            }
            pageNulls[i] = level < maxDefinitionLevel;
        }
        pageNullsNext = 0;
        position += bytes;
    }

    private void startValues(Encoding encoding)
    {
        switch (encoding) {
            case PLAIN -> {
                mode = ValueMode.PLAIN;
                booleanBits = 0;
            }
            case PLAIN_DICTIONARY, RLE_DICTIONARY -> {
                if (dictionarySize < 0) {
                    throw new IllegalStateException("a data page is dictionary-encoded but the column chunk has no dictionary page");
                }
                need(1);
                int idBits = data[position] & 0xFF;
                dictionaryIds = new RleBitPackedHybridDecoder(data, position + 1, end, idBits);
                mode = ValueMode.DICTIONARY;
            }
            case RLE -> {
                if (conversion != ParquetConversion.BOOLEAN) {
                    throw new IllegalStateException("a data page of " + physical + " values is encoded RLE, which only booleans can be");
                }
                int length = readLengthPrefix("RLE booleans");
                rleBooleans = new RleBitPackedHybridDecoder(data, position, position + length, 1);
                position += length;
                mode = ValueMode.RLE;
            }
            default -> throw new IllegalStateException("a data page is encoded " + encoding
                    + ", which the column chunk's metadata does not list");
        }
    }

    private void readDictionary(DictionaryPage page)
    {
        if (!DICTIONARY_PAGE_ENCODINGS.contains(page.getEncoding())) {
            throw new IllegalStateException("the dictionary page is encoded " + page.getEncoding() + ", not PLAIN");
        }
        int size = page.getDictionarySize();
        if (size < 0) {
            throw new IllegalStateException("the dictionary page claims " + size + " values");
        }
        setData(page.getBytes());
        booleanBits = 0;
        switch (conversion) {
            case BOOLEAN -> throw new IllegalStateException("a column chunk of booleans has a dictionary page");
            case INT32 -> {
                intDictionary = new int[size];
                readPlainInts(intDictionary, 0, size);
            }
            case INT32_TO_LONG, INT64, INT64_MILLIS_TO_MICROS, INT64_NANOS_TO_MICROS, BINARY_DECIMAL -> {
                longDictionary = new long[size];
                readPlainLongs(longDictionary, 0, size);
            }
            case FLOAT_TO_DOUBLE, DOUBLE -> {
                doubleDictionary = new double[size];
                readPlainDoubles(doubleDictionary, 0, size);
            }
            case STRING -> {
                stringDictionaryOffsets = new int[size + 1];
                stringDictionaryBytes = new byte[end - position];
                int length = 0;
                for (int i = 0; i < size; i++) {
                    int valueLength = readBinaryLength();
                    System.arraycopy(data, position, stringDictionaryBytes, length, valueLength);
                    position += valueLength;
                    length += valueLength;
                    stringDictionaryOffsets[i + 1] = length;
                }
            }
        }
        dictionarySize = size;
        data = null;
    }

    private void readPlainBooleans(boolean[] out, int at, int count)
    {
        need((booleanBits + count + 7) / 8);
        long bit = booleanBits;
        for (int i = 0; i < count; i++, bit++) {
            out[at + i] = ((data[position + (int) (bit >>> 3)] >>> (int) (bit & 7)) & 1) != 0;
        }
        booleanBits = bit;
    }

    private void readPlainInts(int[] out, int at, int count)
    {
        need(4L * count);
        int p = position;
        for (int i = 0; i < count; i++, p += 4) {
            out[at + i] = (int) INTS.get(data, p);
        }
        position = p;
    }

    private void readPlainLongs(long[] out, int at, int count)
    {
        switch (conversion) {
            case INT32_TO_LONG -> {
                need(4L * count);
                int p = position;
                for (int i = 0; i < count; i++, p += 4) {
                    out[at + i] = (int) INTS.get(data, p);
                }
                position = p;
            }
            case INT64 -> {
                need(8L * count);
                int p = position;
                for (int i = 0; i < count; i++, p += 8) {
                    out[at + i] = (long) LONGS.get(data, p);
                }
                position = p;
            }
            case INT64_MILLIS_TO_MICROS, INT64_NANOS_TO_MICROS -> {
                need(8L * count);
                int p = position;
                for (int i = 0; i < count; i++, p += 8) {
                    out[at + i] = conversion.convertLong((long) LONGS.get(data, p));
                }
                position = p;
            }
            case BINARY_DECIMAL -> {
                for (int i = 0; i < count; i++) {
                    int length = physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY ? fixedLength : readBinaryLength();
                    need(length);
                    out[at + i] = ParquetConversion.unscaledDecimal(data, position, length, field.name());
                    position += length;
                }
            }
            default -> throw new IllegalStateException("conversion " + conversion + " does not make longs");
        }
    }

    private void readPlainDoubles(double[] out, int at, int count)
    {
        if (conversion == ParquetConversion.FLOAT_TO_DOUBLE) {
            need(4L * count);
            int p = position;
            for (int i = 0; i < count; i++, p += 4) {
                out[at + i] = (float) FLOATS.get(data, p);
            }
            position = p;
        }
        else {
            need(8L * count);
            int p = position;
            for (int i = 0; i < count; i++, p += 8) {
                out[at + i] = (double) DOUBLES.get(data, p);
            }
            position = p;
        }
    }

    /** Reads a PLAIN byte array's length prefix and checks that its bytes follow. */
    private int readBinaryLength()
    {
        need(4);
        int length = (int) INTS.get(data, position);
        position += 4;
        if (length < 0 || length > end - position) {
            throw new IllegalStateException("a byte array of " + length + " bytes runs past the end of its page, "
                    + (end - position) + " bytes on");
        }
        return length;
    }

    private int readLengthPrefix(String what)
    {
        need(4);
        int length = (int) INTS.get(data, position);
        position += 4;
        if (length < 0 || length > end - position) {
            throw new IllegalStateException(what + " of " + length + " bytes run past the end of their page, "
                    + (end - position) + " bytes on");
        }
        return length;
    }

    private void need(long bytes)
    {
        if (bytes > end - position) {
            throw new IllegalStateException("a page ends " + (end - position) + " bytes on, before its " + bytes
                    + " bytes of values do");
        }
    }

    private void setData(BytesInput bytes)
    {
        Region region = region(bytes);
        data = region.array();
        position = region.offset();
        end = region.end();
    }

    private static Region region(BytesInput bytes)
    {
        ByteBuffer buffer;
        try {
            buffer = bytes.toByteBuffer();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read a page: " + e.getMessage(), e);
        }
        if (buffer.hasArray()) {
            int offset = buffer.arrayOffset() + buffer.position();
            return new Region(buffer.array(), offset, offset + buffer.remaining());
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return new Region(copy, 0, copy.length);
    }

    /** The bytes {@code array[offset .. end)}. */
    private record Region(byte[] array, int offset, int end)
    {
    }
}
