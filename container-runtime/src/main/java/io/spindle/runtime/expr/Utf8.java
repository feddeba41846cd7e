package io.spindle.runtime.expr;

/** Character-level views of UTF-8 bytes: a character is a code point, as Spark's string functions count them. */
final class Utf8
{
    private Utf8()
    {
    }

    static boolean isContinuation(byte b)
    {
        return (b & 0xC0) == 0x80;
    }

    static int charCount(byte[] data, int start, int end)
    {
        int count = 0;
        for (int i = start; i < end; i++) {
            if (!isContinuation(data[i])) {
                count++;
            }
        }
        return count;
    }

    /** The byte offset of the character {@code chars} characters after {@code start}, or {@code end} when there are fewer. */
    static int advance(byte[] data, int start, int end, int chars)
    {
        int i = start;
        int seen = 0;
        while (i < end) {
            if (!isContinuation(data[i])) {
                if (seen == chars) {
                    return i;
                }
                seen++;
            }
            i++;
        }
        return end;
    }

    static boolean isAscii(byte[] data, int start, int end)
    {
        for (int i = start; i < end; i++) {
            if (data[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code needle} occurs in {@code data[start, end)} at {@code at}. */
    static boolean regionMatches(byte[] data, int at, byte[] needle)
    {
        for (int j = 0; j < needle.length; j++) {
            if (data[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }

    static boolean contains(byte[] data, int start, int end, byte[] needle)
    {
        return indexOf(data, start, end, needle) >= 0;
    }

    /** Where {@code needle} first starts in {@code data[start, end)}, or -1. */
    static int indexOf(byte[] data, int start, int end, byte[] needle)
    {
        for (int i = start, last = end - needle.length; i <= last; i++) {
            if (regionMatches(data, i, needle)) {
                return i;
            }
        }
        return -1;
    }
}
