package io.spindle.runtime.decimal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Int128Test
{
    private static final BigInteger TEN_TO_38 = BigInteger.TEN.pow(38);
    private static final BigInteger MAX_128 = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    private static final BigInteger MIN_128 = BigInteger.ONE.shiftLeft(127).negate();

    /** Values at the edges: around zero, around the 64-bit limits where the carry between words matters, and at 10^38. */
    private static final List<BigInteger> EDGES = List.of(
            BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(),
            BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(Long.MIN_VALUE),
            BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(64).negate(),
            TEN_TO_38.subtract(BigInteger.ONE), TEN_TO_38.subtract(BigInteger.ONE).negate(), MAX_128, MIN_128);

    @Test
    void addsAndSubtractsWithCarryAcrossWordsLikeBigInteger()
    {
        Random random = new Random(11);
        List<BigInteger> values = sample(random);
        for (BigInteger a : values) {
            for (BigInteger b : values) {
                long[] high = new long[1];
                long[] low = new long[1];
                assertResult(a.add(b), () -> Int128.add(high(a), low(a), high(b), low(b), high, low, 0), high, low, a + " + " + b);
                assertResult(a.subtract(b), () -> Int128.subtract(high(a), low(a), high(b), low(b), high, low, 0), high, low, a + " - " + b);
            }
        }
    }

    @Test
    void multipliesEverySignCombinationLikeBigInteger()
    {
        Random random = new Random(12);
        List<BigInteger> values = sample(random);
        for (BigInteger a : values) {
            for (BigInteger b : values) {
                long[] high = new long[1];
                long[] low = new long[1];
                assertResult(a.multiply(b), () -> Int128.multiply(high(a), low(a), high(b), low(b), high, low, 0), high, low, a + " * " + b);
            }
        }
    }

    @Test
    void multipliesTwoLongsWhoseProductNeedsTheHighWord()
    {
        long[] high = new long[1];
        long[] low = new long[1];
        Int128.multiply(-1, -999_999_999_999_999L, 0, 999_999_999_999_999L, high, low, 0);
        assertEquals(BigInteger.valueOf(-999_999_999_999_999L).pow(2).negate(), Int128.toBigInteger(high[0], low[0]));
        assertTrue(high[0] < 0);
    }

    @Test
    void negatesAndRefusesTheMostNegativeValue()
    {
        long[] high = new long[1];
        long[] low = new long[1];
        for (BigInteger value : EDGES) {
            assertResult(value.negate(), () -> Int128.negate(high(value), low(value), high, low, 0), high, low, "-" + value);
        }
    }

    @Test
    void comparesSignedHighWordsThenUnsignedLowWords()
    {
        Random random = new Random(13);
        List<BigInteger> values = sample(random);
        for (BigInteger a : values) {
            for (BigInteger b : values) {
                assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(Int128.compare(high(a), low(a), high(b), low(b))), a + " vs " + b);
            }
        }
    }

    @Test
    void precisionLimitIsTenToThePrecision()
    {
        BigInteger nines = TEN_TO_38.subtract(BigInteger.ONE);
        assertTrue(Int128.fitsPrecision(high(nines), low(nines), 38));
        assertTrue(Int128.fitsPrecision(high(nines.negate()), low(nines.negate()), 38));
        assertFalse(Int128.fitsPrecision(high(TEN_TO_38), low(TEN_TO_38), 38));
        assertFalse(Int128.fitsPrecision(high(TEN_TO_38.negate()), low(TEN_TO_38.negate()), 38));
        assertFalse(Int128.fitsPrecision(high(MIN_128), low(MIN_128), 38));
        BigInteger tenTo25 = BigInteger.TEN.pow(25);
        assertTrue(Int128.fitsPrecision(high(tenTo25.subtract(BigInteger.ONE)), low(tenTo25.subtract(BigInteger.ONE)), 25));
        assertFalse(Int128.fitsPrecision(high(tenTo25), low(tenTo25), 25));
        assertTrue(Int128.fitsPrecision(-1, Long.MIN_VALUE, 19));
        assertFalse(Int128.fitsPrecision(0, 1_000_000_000_000_000_000L, 18));
        assertTrue(Int128.fitsPrecision(-1, -999_999_999_999_999_999L, 18));
    }

    @Test
    void rescalesUpAndDownRoundingHalfAwayFromZero()
    {
        Random random = new Random(14);
        for (BigInteger value : sample(random)) {
            for (int digits : new int[] {-38, -20, -19, -18, -5, -1, 1, 5, 18, 19, 30}) {
                BigInteger expected = digits > 0
                        ? value.multiply(BigInteger.TEN.pow(digits))
                        : new BigDecimal(value).movePointLeft(-digits).setScale(0, java.math.RoundingMode.HALF_UP).toBigIntegerExact();
                long[] high = new long[1];
                long[] low = new long[1];
                int shift = digits;
                assertResult(expected, () -> Int128.rescale(high(value), low(value), shift, high, low, 0), high, low, value + " rescaled " + digits);
            }
        }
        long[] high = new long[1];
        long[] low = new long[1];
        Int128.rescale(-1, -15, -1, high, low, 0);
        assertEquals(BigInteger.valueOf(-2), Int128.toBigInteger(high[0], low[0]));
        Int128.rescale(0, 14, -1, high, low, 0);
        assertEquals(BigInteger.ONE, Int128.toBigInteger(high[0], low[0]));
    }

    @Test
    void convertsBigDecimalsAndBigEndianBytesBothWays()
    {
        Random random = new Random(15);
        for (BigInteger value : sample(random)) {
            assertEquals(value, Int128.toBigInteger(high(value), low(value)));
            assertEquals(new BigDecimal(value, 7), Int128.toBigDecimal(high(value), low(value), 7));
            byte[] bytes = new byte[16];
            Int128.toBigEndian(high(value), low(value), bytes, 0, 16);
            assertEquals(value, new BigInteger(bytes));
            long[] high = new long[1];
            long[] low = new long[1];
            Int128.fromBigEndian(bytes, 0, 16, high, low, 0);
            assertEquals(value, Int128.toBigInteger(high[0], low[0]));
            byte[] minimal = value.toByteArray();
            if (minimal.length <= 16) {
                Int128.fromBigEndian(minimal, 0, minimal.length, high, low, 0);
                assertEquals(value, Int128.toBigInteger(high[0], low[0]), "from " + minimal.length + " bytes");
            }
        }
        assertThrows(ArithmeticException.class, () -> Int128.fromBigInteger(MAX_128.add(BigInteger.ONE), new long[1], new long[1], 0));
    }

    @Test
    void bytesForPrecisionAreSparksMinimalFixedLengths()
    {
        assertEquals(9, Int128.bytesForPrecision(19));
        assertEquals(11, Int128.bytesForPrecision(25));
        assertEquals(16, Int128.bytesForPrecision(38));
        for (int precision = 1; precision <= 38; precision++) {
            int bytes = Int128.bytesForPrecision(precision);
            BigInteger largest = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
            assertTrue(largest.bitLength() + 1 <= 8 * bytes, "precision " + precision);
            assertTrue(largest.bitLength() + 1 > 8 * (bytes - 1), "precision " + precision);
        }
    }

    @Test
    void convertsToDoubleLikeBigDecimal()
    {
        BigInteger value = new BigInteger("-123456789012345678901234567890");
        assertEquals(new BigDecimal(value, 10).doubleValue(), Int128.toDouble(high(value), low(value), 10));
        assertEquals(-12.5, Int128.toDouble(-1, -125, 1));
    }

    private static List<BigInteger> sample(Random random)
    {
        List<BigInteger> values = new java.util.ArrayList<>(EDGES);
        for (int i = 0; i < 60; i++) {
            BigInteger value = new BigInteger(1 + random.nextInt(127), random);
            values.add(random.nextBoolean() ? value.negate() : value);
        }
        return values;
    }

    /** Runs {@code operation}; it must give {@code expected}, or throw exactly when {@code expected} needs more than 128 bits. */
    private static void assertResult(BigInteger expected, Runnable operation, long[] high, long[] low, String what)
    {
        boolean fits = expected.bitLength() <= 127;
        if (!fits) {
            assertThrows(ArithmeticException.class, operation::run, what + " overflows 128 bits");
            return;
        }
        operation.run();
        assertEquals(expected, Int128.toBigInteger(high[0], low[0]), what);
    }

    private static long high(BigInteger value)
    {
        return value.shiftRight(64).longValue();
    }

    private static long low(BigInteger value)
    {
        return value.longValue();
    }
}
