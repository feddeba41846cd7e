package io.spindle.runtime.task;

import io.spindle.shuffle.client.ShuffleClient;
import org.apache.hadoop.conf.Configuration;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What every task of one executor shares: the Hadoop configuration, the application's local dirs where map
 * outputs go, the port of this node's shuffle service (-1 in local mode) and how reduce tasks reach map
 * outputs (through the shuffle service, or straight from the local disk in local mode).
 */
public record ExecutorEnvironment(String appId, String executorId, String host, int shufflePort, Configuration hadoopConf,
        List<Path> localDirs, ShuffleClient shuffleClient, boolean readShuffleFromLocalDisk)
{
    public ExecutorEnvironment
    {
        requireNonNull(appId, "appId is null");
        requireNonNull(executorId, "executorId is null");
        requireNonNull(host, "host is null");
        requireNonNull(hadoopConf, "hadoopConf is null");
        localDirs = List.copyOf(requireNonNull(localDirs, "localDirs is null"));
        if (localDirs.isEmpty()) {
            throw new IllegalArgumentException("an executor needs at least one local dir");
        }
    }
}
