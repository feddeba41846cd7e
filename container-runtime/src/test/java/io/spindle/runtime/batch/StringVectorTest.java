package io.spindle.runtime.batch;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StringVectorTest
{
    private static byte[] utf8(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bytesEqualComparesRangesOfEveryLengthByContent()
    {
        for (String word : new String[] {"", "A", "N", "é", "sixteen-chars-ab", "seventeen-chars-a", "a rather longer string of bytes"}) {
            byte[] a = utf8("<" + word + ">");
            byte[] b = utf8("[[" + word + "]]");
            assertTrue(StringVector.bytesEqual(a, 1, a.length - 1, b, 2, b.length - 2), word);
            if (!word.isEmpty()) {
                byte[] changed = utf8("[[" + word + "]]");
                changed[changed.length - 3] ^= 1;
                assertFalse(StringVector.bytesEqual(a, 1, a.length - 1, changed, 2, changed.length - 2), word);
                assertFalse(StringVector.bytesEqual(a, 1, a.length - 1, b, 2, b.length - 1), "a longer range differs: " + word);
            }
        }
    }

    @Test
    void equalsAtUsesTheRowsOwnBytes()
    {
        StringVector v = new StringVector.Builder(3, 8).append("R").append("F").append("R").build();
        assertTrue(v.equalsAt(0, v, 2));
        assertFalse(v.equalsAt(0, v, 1));
        assertEquals("F", v.getString(1));
    }
}
