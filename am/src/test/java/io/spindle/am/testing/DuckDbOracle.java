package io.spindle.am.testing;

import io.spindle.sql.Row;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * DuckDB as the independent oracle: runs SQL in an in-memory database and compares its rows with
 * Spindle's. Integers, strings, dates and decimals must match exactly; doubles within a relative 1e-9
 * (sums of doubles depend on the order of addition).
 */
public final class DuckDbOracle
        implements AutoCloseable
{
    public static final double RELATIVE_TOLERANCE = 1e-9;

    private final Connection connection;

    public DuckDbOracle()
    {
        try {
            this.connection = DriverManager.getConnection("jdbc:duckdb:");
            execute("SET threads=2");
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB", e);
        }
    }

    public void execute(String sql)
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed on: " + sql, e);
        }
    }

    public List<Row> query(String sql)
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] values = new Object[columns];
                for (int c = 0; c < columns; c++) {
                    values[c] = rs.getObject(c + 1);
                }
                rows.add(new Row(values));
            }
            return rows;
        }
        catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed on: " + sql, e);
        }
    }

    /** Asserts the same rows in the same order. */
    public static void assertSameRows(List<Row> expected, List<Row> actual)
    {
        assertEquals(expected.size(), actual.size(), "row count; expected " + expected + " but got " + actual);
        for (int r = 0; r < expected.size(); r++) {
            Row e = expected.get(r);
            Row a = actual.get(r);
            assertEquals(e.size(), a.size(), "columns of row " + r);
            for (int c = 0; c < e.size(); c++) {
                if (!sameValue(e.get(c), a.get(c))) {
                    fail("row " + r + " column " + c + ": expected " + e.get(c) + " but got " + a.get(c) + "\nexpected rows " + expected + "\nactual rows   " + actual);
                }
            }
        }
    }

    /** Asserts the same rows in any order. */
    public static void assertSameRowsUnordered(List<Row> expected, List<Row> actual)
    {
        assertSameRows(sorted(expected), sorted(actual));
    }

    private static List<Row> sorted(List<Row> rows)
    {
        List<Row> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(DuckDbOracle::sortKey));
        return copy;
    }

    private static String sortKey(Row row)
    {
        StringBuilder key = new StringBuilder();
        for (int c = 0; c < row.size(); c++) {
            Object v = normalize(row.get(c));
            key.append(v instanceof Double d ? String.format("%.6e", d) : String.valueOf(v)).append('\u0001');
        }
        return key.toString();
    }

    static boolean sameValue(Object expected, Object actual)
    {
        Object e = normalize(expected);
        Object a = normalize(actual);
        if (e == null || a == null) {
            return e == a;
        }
        if (e instanceof Double x && a instanceof Double y) {
            return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
        }
        if (e instanceof BigDecimal x && a instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        // Spark (and Spindle) give avg(decimal) a decimal type with 4 more digits of scale where DuckDB
        // answers with a double: compare at the decimal's scale
        if (e instanceof Double x && a instanceof BigDecimal y) {
            return BigDecimal.valueOf(x).setScale(y.scale(), java.math.RoundingMode.HALF_UP).compareTo(y) == 0;
        }
        if (e instanceof BigDecimal x && a instanceof Double y) {
            return BigDecimal.valueOf(y).setScale(x.scale(), java.math.RoundingMode.HALF_UP).compareTo(x) == 0;
        }
        return e.equals(a);
    }

    private static Object normalize(Object value)
    {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof java.math.BigInteger b) {
            return b.longValue();
        }
        if (value instanceof LocalDate || value instanceof String || value instanceof Double || value instanceof BigDecimal || value instanceof Boolean) {
            return value;
        }
        return value == null ? null : value.toString();
    }

    @Override
    public void close()
    {
        try {
            connection.close();
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
