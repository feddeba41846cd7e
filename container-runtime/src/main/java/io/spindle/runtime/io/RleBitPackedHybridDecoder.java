package io.spindle.runtime.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes Parquet's RLE/bit-packed hybrid encoding (definition levels, dictionary ids, RLE booleans) from a byte range
 * in runs rather than value by value: a repeated run fills its whole stretch at once, a bit-packed run is unpacked
 * into a buffer once and copied out. Corrupt input fails with an {@link IllegalStateException}; it never reads outside
 * its range. Not thread-safe.
 */
final class RleBitPackedHybridDecoder
{
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] data;
    private final int end;
    private final int bitWidth;
    private final int repeatedValueBytes;
    private int position;

    private int repeatedLeft;
    private int repeatedValue;
    private int[] unpacked = new int[0];
    private int unpackedNext;
    private int unpackedCount;

    /** Decodes {@code data[offset .. end)} holding values of {@code bitWidth} bits (0 to 32). */
    RleBitPackedHybridDecoder(byte[] data, int offset, int end, int bitWidth)
    {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new IllegalStateException("run-length encoded values of " + bitWidth + " bits; at most 32 are possible");
        }
        if (offset < 0 || offset > end || end > data.length) {
            throw new IllegalStateException("run-length encoded data at " + offset + ".." + end + " is outside its page of "
                    + data.length + " bytes");
        }
        this.data = data;
        this.position = offset;
        this.end = end;
        this.bitWidth = bitWidth;
        this.repeatedValueBytes = (bitWidth + 7) / 8;
    }

    /** Writes the next {@code count} values to {@code out[offset ..]}. */
    void read(int[] out, int offset, int count)
    {
        int done = 0;
        while (done < count) {
            int n;
            if (repeatedLeft > 0) {
                n = Math.min(count - done, repeatedLeft);
                Arrays.fill(out, offset + done, offset + done + n, repeatedValue);
                repeatedLeft -= n;
            }
            else if (unpackedNext < unpackedCount) {
                n = Math.min(count - done, unpackedCount - unpackedNext);
                System.arraycopy(unpacked, unpackedNext, out, offset + done, n);
                unpackedNext += n;
            }
            else {
                nextRun();
                continue;
            }
            done += n;
        }
    }

    /** Writes the next {@code count} values to {@code out[offset ..]} as booleans: any value but 0 is true. */
    void readBooleans(boolean[] out, int offset, int count)
    {
        int done = 0;
        while (done < count) {
            int n;
            if (repeatedLeft > 0) {
                n = Math.min(count - done, repeatedLeft);
                Arrays.fill(out, offset + done, offset + done + n, repeatedValue != 0);
                repeatedLeft -= n;
            }
            else if (unpackedNext < unpackedCount) {
                n = Math.min(count - done, unpackedCount - unpackedNext);
                for (int i = 0; i < n; i++) {
                    out[offset + done + i] = unpacked[unpackedNext + i] != 0;
                }
                unpackedNext += n;
            }
            else {
                nextRun();
                continue;
            }
            done += n;
        }
    }

    /**
     * Reads the next {@code count} definition levels, sets {@code nulls[offset + i]} where level i is below
     * {@code maxLevel} (leaving the others as they are), and returns how many were not null.
     */
    int readNulls(boolean[] nulls, int offset, int count, int maxLevel)
    {
        int present = 0;
        int done = 0;
        while (done < count) {
            int n;
            if (repeatedLeft > 0) {
                n = Math.min(count - done, repeatedLeft);
                if (repeatedValue < maxLevel) {
                    Arrays.fill(nulls, offset + done, offset + done + n, true);
                }
                else {
                    present += n;
                }
                repeatedLeft -= n;
            }
            else if (unpackedNext < unpackedCount) {
                n = Math.min(count - done, unpackedCount - unpackedNext);
                for (int i = 0; i < n; i++) {
                    boolean isNull = unpacked[unpackedNext + i] < maxLevel;
                    nulls[offset + done + i] = isNull;
                    present += isNull ? 0 : 1;
                }
                unpackedNext += n;
            }
            else {
                nextRun();
                continue;
            }
            done += n;
        }
        return present;
    }

    private void nextRun()
    {
        if (position >= end) {
            throw new IllegalStateException("run-length encoded data ends before its values do");
        }
        int header = readUnsignedVarInt();
        if ((header & 1) == 0) {
            repeatedLeft = header >>> 1;
            repeatedValue = readRepeatedValue();
            return;
        }
        int groups = header >>> 1;
        if (bitWidth == 0) {
            // Zero-bit values take no bytes: the run is as good as a repeated 0.
            repeatedLeft = (int) Math.min((long) groups * 8, Integer.MAX_VALUE);
            repeatedValue = 0;
            return;
        }
        // A writer may end the data inside the last run's padding; the missing bits are zero. Counting values from the
        // bytes present also keeps a corrupt header from asking for a huge buffer.
        long packedBytes = (long) groups * bitWidth;
        int available = (int) Math.min(packedBytes, end - position);
        int values = (int) Math.min((long) groups * 8, ((long) available * 8 / bitWidth + 7) / 8 * 8);
        if (unpacked.length < values) {
            unpacked = new int[Math.max(values, unpacked.length * 2)];
        }
        unpack(values, position + available);
        position += available;
        unpackedNext = 0;
        unpackedCount = values;
    }

    /** Unpacks {@code values} little-endian bit-packed values starting at {@link #position}, reading no byte at or past {@code limit}. */
    private void unpack(int values, int limit)
    {
        long mask = (1L << bitWidth) - 1;
        // A value of up to 32 bits starts at most 7 bits into its first byte, so one 8-byte load holds it; the bits loaded
        // beyond it are masked off. That needs 8 bytes of the array from the value's first byte, and the value itself
        // wholly before the limit.
        long wholeValues = (long) (limit - position) * 8 / bitWidth;
        long loadableBytes = (long) data.length - 8 - position;
        long loadableValues = loadableBytes < 0 ? 0 : (loadableBytes * 8 + 7) / bitWidth + 1;
        int fast = (int) Math.min(values, Math.min(wholeValues, loadableValues));
        long bit = (long) position * 8;
        int i = 0;
        for (; i < fast; i++, bit += bitWidth) {
            long word = (long) LONGS.get(data, (int) (bit >>> 3));
            unpacked[i] = (int) ((word >>> (bit & 7)) & mask);
        }
        // The rest byte by byte; bits at or past the limit are zero, as the writer's padding would be.
        for (; i < values; i++, bit += bitWidth) {
            int first = (int) (bit >>> 3);
            long word = 0;
            for (int k = 0; k < 5; k++) {
                int at = first + k;
                if (at < limit) {
                    word |= (long) (data[at] & 0xFF) << (8 * k);
                }
            }
            unpacked[i] = (int) ((word >>> (bit & 7)) & mask);
        }
    }

    private int readRepeatedValue()
    {
        if (end - position < repeatedValueBytes) {
            throw new IllegalStateException("run-length encoded data ends inside a run's value");
        }
        int value = 0;
        for (int i = 0; i < repeatedValueBytes; i++) {
            value |= (data[position++] & 0xFF) << (8 * i);
        }
        return value;
    }

    private int readUnsignedVarInt()
    {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (position >= end) {
                throw new IllegalStateException("run-length encoded data ends inside a run header");
            }
            int b = data[position++];
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new IllegalStateException("run-length encoded data has a run header over 31 bits");
                }
                return value;
            }
        }
        throw new IllegalStateException("run-length encoded data has a run header longer than 5 bytes");
    }
}
