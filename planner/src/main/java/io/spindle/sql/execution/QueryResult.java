package io.spindle.sql.execution;

import io.spindle.sql.Row;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The rows of one job, the summary of how it ran, and the cached partitions its tasks stored: cache id to
 * partition to the executor that holds it.
 */
public record QueryResult(List<Row> rows, JobSummary summary, Map<Integer, Map<Integer, String>> cachedBlocks)
{
    public QueryResult
    {
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        requireNonNull(summary, "summary is null");
        cachedBlocks = Map.copyOf(requireNonNull(cachedBlocks, "cachedBlocks is null"));
    }

    public QueryResult(List<Row> rows, JobSummary summary)
    {
        this(rows, summary, Map.of());
    }
}
