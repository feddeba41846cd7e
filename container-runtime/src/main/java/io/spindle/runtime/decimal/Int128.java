package io.spindle.runtime.decimal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Arithmetic on signed 128-bit two's complement integers held as two longs, a signed high word and the low word's
 * 64 bits: the unscaled values of decimals wider than 18 digits. Results go into caller-owned arrays at an index, so
 * loops over vectors and per-group sums allocate nothing. When the operands fit in 64 bits (most values in practice)
 * the work is done on longs; only wider operands of multiplication and division go through {@link BigInteger}.
 * A result that does not fit in 128 bits throws {@link ArithmeticException}; checking a decimal's precision is the
 * caller's job ({@link #fitsPrecision}), since only the caller can name the expression and type. Stateless.
 */
public final class Int128
{
    private static final int MAX_POWER = 38;
    private static final long[] POWER_HIGH = new long[MAX_POWER + 1];
    private static final long[] POWER_LOW = new long[MAX_POWER + 1];
    private static final BigInteger[] BIG_POWER = new BigInteger[MAX_POWER + 1];

    static {
        BigInteger power = BigInteger.ONE;
        for (int i = 0; i <= MAX_POWER; i++) {
            BIG_POWER[i] = power;
            POWER_HIGH[i] = power.shiftRight(64).longValue();
            POWER_LOW[i] = power.longValue();
            power = power.multiply(BigInteger.TEN);
        }
    }

    private Int128()
    {
    }

    /** Whether the value is a sign-extended long, so its low word alone is the value. */
    public static boolean fitsInLong(long high, long low)
    {
        return high == (low >> 63);
    }

    /** Signed order of two values: by the signed high words, then the low words unsigned. */
    public static int compare(long aHigh, long aLow, long bHigh, long bLow)
    {
        int order = Long.compare(aHigh, bHigh);
        return order != 0 ? order : Long.compareUnsigned(aLow, bLow);
    }

    public static void add(long aHigh, long aLow, long bHigh, long bLow, long[] outHigh, long[] outLow, int at)
    {
        long low = aLow + bLow;
        long high = aHigh + bHigh + (Long.compareUnsigned(low, aLow) < 0 ? 1 : 0);
        // two's complement addition overflows exactly when both operands' signs differ from the result's
        if (((aHigh ^ high) & (bHigh ^ high)) < 0) {
            throw overflow();
        }
        outHigh[at] = high;
        outLow[at] = low;
    }

    public static void subtract(long aHigh, long aLow, long bHigh, long bLow, long[] outHigh, long[] outLow, int at)
    {
        long low = aLow - bLow;
        long high = aHigh - bHigh - (Long.compareUnsigned(aLow, bLow) < 0 ? 1 : 0);
        if (((aHigh ^ bHigh) & (aHigh ^ high)) < 0) {
            throw overflow();
        }
        outHigh[at] = high;
        outLow[at] = low;
    }

    public static void negate(long high, long low, long[] outHigh, long[] outLow, int at)
    {
        if (high == Long.MIN_VALUE && low == 0) {
            throw overflow();
        }
        outHigh[at] = ~high + (low == 0 ? 1 : 0);
        outLow[at] = -low;
    }

    public static void multiply(long aHigh, long aLow, long bHigh, long bLow, long[] outHigh, long[] outLow, int at)
    {
        if (fitsInLong(aHigh, aLow) && fitsInLong(bHigh, bLow)) {
            outHigh[at] = Math.multiplyHigh(aLow, bLow);
            outLow[at] = aLow * bLow;
            return;
        }
        fromBigInteger(toBigInteger(aHigh, aLow).multiply(toBigInteger(bHigh, bLow)), outHigh, outLow, at);
    }

    /**
     * The value times 10^{@code digits} when {@code digits} is positive, or divided by 10^-{@code digits} rounding half
     * away from zero (Spark's HALF_UP) when it is negative.
     */
    public static void rescale(long high, long low, int digits, long[] outHigh, long[] outLow, int at)
    {
        if (digits == 0) {
            outHigh[at] = high;
            outLow[at] = low;
        }
        else if (digits > 0) {
            checkPower(digits);
            multiply(high, low, POWER_HIGH[digits], POWER_LOW[digits], outHigh, outLow, at);
        }
        else {
            divideRoundHalfUp(high, low, -digits, outHigh, outLow, at);
        }
    }

