package io.spindle.benchmarks.tpch;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The collected result of one query: column names and rows of values in their Java form (String, Long,
 * Integer, Double, BigDecimal, LocalDate, Boolean, or null).
 */
record QueryResult(List<String> columns, List<List<Object>> rows)
{
    QueryResult
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }
}
