package io.spindle.runtime.serde;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Spindle's wire format for batches in shuffle blocks and task results: one self-describing, checksummed,
 * LZ4-compressed frame per batch. A block is frames laid end to end, so map output for one reduce partition is
 * the concatenation of its batches' frames.
 *
 * <p>A frame is a 16-byte header of big-endian ints {@code [magic "SPB1"][raw length][compressed length]
 * [CRC32C of the compressed bytes]}, then the compressed bytes. The raw (uncompressed) body is little-endian, the
 * byte order of the machines Spindle runs on, so arrays are copied in bulk: {@code [int rows][int columns]} and per
 * column {@code [byte type code][byte precision][byte scale][byte has nulls]}, the null bits packed eight rows a
 * byte (only when it has nulls), then the values: booleans packed as bits; ints, longs and doubles as arrays;
 * decimals of up to 18 digits as longs, wider ones (their precision says which) as the array of low words then the
 * array of high words, which are mostly sign bits and compress to almost nothing; strings as their byte lengths (which compress far better than offsets) followed by their UTF-8 bytes. Values
 * at null rows are written as they are and mean nothing.
 *
 * <p>Thread-safe: every method is static and shares only stateless LZ4 codecs.
 */
public final class BatchSerde
{
    /** "SPB1": Spindle batch, format 1. */
    public static final int MAGIC = 0x53504231;
    public static final int HEADER_BYTES = 16;

    private static final int BODY_HEADER_BYTES = 8;
    private static final int COLUMN_HEADER_BYTES = 4;
    /** LZ4 cannot expand input by more than about 255 times; a larger claim is a corrupt header, not a batch. */
    private static final int MAX_EXPANSION = 256;
    /** Below 2 GiB by enough that LZ4's worst-case output and the header still fit in one array. */
    private static final long MAX_RAW_BYTES = 2_000_000_000L;

    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();

    private BatchSerde()
    {
    }

    /** One frame holding {@code batch}. */
    public static byte[] encode(ColumnBatch batch)
    {
        Frame frame = frame(batch);
        if (frame.length() == frame.bytes().length) {
            return frame.bytes();
        }
        byte[] exact = new byte[frame.length()];
        System.arraycopy(frame.bytes(), 0, exact, 0, frame.length());
        return exact;
    }

    /** Writes one frame holding {@code batch} to {@code out}; an I/O failure is rethrown unchecked. */
    public static void encodeTo(ColumnBatch batch, OutputStream out)
    {
        Frame frame = frame(batch);
        try {
            out.write(frame.bytes(), 0, frame.length());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write a batch frame of " + frame.length() + " bytes: " + e.getMessage(), e);
        }
    }

    /** Every frame in {@code bytes[offset, offset + length)}, in order; no bytes means no batches. */
    public static List<ColumnBatch> decodeAll(byte[] bytes, int offset, int length)
    {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        List<ColumnBatch> batches = new ArrayList<>();
        int end = offset + length;
        int at = offset;
        while (at < end) {
            int frameEnd = frameEnd(bytes, at, end, offset);
            batches.add(decodeFrame(bytes, at, frameEnd, offset));
            at = frameEnd;
        }
        return batches;
    }

    /**
     * The next frame of {@code in}, or null at the end of the stream. A stream that ends inside a frame, or holds
     * something else, fails with a {@link CorruptBlockException}.
     */
    public static ColumnBatch readFrom(InputStream in)
    {
        try {
            byte[] header = in.readNBytes(HEADER_BYTES);
            if (header.length == 0) {
                return null;
            }
            if (header.length < HEADER_BYTES) {
                throw new CorruptBlockException("stream ends inside a frame header, after " + header.length + " bytes");
            }
            int compressedLength = ByteBuffer.wrap(header).getInt(8);
            if (compressedLength < 0) {
                throw new CorruptBlockException("frame header claims " + compressedLength + " compressed bytes");
            }
            byte[] frame = Arrays.copyOf(header, HEADER_BYTES + compressedLength);
            int read = in.readNBytes(frame, HEADER_BYTES, compressedLength);
            if (read < compressedLength) {
                throw new CorruptBlockException("stream ends inside a frame: " + read + " of " + compressedLength + " compressed bytes");
            }
            return decode(frame, 0, frame.length);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read a batch frame: " + e.getMessage(), e);
        }
    }

