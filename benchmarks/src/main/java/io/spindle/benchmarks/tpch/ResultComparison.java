package io.spindle.benchmarks.tpch;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether two engines returned the same result: the same columns (names compared ignoring case) and the
 * same rows in the same order. Integers, strings, dates and booleans must be equal; a value that is a double
 * on either side must be within a relative {@value #RELATIVE_TOLERANCE} of the other, since a sum of
 * doubles depends on the order in which a parallel engine adds them.
 */
final class ResultComparison
{
    static final double RELATIVE_TOLERANCE = 1e-6;

    private ResultComparison()
    {
    }

    /** Empty when {@code actual} matches {@code expected}, else a sentence naming the first difference. */
    static Optional<String> difference(QueryResult expected, QueryResult actual)
    {
        List<String> expectedColumns = expected.columns().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        List<String> actualColumns = actual.columns().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        if (!expectedColumns.equals(actualColumns)) {
            return Optional.of("columns " + actual.columns() + " instead of " + expected.columns());
        }
        if (expected.rows().size() != actual.rows().size()) {
            return Optional.of(actual.rows().size() + " rows instead of " + expected.rows().size());
        }
        for (int r = 0; r < expected.rows().size(); r++) {
            List<Object> want = expected.rows().get(r);
            List<Object> got = actual.rows().get(r);
            if (want.size() != got.size()) {
                return Optional.of("row " + (r + 1) + " has " + got.size() + " values instead of " + want.size() + ": " + got + " instead of " + want);
            }
            for (int c = 0; c < want.size(); c++) {
                if (!sameValue(want.get(c), got.get(c))) {
                    return Optional.of("row " + (r + 1) + ", column " + expected.columns().get(c) + ": " + describe(got.get(c))
                            + " instead of " + describe(want.get(c)) + " (row " + got + " instead of " + want + ")");
                }
            }
        }
        return Optional.empty();
    }

    static boolean sameValue(Object expected, Object actual)
    {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Number want && actual instanceof Number got) {
            if (isIntegral(want) && isIntegral(got)) {
                return new BigInteger(want.toString()).equals(new BigInteger(got.toString()));
            }
            if (want instanceof BigDecimal wantDecimal && got instanceof BigDecimal gotDecimal) {
                return wantDecimal.compareTo(gotDecimal) == 0;
            }
            return closeEnough(want.doubleValue(), got.doubleValue());
        }
        return Objects.equals(expected, actual);
    }

    private static boolean closeEnough(double expected, double actual)
    {
        if (expected == actual || (Double.isNaN(expected) && Double.isNaN(actual))) {
            return true;
        }
        return Math.abs(expected - actual) <= RELATIVE_TOLERANCE * Math.max(Math.abs(expected), Math.abs(actual));
    }

    private static boolean isIntegral(Number number)
    {
        return number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte || number instanceof BigInteger;
    }

    private static String describe(Object value)
    {
        return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
