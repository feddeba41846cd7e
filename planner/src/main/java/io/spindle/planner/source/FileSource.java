package io.spindle.planner.source;

import io.spindle.planner.types.Schema;

import java.io.Serializable;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** A set of files in one format with one schema, as listed when the DataFrame was defined. */
public record FileSource(String format, List<String> paths, Schema schema, List<FileSplit> splits, long totalBytes, long totalRows)
        implements Serializable
{
    public FileSource
    {
        requireNonNull(format, "format is null");
        paths = List.copyOf(requireNonNull(paths, "paths is null"));
        requireNonNull(schema, "schema is null");
        splits = List.copyOf(requireNonNull(splits, "splits is null"));
    }

    /** The schema of the columns at {@code columns}, positions of this source's schema, in that order. */
    public Schema schemaOf(List<Integer> columns)
    {
        return new Schema(columns.stream().map(schema::field).toList());
    }
}