    /** The one frame that {@code bytes[offset, offset + length)} must hold exactly. */
    public static ColumnBatch decode(byte[] bytes, int offset, int length)
    {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int end = offset + length;
        int frameEnd = frameEnd(bytes, offset, end, offset);
        if (frameEnd != end) {
            throw new CorruptBlockException("expected exactly one frame in " + length + " bytes, but its frame ends after "
                    + (frameEnd - offset) + " bytes");
        }
        return decodeFrame(bytes, offset, frameEnd, offset);
    }

    private record Frame(byte[] bytes, int length)
    {
    }

    private static Frame frame(ColumnBatch batch)
    {
        int rows = batch.rowCount();
        boolean[] hasNulls = new boolean[batch.columnCount()];
        long rawSize = BODY_HEADER_BYTES;
        for (int c = 0; c < batch.columnCount(); c++) {
            ColumnVector column = batch.column(c);
            hasNulls[c] = anyNull(column.nulls(), rows);
            rawSize += COLUMN_HEADER_BYTES + (hasNulls[c] ? bitBytes(rows) : 0) + valueBytes(column, rows);
        }
        if (rawSize > MAX_RAW_BYTES) {
            throw new IllegalArgumentException("a batch of " + rows + " rows and " + batch.columnCount() + " columns encodes to "
                    + rawSize + " bytes, over the frame limit of " + MAX_RAW_BYTES + " bytes; send it as smaller batches");
        }
        byte[] raw = new byte[(int) rawSize];
        ByteBuffer body = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        body.putInt(rows).putInt(batch.columnCount());
        for (int c = 0; c < batch.columnCount(); c++) {
            writeColumn(body, batch.column(c), rows, hasNulls[c]);
        }
        if (body.hasRemaining()) {
            throw new IllegalStateException("batch body sized at " + raw.length + " bytes but " + body.position() + " written");
        }

        int maxCompressed = COMPRESSOR.maxCompressedLength(raw.length);
        byte[] out = new byte[HEADER_BYTES + maxCompressed];
        int compressed = COMPRESSOR.compress(raw, 0, raw.length, out, HEADER_BYTES, maxCompressed);
        CRC32C crc = new CRC32C();
        crc.update(out, HEADER_BYTES, compressed);
        ByteBuffer.wrap(out, 0, HEADER_BYTES)
                .putInt(MAGIC)
                .putInt(raw.length)
                .putInt(compressed)
                .putInt((int) crc.getValue());
        return new Frame(out, HEADER_BYTES + compressed);
    }

    private static boolean anyNull(boolean[] nulls, int rows)
    {
        if (nulls == null) {
            return false;
        }
        for (int i = 0; i < rows; i++) {
            if (nulls[i]) {
                return true;
            }
        }
        return false;
    }

    private static int bitBytes(int rows)
    {
        return (rows + 7) >>> 3;
    }

    private static long valueBytes(ColumnVector column, int rows)
    {
        return switch (column.type().kind()) {
            case BOOLEAN -> bitBytes(rows);
            case INT, DATE -> 4L * rows;
            case DECIMAL -> column.type().isWideDecimal() ? 16L * rows : 8L * rows;
            case LONG, TIMESTAMP, DOUBLE -> 8L * rows;
            case STRING -> {
                int[] offsets = ((StringVector) column).offsets();
                yield 4L * rows + (offsets[rows] - offsets[0]);
            }
        };
    }

