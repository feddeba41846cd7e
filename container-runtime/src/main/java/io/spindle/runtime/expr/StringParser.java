package io.spindle.runtime.expr;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses UTF-8 strings the way Spark's (non-ANSI) casts do: leading and trailing whitespace is ignored and a
 * string that does not parse gives null. Parses write {@link #value} (or {@link #doubleValue}) and return
 * whether the string parsed, so no row is boxed. One instance per vector expression; not thread-safe.
 */
final class StringParser
{
    long value;
    double doubleValue;

    private int start;
    private int end;

    private void trim(byte[] data, int from, int to)
    {
        while (from < to && (data[from] & 0xFF) <= ' ') {
            from++;
        }
        while (to > from && (data[to - 1] & 0xFF) <= ' ') {
            to--;
        }
        start = from;
        end = to;
    }

    /** An integer within [min, max]; a fraction after a '.' is dropped, as Spark casts "1.9" to 1. */
    boolean parseIntegral(byte[] data, int from, int to, long min, long max)
    {
        trim(data, from, to);
        int i = start;
        boolean negative = false;
        if (i < end && (data[i] == '-' || data[i] == '+')) {
            negative = data[i] == '-';
            i++;
        }
        int digitsStart = i;
        long result = 0;
        while (i < end && data[i] >= '0' && data[i] <= '9') {
            int digit = data[i] - '0';
            // accumulate negatively so that Long.MIN_VALUE fits
            if (result < (Long.MIN_VALUE + digit) / 10) {
                return false;
            }
            result = result * 10 - digit;
            i++;
        }
        if (i == digitsStart) {
            return false;
        }
        if (i < end && data[i] == '.') {
            i++;
            while (i < end && data[i] >= '0' && data[i] <= '9') {
                i++;
            }
        }
        if (i != end) {
            return false;
        }
        if (!negative) {
            if (result == Long.MIN_VALUE) {
                return false;
            }
            result = -result;
        }
        if (result < min || result > max) {
            return false;
        }
        value = result;
        return true;
    }

    /** A double as Java reads it, plus Spark's spellings of infinity and NaN. */
    boolean parseDouble(byte[] data, int from, int to)
    {
        trim(data, from, to);
        if (start == end) {
            return false;
        }
        String text = new String(data, start, end - start, StandardCharsets.UTF_8);
        switch (text.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                doubleValue = Double.POSITIVE_INFINITY;
                return true;
            }
            case "-inf", "-infinity" -> {
                doubleValue = Double.NEGATIVE_INFINITY;
                return true;
            }
            case "nan" -> {
                doubleValue = Double.NaN;
                return true;
            }
            default -> {
            }
        }
        char last = text.charAt(text.length() - 1);
        if (!(Character.isDigit(last) || last == '.')) {
            // Java would also accept "1d", "0x1p3" and "Infinity" spelled in its own way
            return false;
        }
        try {
            doubleValue = Double.parseDouble(text);
            return true;
        }
        catch (NumberFormatException e) {
            return false;
        }
    }

    /** A decimal, or null when it does not parse; the caller rescales it. */
    BigDecimal parseDecimal(byte[] data, int from, int to)
    {
        trim(data, from, to);
        if (start == end) {
            return null;
        }
        try {
            return new BigDecimal(new String(data, start, end - start, StandardCharsets.US_ASCII));
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A date as days since 1970-01-01: {@code yyyy}, {@code yyyy-[m]m} or {@code yyyy-[m]m-[d]d}, optionally
     * followed by a space or 'T' and anything (a time), as Spark's cast reads dates.
     */
    boolean parseDate(byte[] data, int from, int to)
    {
        trim(data, from, to);
        int[] fields = {0, 1, 1};
        int field = 0;
        int digits = 0;
        int i = start;
        for (; i < end; i++) {
            byte b = data[i];
            if (b >= '0' && b <= '9') {
                if (++digits > (field == 0 ? 4 : 2)) {
                    return false;
                }
                fields[field] = (digits == 1 ? 0 : fields[field] * 10) + (b - '0');
            }
            else if (b == '-' && field < 2) {
                if (field == 0 ? digits != 4 : digits == 0) {
                    return false;
                }
                field++;
                digits = 0;
            }
            else if ((b == ' ' || b == 'T') && field == 2) {
                break;
            }
            else {
                return false;
            }
        }
        if (digits == 0 || (field == 0 && digits != 4)) {
            return false;
        }
        int year = fields[0];
        int month = fields[1];
        int day = fields[2];
        if (month < 1 || month > 12 || day < 1 || day > CivilDates.lengthOfMonth(year, month)) {
            return false;
        }
        value = CivilDates.epochDay(year, month, day);
        return true;
    }
}
