package io.spindle.shuffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlockIdTest {

    @Test
    void rejectsNegativeIdsNamingThem() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new BlockId("application_1_0001", 0, -1, 2));
        assertTrue(e.getMessage().contains("map -1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BlockId("", 0, 0, 0));
        assertThrows(NullPointerException.class, () -> new BlockId(null, 0, 0, 0));
    }

    @Test
    void printsEveryPart() {
        assertEquals("application_1_0001/shuffle 3/map 4/reduce 5",
                new BlockId("application_1_0001", 3, 4, 5).toString());
    }
}