    private static void writeColumn(ByteBuffer body, ColumnVector column, int rows, boolean hasNulls)
    {
        DataType type = column.type();
        body.put(typeCode(type.kind()))
                .put((byte) type.precision())
                .put((byte) type.scale())
                .put((byte) (hasNulls ? 1 : 0));
        if (hasNulls) {
            putBits(body, column.nulls(), rows);
        }
        switch (type.kind()) {
            case BOOLEAN -> putBits(body, ((BooleanVector) column).values(), rows);
            case INT, DATE -> {
                body.asIntBuffer().put(((IntVector) column).values(), 0, rows);
                body.position(body.position() + 4 * rows);
            }
            case DECIMAL -> {
                if (column instanceof Decimal128Vector wide) {
                    body.asLongBuffer().put(wide.low(), 0, rows);
                    body.position(body.position() + 8 * rows);
                    body.asLongBuffer().put(wide.high(), 0, rows);
                }
                else {
                    body.asLongBuffer().put(((LongVector) column).values(), 0, rows);
                }
                body.position(body.position() + 8 * rows);
            }
            case LONG, TIMESTAMP -> {
                body.asLongBuffer().put(((LongVector) column).values(), 0, rows);
                body.position(body.position() + 8 * rows);
            }
            case DOUBLE -> {
                body.asDoubleBuffer().put(((DoubleVector) column).values(), 0, rows);
                body.position(body.position() + 8 * rows);
            }
            case STRING -> {
                StringVector strings = (StringVector) column;
                int[] offsets = strings.offsets();
                for (int i = 0; i < rows; i++) {
                    body.putInt(offsets[i + 1] - offsets[i]);
                }
                body.put(strings.data(), offsets[0], offsets[rows] - offsets[0]);
            }
        }
    }

    /** Bit i of the output is {@code flags[i]}, least significant bit first. */
    private static void putBits(ByteBuffer body, boolean[] flags, int rows)
    {
        int full = rows & ~7;
        for (int i = 0; i < full; i += 8) {
            body.put((byte) ((flags[i] ? 1 : 0)
                    | (flags[i + 1] ? 2 : 0)
                    | (flags[i + 2] ? 4 : 0)
                    | (flags[i + 3] ? 8 : 0)
                    | (flags[i + 4] ? 16 : 0)
                    | (flags[i + 5] ? 32 : 0)
                    | (flags[i + 6] ? 64 : 0)
                    | (flags[i + 7] ? 128 : 0)));
        }
        if (full < rows) {
            int last = 0;
            for (int i = full; i < rows; i++) {
                last |= (flags[i] ? 1 : 0) << (i - full);
            }
            body.put((byte) last);
        }
    }

    private static boolean[] getBits(ByteBuffer body, int rows)
    {
        boolean[] flags = new boolean[rows];
        for (int i = 0; i < rows; i += 8) {
            int bits = body.get();
            for (int j = 0, n = Math.min(8, rows - i); j < n; j++) {
                flags[i + j] = (bits & (1 << j)) != 0;
            }
        }
        return flags;
    }

    /** Validates the frame header at {@code at} and returns where the frame ends. */
    private static int frameEnd(byte[] bytes, int at, int end, int blockStart)
    {
        if (end - at < HEADER_BYTES) {
            throw new CorruptBlockException("expected a " + HEADER_BYTES + "-byte frame header at byte " + (at - blockStart)
                    + " of the block, found only " + (end - at) + " bytes");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, at, HEADER_BYTES);
        int magic = header.getInt();
        int rawLength = header.getInt();
        int compressedLength = header.getInt();
        if (magic != MAGIC) {
            throw new CorruptBlockException("expected frame magic " + hex(MAGIC) + " at byte " + (at - blockStart)
                    + " of the block, found " + hex(magic));
        }
        if (compressedLength < 0 || compressedLength > end - at - HEADER_BYTES) {
            throw new CorruptBlockException("frame at byte " + (at - blockStart) + " claims " + compressedLength
                    + " compressed bytes, but the block has " + (end - at - HEADER_BYTES) + " bytes after its header");
        }
        if (rawLength < BODY_HEADER_BYTES || rawLength > (long) compressedLength * MAX_EXPANSION + 64) {
            throw new CorruptBlockException("frame at byte " + (at - blockStart) + " claims " + rawLength
                    + " uncompressed bytes from " + compressedLength + " compressed bytes, which LZ4 cannot produce");
        }
        return at + HEADER_BYTES + compressedLength;
    }

