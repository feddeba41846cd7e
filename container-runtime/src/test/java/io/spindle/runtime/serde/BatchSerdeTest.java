package io.spindle.runtime.serde;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.Decimal128Vector;
import io.spindle.runtime.batch.DoubleVector;
import io.spindle.runtime.batch.IntVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.runtime.decimal.Int128;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchSerdeTest
{
    private static final DataType DECIMAL = DataType.decimal(15, 2);
    private static final DataType WIDE_DECIMAL = DataType.decimal(38, 10);

    @Test
    void roundTripsEveryTypeWithoutNulls()
    {
        ColumnBatch batch = everyType(1001, 0, new Random(1));
        for (ColumnVector column : batch.columns()) {
            assertFalse(column.mayHaveNulls());
        }
        ColumnBatch decoded = roundTrip(batch);
        assertSameBatch(batch, decoded);
        for (ColumnVector column : decoded.columns()) {
            assertFalse(column.mayHaveNulls(), "a column without nulls decodes without a mask");
        }
    }

    @Test
    void roundTripsEveryTypeWithNulls()
    {
        for (int rows : new int[] {1, 7, 8, 9, 1000, 4099}) {
            ColumnBatch batch = everyType(rows, 3, new Random(rows));
            assertSameBatch(batch, roundTrip(batch));
        }
    }

    @Test
    void keepsExtremeValues()
    {
        int[] ints = {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE};
        long[] longs = {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE};
        double[] doubles = {Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.NaN};
        ColumnBatch batch = new ColumnBatch(List.of(
                new IntVector(DataType.INT, ints, 4),
                new LongVector(DataType.LONG, longs, 4),
                new DoubleVector(DataType.DOUBLE, doubles, 4)), 4);
        ColumnBatch decoded = roundTrip(batch);
        assertArrayEquals(ints, ((IntVector) decoded.column(0)).values());
        assertArrayEquals(longs, ((LongVector) decoded.column(1)).values());
        assertArrayEquals(doubles, ((DoubleVector) decoded.column(2)).values());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(((DoubleVector) decoded.column(2)).get(1)));
    }

    @Test
    void keepsWideDecimalsAtTheirPrecisionLimits()
    {
        BigDecimal max = new BigDecimal("9999999999999999999999999999.9999999999");
        List<BigDecimal> values = List.of(max, max.negate(), new BigDecimal("-0.0000000001"), BigDecimal.ZERO.setScale(10),
                new BigDecimal("9223372036854775808.0000000000"));
        long[] high = new long[values.size()];
        long[] low = new long[values.size()];
        for (int i = 0; i < values.size(); i++) {
            Int128.fromBigDecimal(values.get(i), 10, high, low, i);
        }
        ColumnBatch decoded = roundTrip(new ColumnBatch(List.of(new Decimal128Vector(WIDE_DECIMAL, high, low, values.size())), values.size()));

        Decimal128Vector column = (Decimal128Vector) decoded.column(0);
        for (int i = 0; i < values.size(); i++) {
            assertEquals(values.get(i), column.getObject(i));
        }
    }

    @Test
    void writesOnlyTheRowsOfVectorsWithLargerArraysAndShiftedStrings()
    {
        byte[] data = "xxxabcdefg".getBytes(StandardCharsets.US_ASCII);
        StringVector shifted = new StringVector(data, new int[] {3, 5, 5, 10, 99}, 3);
        shifted.setNull(1);
        IntVector oversized = new IntVector(DataType.DATE, new int[] {1, 2, 3, 4, 5, 6}, 3);
        ColumnBatch batch = new ColumnBatch(List.of(shifted, oversized), 3);

        ColumnBatch decoded = roundTrip(batch);
        assertSameBatch(batch, decoded);
        assertEquals("ab", decoded.column(0).getObject(0));
        assertEquals("cdefg", decoded.column(0).getObject(2));
        assertEquals(3, ((IntVector) decoded.column(1)).values().length);
    }

    @Test
    void roundTripsEmptyBatches()
    {
        ColumnBatch noRows = everyType(0, 0, new Random(2));
        ColumnBatch decoded = roundTrip(noRows);
        assertEquals(0, decoded.rowCount());
        assertEquals(noRows.columnCount(), decoded.columnCount());
        for (int c = 0; c < noRows.columnCount(); c++) {
            assertEquals(noRows.column(c).type(), decoded.column(c).type());
        }

        ColumnBatch noColumns = new ColumnBatch(List.of(), 12345);
        ColumnBatch counted = roundTrip(noColumns);
        assertEquals(0, counted.columnCount());
        assertEquals(12345, counted.rowCount());
    }

    @Test
    void decodesConcatenatedFramesInOrder()
    {
        List<ColumnBatch> batches = List.of(
                everyType(100, 4, new Random(3)),
                everyType(0, 0, new Random(4)),
                everyType(2500, 2, new Random(5)),
                new ColumnBatch(List.of(), 7));
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.writeBytes(new byte[] {9, 9, 9});
        for (ColumnBatch batch : batches) {
            BatchSerde.encodeTo(batch, block);
        }
        block.writeBytes(new byte[] {9, 9});
        byte[] bytes = block.toByteArray();

        List<ColumnBatch> decoded = BatchSerde.decodeAll(bytes, 3, bytes.length - 5);
        assertEquals(batches.size(), decoded.size());
        for (int i = 0; i < batches.size(); i++) {
            assertSameBatch(batches.get(i), decoded.get(i));
        }
        assertEquals(List.of(), BatchSerde.decodeAll(bytes, 3, 0));
        assertEquals(List.of(), BatchSerde.decodeAll(new byte[0], 0, 0));
    }

    @Test
    void encodeAndEncodeToWriteTheSameFrame()
    {
        ColumnBatch batch = everyType(300, 5, new Random(6));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchSerde.encodeTo(batch, out);
        byte[] frame = BatchSerde.encode(batch);
        assertArrayEquals(frame, out.toByteArray());
        assertEquals(BatchSerde.MAGIC, ByteBuffer.wrap(frame).getInt());
        assertEquals(frame.length - BatchSerde.HEADER_BYTES, ByteBuffer.wrap(frame).getInt(8));
        assertSameBatch(batch, BatchSerde.decode(frame, 0, frame.length));
    }

    @Test
    void compressesRepetitiveColumns()
    {
        int rows = 4096;
        long[] keys = new long[rows];
        StringVector.Builder flags = new StringVector.Builder(rows, rows);
        for (int i = 0; i < rows; i++) {
            keys[i] = i / 100;
            flags.append(i % 2 == 0 ? "A" : "F");
        }
        ColumnBatch batch = new ColumnBatch(List.of(new LongVector(DataType.LONG, keys, rows), flags.build()), rows);
        byte[] frame = BatchSerde.encode(batch);
        int raw = ByteBuffer.wrap(frame).getInt(4);
        assertTrue(frame.length * 4 < raw, "frame of " + frame.length + " bytes for " + raw + " raw bytes");
    }

    @Test
    void detectsAnyFlippedByte()
    {
        byte[] frame = BatchSerde.encode(everyType(50, 3, new Random(7)));
        for (int i = 0; i < frame.length; i++) {
            byte[] corrupt = frame.clone();
            corrupt[i] ^= 0x10;
            int at = i;
            assertThrows(CorruptBlockException.class, () -> BatchSerde.decodeAll(corrupt, 0, corrupt.length),
                    "flipped byte " + at + " of " + frame.length);
        }
    }

    @Test
    void corruptionMessagesSayWhatWasExpectedAndFound()
    {
        ColumnBatch batch = everyType(20, 2, new Random(8));
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        BatchSerde.encodeTo(batch, block);
        int secondFrame = block.size();
        BatchSerde.encodeTo(batch, block);
        byte[] bytes = block.toByteArray();

        byte[] badMagic = bytes.clone();
        badMagic[secondFrame] = 'X';
        CorruptBlockException magic = assertThrows(CorruptBlockException.class, () -> BatchSerde.decodeAll(badMagic, 0, badMagic.length));
        assertTrue(magic.getMessage().contains("expected frame magic 0x53504231 at byte " + secondFrame)
                && magic.getMessage().contains("found 0x58504231"), magic.getMessage());

        byte[] badData = bytes.clone();
        badData[bytes.length - 1] ^= 1;
        CorruptBlockException checksum = assertThrows(CorruptBlockException.class, () -> BatchSerde.decodeAll(badData, 0, badData.length));
        assertTrue(checksum.getMessage().contains("expected CRC32C 0x") && checksum.getMessage().contains("computed 0x")
                && checksum.getMessage().contains("byte " + secondFrame), checksum.getMessage());

        CorruptBlockException truncated = assertThrows(CorruptBlockException.class, () -> BatchSerde.decodeAll(bytes, 0, bytes.length - 1));
        assertTrue(truncated.getMessage().contains("compressed bytes"), truncated.getMessage());

        CorruptBlockException shortHeader = assertThrows(CorruptBlockException.class, () -> BatchSerde.decodeAll(bytes, 0, secondFrame + 5));
        assertTrue(shortHeader.getMessage().contains("found only 5 bytes"), shortHeader.getMessage());

        CorruptBlockException twoFrames = assertThrows(CorruptBlockException.class, () -> BatchSerde.decode(bytes, 0, bytes.length));
        assertTrue(twoFrames.getMessage().contains("exactly one frame"), twoFrames.getMessage());
    }

    @Test
    void roundTripsLargeStringColumns()
    {
        Random random = new Random(9);
        int rows = 40_000;
        StringVector.Builder builder = new StringVector.Builder(rows, rows * 300);
        List<String> expected = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            if (i % 1000 == 17) {
                builder.appendNull();
                expected.add(null);
                continue;
            }
            String value = i == 5 ? "\u00e9".repeat(2_000_000) : randomText(random, random.nextInt(600));
            builder.append(value);
            expected.add(value);
        }
        ColumnBatch batch = new ColumnBatch(List.of(builder.build()), rows);
        ColumnBatch decoded = roundTrip(batch);
        for (int i = 0; i < rows; i++) {
            assertEquals(expected.get(i), decoded.column(0).getObject(i), "row " + i);
        }
    }

    @Test
    void encodeToRethrowsWriteFailuresUnchecked()
    {
        OutputStream broken = new OutputStream()
        {
            @Override
            public void write(int b)
                    throws IOException
            {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len)
                    throws IOException
            {
                throw new IOException("disk full");
            }
        };
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> BatchSerde.encodeTo(everyType(3, 0, new Random(10)), broken));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    }

    private static ColumnBatch roundTrip(ColumnBatch batch)
    {
        byte[] frame = BatchSerde.encode(batch);
        List<ColumnBatch> decoded = BatchSerde.decodeAll(frame, 0, frame.length);
        assertEquals(1, decoded.size());
        return decoded.get(0);
    }

    /** A batch with one column of each type; every {@code nullEvery}-th row of each column is null (0: none). */
    private static ColumnBatch everyType(int rows, int nullEvery, Random random)
    {
        boolean[] booleans = new boolean[rows];
        int[] ints = new int[rows];
        int[] dates = new int[rows];
        long[] longs = new long[rows];
        long[] timestamps = new long[rows];
        long[] decimals = new long[rows];
        long[] wideHigh = new long[rows];
        long[] wideLow = new long[rows];
        double[] doubles = new double[rows];
        StringVector.Builder strings = new StringVector.Builder(rows, rows * 8);
        for (int i = 0; i < rows; i++) {
            booleans[i] = random.nextBoolean();
            ints[i] = random.nextInt();
            dates[i] = random.nextInt(40_000) - 10_000;
            longs[i] = random.nextLong();
            timestamps[i] = random.nextLong() / 1000;
            decimals[i] = random.nextLong() % 1_000_000_000_000_000L;
            // both signs, values of 38 digits as well as small ones whose high word is only the sign
            BigInteger wide = new BigInteger(random.nextInt(126) + 1, random);
            Int128.fromBigInteger(random.nextBoolean() ? wide.negate() : wide, wideHigh, wideLow, i);
            doubles[i] = random.nextGaussian() * 1e6;
            if (nullEvery > 0 && (i + 1) % nullEvery == 0) {
                strings.appendNull();
            }
            else {
                strings.append(randomText(random, random.nextInt(20)));
            }
        }
        List<ColumnVector> columns = new ArrayList<>(List.of(
                new BooleanVector(DataType.BOOLEAN, booleans, rows),
                new IntVector(DataType.INT, ints, rows),
                new IntVector(DataType.DATE, dates, rows),
                new LongVector(DataType.LONG, longs, rows),
                new LongVector(DataType.TIMESTAMP, timestamps, rows),
                new LongVector(DECIMAL, decimals, rows),
                new Decimal128Vector(WIDE_DECIMAL, wideHigh, wideLow, rows),
                new DoubleVector(DataType.DOUBLE, doubles, rows)));
        if (nullEvery > 0) {
            for (int c = 0; c < columns.size(); c++) {
                for (int i = (c + 1) % nullEvery; i < rows; i += nullEvery) {
                    columns.get(c).setNull(i);
                }
            }
        }
        columns.add(strings.build());
        return new ColumnBatch(columns, rows);
    }

    private static String randomText(Random random, int length)
    {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            text.append(kind == 0 ? '\u00fc' : kind == 1 ? '\u4e2d' : (char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static void assertSameBatch(ColumnBatch expected, ColumnBatch actual)
    {
        assertEquals(expected.rowCount(), actual.rowCount());
        assertEquals(expected.columnCount(), actual.columnCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            ColumnVector want = expected.column(c);
            ColumnVector got = actual.column(c);
            assertEquals(want.type(), got.type(), "type of column " + c);
            assertEquals(want.getClass(), got.getClass(), "vector class of column " + c);
            for (int i = 0; i < expected.rowCount(); i++) {
                if (want.isNull(i)) {
                    assertTrue(got.isNull(i), "column " + c + " row " + i + " should be null");
                    assertNull(got.getObject(i));
                }
                else {
                    assertFalse(got.isNull(i), "column " + c + " row " + i + " should not be null");
                    assertEquals(want.getObject(i), got.getObject(i), "column " + c + " row " + i);
                }
            }
            if (want instanceof StringVector strings && !strings.mayHaveNulls()) {
                StringVector decodedStrings = (StringVector) got;
                int base = strings.offsets()[0];
                int length = strings.offsets()[expected.rowCount()] - base;
                assertArrayEquals(Arrays.copyOfRange(strings.data(), base, base + length),
                        Arrays.copyOf(decodedStrings.data(), length), "bytes of column " + c);
            }
        }
    }
}
