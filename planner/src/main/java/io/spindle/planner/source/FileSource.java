package io.spindle.planner.source;

import io.spindle.planner.types.Schema;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A set of files in one format with one schema, as listed when the DataFrame was defined, with the options
 * its reader needs (a CSV file's delimiter and header, for example).
 */
public record FileSource(String format, List<String> paths, Schema schema, List<FileSplit> splits, long totalBytes, long totalRows,
        Map<String, String> options)
        implements Serializable
{
    public FileSource
    {
        requireNonNull(format, "format is null");
        paths = List.copyOf(requireNonNull(paths, "paths is null"));
        requireNonNull(schema, "schema is null");
        splits = List.copyOf(requireNonNull(splits, "splits is null"));
        options = Map.copyOf(requireNonNull(options, "options is null"));
    }

    /** A source whose reader takes no options. */
    public FileSource(String format, List<String> paths, Schema schema, List<FileSplit> splits, long totalBytes, long totalRows)
    {
        this(format, paths, schema, splits, totalBytes, totalRows, Map.of());
    }

    /** The schema of the columns at {@code columns}, positions of this source's schema, in that order. */
    public Schema schemaOf(List<Integer> columns)
    {
        return new Schema(columns.stream().map(schema::field).toList());
    }
}
