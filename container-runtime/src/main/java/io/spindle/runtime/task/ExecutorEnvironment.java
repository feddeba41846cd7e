package io.spindle.runtime.task;

import io.spindle.runtime.memory.MemoryConfig;
import io.spindle.runtime.memory.UnifiedMemoryManager;
import io.spindle.runtime.operators.BroadcastHashTables;
import io.spindle.runtime.shuffle.ShuffleReadConfig;
import io.spindle.runtime.storage.BlockStore;
import io.spindle.shuffle.client.ShuffleClient;
import org.apache.hadoop.conf.Configuration;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What every task of one executor shares: the Hadoop configuration, the application's local dirs where map
 * outputs and spill files go, the port of this node's shuffle service (-1 in local mode), how reduce tasks reach
 * map outputs (through the shuffle service, or straight from the local disk in local mode) and how often a
 * corrupt block is fetched again ({@link ShuffleReadConfig#MAX_RETRIES}), the executor's memory pool, its
 * cached blocks and the hash tables its broadcast joins share.
 */
public record ExecutorEnvironment(String appId, String executorId, String host, int shufflePort, Configuration hadoopConf,
        List<Path> localDirs, ShuffleClient shuffleClient, boolean readShuffleFromLocalDisk, UnifiedMemoryManager memory, BlockStore blocks,
        int shuffleMaxRetries, BroadcastHashTables broadcastTables)
{
    /** An environment whose broadcast joins share their tables in a new cache over {@code memory}. */
    public ExecutorEnvironment(String appId, String executorId, String host, int shufflePort, Configuration hadoopConf,
            List<Path> localDirs, ShuffleClient shuffleClient, boolean readShuffleFromLocalDisk, UnifiedMemoryManager memory, BlockStore blocks,
            int shuffleMaxRetries)
    {
        this(appId, executorId, host, shufflePort, hadoopConf, localDirs, shuffleClient, readShuffleFromLocalDisk, memory, blocks,
                shuffleMaxRetries, new BroadcastHashTables(memory));
    }

    /** An environment whose cached blocks are kept in a new store over {@code memory} and the local dirs. */
    public ExecutorEnvironment(String appId, String executorId, String host, int shufflePort, Configuration hadoopConf,
            List<Path> localDirs, ShuffleClient shuffleClient, boolean readShuffleFromLocalDisk, UnifiedMemoryManager memory,
            int shuffleMaxRetries)
    {
        this(appId, executorId, host, shufflePort, hadoopConf, localDirs, shuffleClient, readShuffleFromLocalDisk, memory,
                new BlockStore(memory, localDirs), shuffleMaxRetries);
    }

    /** An environment that fetches a corrupt shuffle block again as often as {@link ShuffleReadConfig#MAX_RETRIES} says by default. */
    public ExecutorEnvironment(String appId, String executorId, String host, int shufflePort, Configuration hadoopConf,
            List<Path> localDirs, ShuffleClient shuffleClient, boolean readShuffleFromLocalDisk, UnifiedMemoryManager memory)
    {
        this(appId, executorId, host, shufflePort, hadoopConf, localDirs, shuffleClient, readShuffleFromLocalDisk, memory,
                ShuffleReadConfig.MAX_RETRIES.defaultValue());
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
        requireNonNull(broadcastTables, "broadcastTables is null");
        localDirs = List.copyOf(requireNonNull(localDirs, "localDirs is null"));
        if (localDirs.isEmpty()) {
            throw new IllegalArgumentException("an executor needs at least one local dir");
        }
        if (shuffleMaxRetries < 0) {
            throw new IllegalArgumentException(ShuffleReadConfig.MAX_RETRIES.name() + " must be 0 or more, not " + shuffleMaxRetries);
        }
    }
}
