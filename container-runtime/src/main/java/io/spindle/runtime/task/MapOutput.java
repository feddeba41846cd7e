package io.spindle.runtime.task;

import static java.util.Objects.requireNonNull;

/**
 * Where one map task's output of a shuffle lives and how big each reduce partition's block is: the node's
 * shuffle service serves it at {@code host:port} even after the executor that wrote it is gone.
 */
public record MapOutput(int shuffleId, int mapId, String executorId, String host, int port, long[] blockSizes)
{
    public MapOutput
    {
        requireNonNull(executorId, "executorId is null");
        requireNonNull(host, "host is null");
        requireNonNull(blockSizes, "blockSizes is null");
    }

    public long totalBytes()
    {
        long total = 0;
        for (long size : blockSizes) {
            total += size;
        }
        return total;
    }
}
