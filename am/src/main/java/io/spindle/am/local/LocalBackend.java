package io.spindle.am.local;

import io.spindle.am.scheduler.DagScheduler;
import io.spindle.conf.SpindleConf;
import io.spindle.planner.output.FileOutputSpec;
import io.spindle.planner.stages.StageGraph;
import io.spindle.runtime.memory.MemoryConfig;
import io.spindle.runtime.memory.UnifiedMemoryManager;
import io.spindle.runtime.shuffle.ShuffleReadConfig;
import io.spindle.runtime.task.ExecutorEnvironment;
import io.spindle.sql.execution.ExecutionBackend;
import io.spindle.sql.execution.QueryResult;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Local mode ({@code local[N]}): the driver and N executor threads in one JVM, with the same planner,
 * operators and shuffle files as on YARN; map outputs go to a temporary directory and are read from disk.
 */
public final class LocalBackend
        implements ExecutionBackend
{
    private final SpindleConf conf;
    private final Configuration hadoopConf;
    private final Path workDir;
    private final LocalExecutorPool pool;
    private final DagScheduler scheduler;

    public LocalBackend(int threads, SpindleConf conf)
    {
        this.conf = conf.copy();
        this.hadoopConf = new Configuration();
        String appId = "local-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            this.workDir = Files.createTempDirectory("spindle-" + appId + "-");
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create a local-mode work dir under java.io.tmpdir: " + e.getMessage(), e);
        }
        long poolBytes = MemoryConfig.poolBytes(Runtime.getRuntime().maxMemory(), conf.get(MemoryConfig.MEMORY_FRACTION),
                conf.get(MemoryConfig.RESERVED), conf.get(MemoryConfig.POOL_BYTES));
        UnifiedMemoryManager memory = new UnifiedMemoryManager(poolBytes, conf.get(MemoryConfig.STORAGE_FRACTION));
        ExecutorEnvironment environment = new ExecutorEnvironment(appId, "driver", "localhost", -1, hadoopConf, List.of(workDir), null,
                true, memory, conf.get(ShuffleReadConfig.MAX_RETRIES));
        this.pool = new LocalExecutorPool(threads, environment);
        this.scheduler = new DagScheduler(pool, this.conf);
    }

    @Override
    public QueryResult run(StageGraph graph, String description)
    {
        return scheduler.run(graph, description);
    }

    @Override
    public QueryResult write(StageGraph graph, String description, FileOutputSpec output)
    {
        return scheduler.write(graph, description, output, hadoopConf);
    }

    @Override
    public void uncache(int cacheId)
    {
        pool.uncache(cacheId);
    }

    @Override
    public Configuration hadoopConfiguration()
    {
        return hadoopConf;
    }

    @Override
    public SpindleConf conf()
    {
        return conf;
    }

    @Override
    public void close()
    {
        pool.close();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot remove local-mode work dir " + workDir, e);
        }
    }
}
