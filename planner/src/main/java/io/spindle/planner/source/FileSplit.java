package io.spindle.planner.source;

import java.io.Serializable;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The unit of work of one scan task: some consecutive row groups of one file, with the hosts that hold
 * most of their bytes (for locality). {@code statistics}, when not empty, has one entry per row group, in
 * the order of {@code rowGroups}; the planner uses them to skip row groups and drops them before the split
 * is sent to executors. {@code skippedRowGroups} and {@code skippedRows} count what data skipping left out
 * (see {@link RowGroupFilter#prune}), so that the scan task can report it.
 */
public record FileSplit(String path, List<Integer> rowGroups, long bytes, long rows, List<String> hosts,
        List<RowGroupStatistics> statistics, int skippedRowGroups, long skippedRows)
        implements Serializable
{
    public FileSplit
    {
        requireNonNull(path, "path is null");
        rowGroups = List.copyOf(requireNonNull(rowGroups, "rowGroups is null"));
        hosts = List.copyOf(requireNonNull(hosts, "hosts is null"));
        statistics = List.copyOf(requireNonNull(statistics, "statistics is null"));
        if (skippedRowGroups < 0 || skippedRows < 0) {
            throw new IllegalArgumentException("split of " + path + " skipped " + skippedRowGroups + " row groups and " + skippedRows + " rows");
        }
        if (!statistics.isEmpty() && statistics.size() != rowGroups.size()) {
            throw new IllegalArgumentException("split of " + path + " has " + rowGroups.size() + " row groups but statistics for "
                    + statistics.size());
        }
    }

    /** A split as the file's footer describes it, before any skipping. */
    public FileSplit(String path, List<Integer> rowGroups, long bytes, long rows, List<String> hosts, List<RowGroupStatistics> statistics)
    {
        this(path, rowGroups, bytes, rows, hosts, statistics, 0, 0);
    }

    /** A split without row-group statistics. */
    public FileSplit(String path, List<Integer> rowGroups, long bytes, long rows, List<String> hosts)
    {
        this(path, rowGroups, bytes, rows, hosts, List.of());
    }
}