    private static void divideRoundHalfUp(long high, long low, int digits, long[] outHigh, long[] outLow, int at)
    {
        checkPower(digits);
        if (digits <= 18 && fitsInLong(high, low) && low != Long.MIN_VALUE) {
            long divisor = POWER_LOW[digits];
            long quotient = low / divisor;
            long remainder = low % divisor;
            if (Math.abs(remainder) >= divisor - Math.abs(remainder)) {
                quotient += low < 0 ? -1 : 1;
            }
            outHigh[at] = quotient >> 63;
            outLow[at] = quotient;
            return;
        }
        BigInteger[] division = toBigInteger(high, low).divideAndRemainder(BIG_POWER[digits]);
        BigInteger quotient = division[0];
        if (division[1].abs().shiftLeft(1).compareTo(BIG_POWER[digits]) >= 0) {
            quotient = quotient.add(BigInteger.valueOf(division[1].signum()));
        }
        fromBigInteger(quotient, outHigh, outLow, at);
    }

    /** Whether the value has at most {@code precision} digits, that is its magnitude is below 10^precision. */
    public static boolean fitsPrecision(long high, long low, int precision)
    {
        checkPower(precision);
        if (precision > 18 && fitsInLong(high, low)) {
            // every long is below 10^19 in magnitude
            return true;
        }
        long absHigh = high;
        long absLow = low;
        if (high < 0) {
            absHigh = ~high + (low == 0 ? 1 : 0);
            absLow = -low;
            if (absHigh < 0) {
                return false;
            }
        }
        return compare(absHigh, absLow, POWER_HIGH[precision], POWER_LOW[precision]) < 0;
    }

    public static long powerOfTenHigh(int exponent)
    {
        checkPower(exponent);
        return POWER_HIGH[exponent];
    }

    public static long powerOfTenLow(int exponent)
    {
        checkPower(exponent);
        return POWER_LOW[exponent];
    }

    public static BigInteger toBigInteger(long high, long low)
    {
        if (fitsInLong(high, low)) {
            return BigInteger.valueOf(low);
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return new BigInteger(bytes);
    }

    public static BigDecimal toBigDecimal(long high, long low, int scale)
    {
        if (fitsInLong(high, low)) {
            return BigDecimal.valueOf(low, scale);
        }
        return new BigDecimal(toBigInteger(high, low), scale);
    }

    /** The value divided by 10^scale as the nearest double the way narrow decimals convert. */
    public static double toDouble(long high, long low, int scale)
    {
        if (fitsInLong(high, low)) {
            return low / Math.pow(10, scale);
        }
        return toBigDecimal(high, low, scale).doubleValue();
    }

    public static void fromBigInteger(BigInteger value, long[] outHigh, long[] outLow, int at)
    {
        if (value.bitLength() > 127) {
            throw overflow();
        }
        outLow[at] = value.longValue();
        outHigh[at] = value.shiftRight(64).longValue();
    }

    /** The unscaled value of {@code value} at {@code scale}, rounding half up; fails if it does not fit 128 bits. */
    public static void fromBigDecimal(BigDecimal value, int scale, long[] outHigh, long[] outLow, int at)
    {
        fromBigInteger(value.setScale(scale, RoundingMode.HALF_UP).unscaledValue(), outHigh, outLow, at);
    }

    /** Reads the big-endian two's complement integer {@code bytes[offset .. offset + length)}, 0 to 16 bytes. */
    public static void fromBigEndian(byte[] bytes, int offset, int length, long[] outHigh, long[] outLow, int at)
    {
        if (length > 16) {
            throw new ArithmeticException("a decimal of " + length + " bytes is wider than 128 bits");
        }
        if (length == 0) {
            outHigh[at] = 0;
            outLow[at] = 0;
            return;
        }
        long high = bytes[offset] >> 7;
        long low = high;
        for (int i = 0; i < length; i++) {
            high = (high << 8) | (low >>> 56);
            low = (low << 8) | (bytes[offset + i] & 0xFF);
        }
        outHigh[at] = high;
        outLow[at] = low;
    }

    /** Writes the value as a big-endian two's complement integer of exactly {@code length} bytes (1 to 16). */
    public static void toBigEndian(long high, long low, byte[] out, int offset, int length)
    {
        for (int i = 0; i < length; i++) {
            int shift = 8 * (length - 1 - i);
            out[offset + i] = (byte) (shift >= 64 ? high >>> (shift - 64) : low >>> shift);
        }
    }

    /** The fewest bytes that hold every value of {@code precision} digits in two's complement, as Spark sizes them. */
    public static int bytesForPrecision(int precision)
    {
        int bytes = 1;
        while (BigInteger.TWO.pow(8 * bytes - 1).compareTo(BIG_POWER[precision]) < 0) {
            bytes++;
        }
        return bytes;
    }

    private static void checkPower(int exponent)
    {
        if (exponent < 0 || exponent > MAX_POWER) {
            throw new ArithmeticException("scale change of " + exponent + " digits");
        }
    }

    private static ArithmeticException overflow()
    {
        return new ArithmeticException("128-bit overflow");
    }
}
