package io.spindle.planner.source;

import java.io.Serializable;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The unit of work of one scan task: some consecutive row groups of one file, with the hosts that hold
 * most of their bytes (for locality).
 */
public record FileSplit(String path, List<Integer> rowGroups, long bytes, long rows, List<String> hosts)
        implements Serializable
{
    public FileSplit
    {
        requireNonNull(path, "path is null");
        rowGroups = List.copyOf(requireNonNull(rowGroups, "rowGroups is null"));
        hosts = List.copyOf(requireNonNull(hosts, "hosts is null"));
    }
}
