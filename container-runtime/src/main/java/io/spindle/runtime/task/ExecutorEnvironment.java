package io.spindle.runtime.task;

import io.spindle.runtime.memory.MemoryConfig;
import io.spindle.runtime.memory.UnifiedMemoryManager;
import io.spindle.runtime.storage.BlockStore;
import io.spindle.shuffle.client.ShuffleClient;
import org.apache.hadoop.conf.Configuration;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What every task of one executor shares: the Hadoop configuration, the application's local dirs where map
 * outputs and spill files go, the port of this node's shuffle service (-1 in local mode), how reduce tasks reach
 * map outputs (through the shuffle service, or straight from the local disk in local mode), the executor's
 * memory pool and its cached blocks.
 */
public record ExecutorEnvironment(String appId, String executorId, String host, int shufflePort, Configuration hadoopConf,
        List<Path> localDirs, ShuffleClient shuffleClient, boolean readShuffleFromLocalDisk, UnifiedMemoryManager memory, BlockStore blocks)
{
    /** An environment whose cached blocks are kept in a new store over {@code memory} and the local dirs. */
    public ExecutorEnvironment(String appId, String executorId, String host, int shufflePort, Configuration hadoopConf,
            List<Path> localDirs, ShuffleClient shuffleClient, boolean readShuffleFromLocalDisk, UnifiedMemoryManager memory)
    {
        this(appId, executorId, host, shufflePort, hadoopConf, localDirs, shuffleClient, readShuffleFromLocalDisk, memory,
                new BlockStore(memory, localDirs));
    }

    /** An environment whose memory pool is sized from this JVM's heap by the default fractions. */
    public ExecutorEnvironment(String appId, String executorId, String host, int shufflePort, Configuration hadoopConf,
            List<Path> localDirs, ShuffleClient shuffleClient, boolean readShuffleFromLocalDisk)
    {
        this(appId, executorId, host, shufflePort, hadoopConf, localDirs, shuffleClient, readShuffleFromLocalDisk,
                new UnifiedMemoryManager(MemoryConfig.poolBytes(Runtime.getRuntime().maxMemory(), MemoryConfig.MEMORY_FRACTION.defaultValue(),
                        MemoryConfig.RESERVED.defaultValue(), 0), MemoryConfig.STORAGE_FRACTION.defaultValue()));
    }

    public ExecutorEnvironment
    {
        requireNonNull(appId, "appId is null");
        requireNonNull(executorId, "executorId is null");
        requireNonNull(host, "host is null");
        requireNonNull(hadoopConf, "hadoopConf is null");
        requireNonNull(memory, "memory is null");
        requireNonNull(blocks, "blocks is null");
        localDirs = List.copyOf(requireNonNull(localDirs, "localDirs is null"));
        if (localDirs.isEmpty()) {
            throw new IllegalArgumentException("an executor needs at least one local dir");
        }
    }
}
