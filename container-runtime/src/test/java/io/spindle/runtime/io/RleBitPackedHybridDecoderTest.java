package io.spindle.runtime.io;

import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decoder against parquet-mr's encoder: runs and bit-packed stretches of every width, read in uneven pieces. */
class RleBitPackedHybridDecoderTest
{
    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {0, 1, 2, 3, 5, 7, 8, 9, 12, 16, 17, 20, 24, 31, 32})
    void decodesWhatParquetMrEncodes(int bitWidth)
            throws IOException
    {
        Random random = new Random(bitWidth);
        int[] values = mixedRunsAndNoise(random, bitWidth, 20_000);
        byte[] encoded = encode(values, bitWidth);
        // Padded on both sides, as a page is a slice of a larger buffer.
        byte[] page = new byte[encoded.length + 10];
        System.arraycopy(encoded, 0, page, 3, encoded.length);
        Arrays.fill(page, 0, 3, (byte) 0x55);
        Arrays.fill(page, 3 + encoded.length, page.length, (byte) 0x55);

        RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder(page, 3, 3 + encoded.length, bitWidth);
        int[] decoded = new int[values.length + 5];
        for (int at = 0; at < values.length; ) {
            int n = Math.min(values.length - at, 1 + random.nextInt(700));
            decoder.read(decoded, at + 5, n);
            at += n;
        }
        assertArrayEquals(values, Arrays.copyOfRange(decoded, 5, decoded.length));
    }

    @Test
    void definitionLevelsBecomeNullsAndACount()
            throws IOException
    {
        Random random = new Random(7);
        int[] levels = mixedRunsAndNoise(random, 1, 10_000);
        RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder(encode(levels, 1), 0, encode(levels, 1).length, 1);
        boolean[] nulls = new boolean[levels.length];
        int present = 0;
        for (int at = 0; at < levels.length; ) {
            int n = Math.min(levels.length - at, 1 + random.nextInt(300));
            present += decoder.readNulls(nulls, at, n, 1);
            at += n;
        }
        int expectedPresent = 0;
        for (int i = 0; i < levels.length; i++) {
            assertEquals(levels[i] == 0, nulls[i], "level " + i);
            expectedPresent += levels[i];
        }
        assertEquals(expectedPresent, present);
        assertTrue(present > 1000 && present < 9000, "the test needs both nulls and values, has " + present + " values");
    }

    @Test
    void booleans()
            throws IOException
    {
        int[] bits = mixedRunsAndNoise(new Random(3), 1, 5000);
        byte[] encoded = encode(bits, 1);
        RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder(encoded, 0, encoded.length, 1);
        boolean[] decoded = new boolean[bits.length];
        decoder.readBooleans(decoded, 0, 1234);
        decoder.readBooleans(decoded, 1234, bits.length - 1234);
        for (int i = 0; i < bits.length; i++) {
            assertEquals(bits[i] == 1, decoded[i], "value " + i);
        }
    }

    @Test
    void readingPastTheEndFailsWithoutLeavingItsRange()
            throws IOException
    {
        int[] values = mixedRunsAndNoise(new Random(11), 9, 4000);
        byte[] encoded = encode(values, 9);
        RleBitPackedHybridDecoder whole = new RleBitPackedHybridDecoder(encoded, 0, encoded.length, 9);
        whole.read(new int[values.length], 0, values.length);
        IllegalStateException pastTheEnd = assertThrows(IllegalStateException.class, () -> whole.read(new int[600], 0, 600));
        assertTrue(pastTheEnd.getMessage().contains("ends"), pastTheEnd.getMessage());

        // Cut in half: the bytes after the cut are still in the array but must not be read.
        RleBitPackedHybridDecoder half = new RleBitPackedHybridDecoder(encoded, 0, encoded.length / 2, 9);
        assertThrows(IllegalStateException.class, () -> half.read(new int[values.length], 0, values.length));
    }

    @Test
    void garbageFailsOnlyWithIllegalState()
    {
        Random random = new Random(5);
        int failures = 0;
        for (int attempt = 0; attempt < 500; attempt++) {
            byte[] garbage = new byte[1 + random.nextInt(64)];
            random.nextBytes(garbage);
            int bitWidth = random.nextInt(33);
            RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder(garbage, 0, garbage.length, bitWidth);
            try {
                decoder.read(new int[2000], 0, 2000);
            }
            catch (IllegalStateException e) {
                failures++;
            }
        }
        assertTrue(failures > 100, "most random inputs are too short for 2000 values; " + failures + " failed");
    }

    @Test
    void refusesImpossibleWidthsAndRanges()
    {
        assertThrows(IllegalStateException.class, () -> new RleBitPackedHybridDecoder(new byte[4], 0, 4, 33));
        assertThrows(IllegalStateException.class, () -> new RleBitPackedHybridDecoder(new byte[4], 2, 5, 3));
    }

    /** Stretches of one repeated value mixed with stretches of random values, all below {@code 2^bitWidth}. */
    private static int[] mixedRunsAndNoise(Random random, int bitWidth, int count)
    {
        int[] values = new int[count];
        for (int at = 0; at < count; ) {
            int n = Math.min(count - at, 1 + random.nextInt(random.nextBoolean() ? 12 : 400));
            boolean repeated = random.nextBoolean();
            int value = randomValue(random, bitWidth);
            for (int i = 0; i < n; i++) {
                values[at + i] = repeated ? value : randomValue(random, bitWidth);
            }
            at += n;
        }
        return values;
    }

    private static int randomValue(Random random, int bitWidth)
    {
        return bitWidth == 32 ? random.nextInt() : (int) (random.nextLong() & ((1L << bitWidth) - 1));
    }

    private static byte[] encode(int[] values, int bitWidth)
            throws IOException
    {
        try (RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20,
                HeapByteBufferAllocator.getInstance())) {
            for (int value : values) {
                encoder.writeInt(value);
            }
            return encoder.toBytes().toByteArray();
        }
    }
}
