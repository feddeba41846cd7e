package io.spindle.runtime.io;

import java.math.BigInteger;
import java.util.Arrays;

/** How a Parquet column's physical values are turned into a vector's values. */
enum ParquetConversion
{
    BOOLEAN,
    INT32,
    INT32_TO_LONG,
    INT64,
    INT64_MILLIS_TO_MICROS,
    INT64_NANOS_TO_MICROS,
    FLOAT_TO_DOUBLE,
    DOUBLE,
    BINARY_DECIMAL,
    /** Decimals of any Parquet physical type (INT32, INT64, fixed or variable byte arrays) into a 128-bit vector. */
    WIDE_DECIMAL,
    STRING;

    /** The vector value of an INT64 Parquet value under this conversion. */
    long convertLong(long value)
    {
        return switch (this) {
            case INT64 -> value;
            case INT64_MILLIS_TO_MICROS -> Math.multiplyExact(value, 1000L);
            case INT64_NANOS_TO_MICROS -> Math.floorDiv(value, 1000L);
            default -> throw new IllegalStateException("conversion " + this + " does not read INT64 values");
        };
    }

    /**
     * The big-endian two's complement integer {@code bytes[offset .. offset + length)} as a long: the unscaled value of
     * a decimal of column {@code column}. Fails if it does not fit.
     */
    static long unscaledDecimal(byte[] bytes, int offset, int length, String column)
    {
        if (length > 8) {
            BigInteger value = new BigInteger(Arrays.copyOfRange(bytes, offset, offset + length));
            try {
                return value.longValueExact();
            }
            catch (ArithmeticException e) {
                throw new ArithmeticException("decimal value " + value + " (unscaled) of column '" + column + "' does not fit in 64 bits");
            }
        }
        if (length == 0) {
            return 0;
        }
        long value = bytes[offset];
        for (int i = 1; i < length; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
