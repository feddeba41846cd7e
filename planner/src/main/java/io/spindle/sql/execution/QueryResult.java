package io.spindle.sql.execution;

import io.spindle.sql.Row;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** The rows of one job and the summary of how it ran. */
public record QueryResult(List<Row> rows, JobSummary summary)
{
    public QueryResult
    {
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        requireNonNull(summary, "summary is null");
    }
}