    private static ColumnBatch decodeFrame(byte[] bytes, int at, int frameEnd, int blockStart)
    {
        ByteBuffer header = ByteBuffer.wrap(bytes, at, HEADER_BYTES);
        header.getInt();
        int rawLength = header.getInt();
        int compressedLength = header.getInt();
        int expectedChecksum = header.getInt();

        CRC32C crc = new CRC32C();
        crc.update(bytes, at + HEADER_BYTES, compressedLength);
        int actualChecksum = (int) crc.getValue();
        if (actualChecksum != expectedChecksum) {
            throw new CorruptBlockException("frame at byte " + (at - blockStart) + " of the block: expected CRC32C "
                    + hex(expectedChecksum) + " of its " + compressedLength + " compressed bytes, computed " + hex(actualChecksum));
        }

        byte[] raw = new byte[rawLength];
        int decompressed;
        try {
            decompressed = DECOMPRESSOR.decompress(bytes, at + HEADER_BYTES, compressedLength, raw, 0, rawLength);
        }
        catch (LZ4Exception e) {
            throw new CorruptBlockException("frame at byte " + (at - blockStart) + " of the block: expected " + rawLength
                    + " bytes of LZ4 output, but decompression failed: " + e.getMessage(), e);
        }
        if (decompressed != rawLength) {
            throw new CorruptBlockException("frame at byte " + (at - blockStart) + " of the block: expected " + rawLength
                    + " uncompressed bytes, found " + decompressed);
        }

        ByteBuffer body = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        try {
            ColumnBatch batch = readBody(body);
            if (body.hasRemaining()) {
                throw new CorruptBlockException("expected the batch to fill all " + rawLength + " bytes, found "
                        + body.remaining() + " bytes left over");
            }
            return batch;
        }
        catch (CorruptBlockException e) {
            throw new CorruptBlockException("frame at byte " + (at - blockStart) + " of the block: " + e.getMessage(), e);
        }
        catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptBlockException("frame at byte " + (at - blockStart) + " of the block: expected a batch body of "
                    + rawLength + " bytes, found one that does not parse (" + e + ")", e);
        }
    }

    private static ColumnBatch readBody(ByteBuffer body)
    {
        int rows = body.getInt();
        int columnCount = body.getInt();
        if (rows < 0 || columnCount < 0) {
            throw new CorruptBlockException("expected non-negative row and column counts, found " + rows + " and " + columnCount);
        }
        List<ColumnVector> columns = new ArrayList<>(Math.min(columnCount, 1024));
        for (int c = 0; c < columnCount; c++) {
            columns.add(readColumn(body, rows, c));
        }
        return new ColumnBatch(columns, rows);
    }

    private static ColumnVector readColumn(ByteBuffer body, int rows, int index)
    {
        require(body, COLUMN_HEADER_BYTES, index);
        TypeKind kind = kindOf(body.get(), index);
        int precision = body.get();
        int scale = body.get();
        int nullFlag = body.get();
        if (nullFlag != 0 && nullFlag != 1) {
            throw new CorruptBlockException("expected a null flag of 0 or 1 for column " + index + ", found " + nullFlag);
        }
        boolean[] nulls = null;
        if (nullFlag == 1) {
            require(body, bitBytes(rows), index);
            nulls = getBits(body, rows);
        }
        ColumnVector vector = switch (kind) {
            case BOOLEAN -> {
                require(body, bitBytes(rows), index);
                yield new BooleanVector(DataType.BOOLEAN, getBits(body, rows), rows);
            }
            case INT, DATE -> {
                require(body, 4L * rows, index);
                int[] values = new int[rows];
                body.asIntBuffer().get(values);
                body.position(body.position() + 4 * rows);
                yield new IntVector(kind == TypeKind.DATE ? DataType.DATE : DataType.INT, values, rows);
            }
            case DECIMAL -> {
                DataType type = decimalType(precision, scale, index);
                require(body, (type.isWideDecimal() ? 16L : 8L) * rows, index);
                long[] low = new long[rows];
                body.asLongBuffer().get(low);
                body.position(body.position() + 8 * rows);
                if (!type.isWideDecimal()) {
                    yield new LongVector(type, low, rows);
                }
                long[] high = new long[rows];
                body.asLongBuffer().get(high);
                body.position(body.position() + 8 * rows);
                yield new Decimal128Vector(type, high, low, rows);
            }
            case LONG, TIMESTAMP -> {
                require(body, 8L * rows, index);
                long[] values = new long[rows];
                body.asLongBuffer().get(values);
                body.position(body.position() + 8 * rows);
                yield new LongVector(kind == TypeKind.LONG ? DataType.LONG : DataType.TIMESTAMP, values, rows);
            }
            case DOUBLE -> {
                require(body, 8L * rows, index);
                double[] values = new double[rows];
                body.asDoubleBuffer().get(values);
                body.position(body.position() + 8 * rows);
                yield new DoubleVector(DataType.DOUBLE, values, rows);
            }
            case STRING -> readStrings(body, rows, index);
        };
        vector.setNulls(nulls);
        return vector;
    }

    private static DataType decimalType(int precision, int scale, int index)
    {
        try {
            return DataType.decimal(precision, scale);
        }
        catch (IllegalArgumentException e) {
            throw new CorruptBlockException("column " + index + " claims an impossible decimal type: " + e.getMessage());
        }
    }

    private static StringVector readStrings(ByteBuffer body, int rows, int index)
    {
        require(body, 4L * rows, index);
        int[] offsets = new int[rows + 1];
        long end = 0;
        for (int i = 0; i < rows; i++) {
            int length = body.getInt();
            if (length < 0) {
                throw new CorruptBlockException("expected a string length of 0 or more in column " + index + " row " + i
                        + ", found " + length);
            }
            end += length;
            if (end > body.remaining()) {
                throw new CorruptBlockException("expected string column " + index + " to fit in the frame, but its lengths add up to "
                        + end + " bytes by row " + i + " with " + body.remaining() + " left");
            }
            offsets[i + 1] = (int) end;
        }
        byte[] data = new byte[(int) end];
        body.get(data);
        return new StringVector(data, offsets, rows);
    }

    /** Fails before allocating when a corrupt count claims more bytes than the body has. */
    private static void require(ByteBuffer body, long bytes, int column)
    {
        if (bytes > body.remaining()) {
            throw new CorruptBlockException("expected " + bytes + " more bytes for column " + column + ", found "
                    + body.remaining());
        }
    }

    private static byte typeCode(TypeKind kind)
    {
        return switch (kind) {
            case BOOLEAN -> 1;
            case INT -> 2;
            case LONG -> 3;
            case DOUBLE -> 4;
            case DECIMAL -> 5;
            case DATE -> 6;
            case TIMESTAMP -> 7;
            case STRING -> 8;
        };
    }

    private static TypeKind kindOf(byte code, int column)
    {
        return switch (code) {
            case 1 -> TypeKind.BOOLEAN;
            case 2 -> TypeKind.INT;
            case 3 -> TypeKind.LONG;
            case 4 -> TypeKind.DOUBLE;
            case 5 -> TypeKind.DECIMAL;
            case 6 -> TypeKind.DATE;
            case 7 -> TypeKind.TIMESTAMP;
            case 8 -> TypeKind.STRING;
            default -> throw new CorruptBlockException("expected a type code 1 to 8 for column " + column + ", found " + code);
        };
    }

    private static String hex(int value)
    {
        return String.format("0x%08x", value);
    }
}
