package io.spindle.sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One result row, values in their Java form: Boolean, Integer, Long, Double, BigDecimal, LocalDate,
 * Instant (timestamps), String, or null.
 */
public final class Row
{
    private final Object[] values;

    public Row(Object... values)
    {
        this.values = requireNonNull(values, "values is null").clone();
    }

    public int size()
    {
        return values.length;
    }

    public Object get(int i)
    {
        return values[i];
    }

    public boolean isNullAt(int i)
    {
        return values[i] == null;
    }

    public long getLong(int i)
    {
        return ((Number) values[i]).longValue();
    }

    public int getInt(int i)
    {
        return ((Number) values[i]).intValue();
    }

    public double getDouble(int i)
    {
        return ((Number) values[i]).doubleValue();
    }

    public String getString(int i)
    {
        return (String) values[i];
    }

    public BigDecimal getDecimal(int i)
    {
        return (BigDecimal) values[i];
    }

    public LocalDate getDate(int i)
    {
        return (LocalDate) values[i];
    }

    public List<Object> toList()
    {
        return Arrays.asList(values.clone());
    }

    @Override
    public boolean equals(Object o)
    {
        return o instanceof Row other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString()
    {
        return Arrays.toString(values);
    }
}
