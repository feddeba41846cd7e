package io.spindle.sql;

import io.spindle.conf.SpindleConf;
import io.spindle.planner.output.FileOutputSpec;
import io.spindle.sql.execution.ExecutionBackend;
import io.spindle.sql.execution.ExecutionBackendFactory;
import io.spindle.sql.execution.JobSummary;
import io.spindle.sql.execution.QueryResult;
import io.spindle.planner.stages.StageGraph;
import org.apache.hadoop.conf.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.ServiceLoader;

import static java.util.Objects.requireNonNull;

/**
 * The entry point of a Spindle program, as SparkSession is of Spark's:
 * {@code SpindleSession.builder().appName("q1").getOrCreate()}. On YARN the ApplicationMaster decides where
 * jobs run; elsewhere the master is {@code local[*]} unless set. One session is active per JVM.
 * Thread-safe for running jobs one after another.
 */
public final class SpindleSession
        implements AutoCloseable
{
    private static SpindleSession active;

    private final ExecutionBackend backend;
    private final SpindleConf conf;
    /** Runs of one job after cached blocks were found gone, before the job fails. */
    private static final int MAX_CACHE_RECOMPUTES = 3;

    private final CacheManager cacheManager = new CacheManager();
    private volatile JobSummary lastJobSummary;

    private SpindleSession(ExecutionBackend backend, SpindleConf conf)
    {
        this.backend = requireNonNull(backend, "backend is null");
        this.conf = requireNonNull(conf, "conf is null");
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public static synchronized Optional<SpindleSession> active()
    {
        return Optional.ofNullable(active);
    }

    public DataFrameReader read()
    {
        return new DataFrameReader(this);
    }

    public SpindleConf conf()
    {
        return conf;
    }

    public Configuration hadoopConfiguration()
    {
        return backend.hadoopConfiguration();
    }

    /** The summary of the last job this session ran, or null before the first. */
    public JobSummary lastJobSummary()
    {
        return lastJobSummary;
    }

    /** Drops every cached DataFrame's blocks, as Spark's {@code spark.catalog.clearCache()}. */
    public synchronized void clearCache()
    {
        for (int id : cacheManager.ids()) {
            backend.uncache(id);
        }
        cacheManager.clear();
    }

    CacheManager cacheManager()
    {
        return cacheManager;
    }

    void uncache(int cacheId)
    {
        backend.uncache(cacheId);
    }

    synchronized QueryResult run(Supplier<StageGraph> graph, String description)
    {
        return runRecomputingLostCaches(() -> backend.run(graph.get(), description));
    }

    synchronized QueryResult write(Supplier<StageGraph> graph, String description, FileOutputSpec output)
    {
        return runRecomputingLostCaches(() -> backend.write(graph.get(), description, output));
    }

    /**
     * Runs a job; when a task finds a cached partition gone, forgets where that cache's blocks are and runs the job
     * again, planned afresh, so the cache is recomputed from its plan (and stored again) instead of read.
     */
    private QueryResult runRecomputingLostCaches(Supplier<QueryResult> job)
    {
        for (int attempt = 1; ; attempt++) {
            try {
                QueryResult result = job.get();
                cacheManager.recordBlocks(result.cachedBlocks());
                lastJobSummary = result.summary();
                return result;
            }
            catch (CachedBlockMissingException e) {
                if (attempt >= MAX_CACHE_RECOMPUTES) {
                    throw e;
                }
                cacheManager.forgetBlocks(e.cacheId());
            }
        }
    }

    public void stop()
    {
        close();
    }

    @Override
    public void close()
    {
        synchronized (SpindleSession.class) {
            if (active == this) {
                active = null;
            }
        }
        backend.close();
    }

    public static final class Builder
    {
        private final Map<String, String> options = new LinkedHashMap<>();

        public Builder appName(String name)
        {
            return config(SqlConfig.APP_NAME.name(), name);
        }

        public Builder master(String master)
        {
            return config(SqlConfig.MASTER.name(), master);
        }

        public Builder config(String key, String value)
        {
            options.put(key, value);
            return this;
        }

        public Builder config(String key, long value)
        {
            return config(key, String.valueOf(value));
        }

        /**
         * The active session if there is one, else a new one. Settings come from {@code spindle.*} system
         * properties, then from this builder; the master is {@code spindle.master}, or local[*].
         */
        public SpindleSession getOrCreate()
        {
            synchronized (SpindleSession.class) {
                if (active != null) {
                    return active;
                }
                // as SparkConf reads spark.* system properties: settings given on the command line arrive this way
                Map<String, String> settings = new LinkedHashMap<>();
                System.getProperties().stringPropertyNames().stream()
                        .filter(key -> key.startsWith("spindle."))
                        .forEach(key -> settings.put(key, System.getProperty(key)));
                settings.putAll(options);
                String master = settings.getOrDefault(SqlConfig.MASTER.name(), SqlConfig.MASTER.defaultValue());
                SpindleConf requested = new SpindleConf(settings);
                ExecutionBackend backend = null;
                for (ExecutionBackendFactory factory : ServiceLoader.load(ExecutionBackendFactory.class)) {
                    if (factory.accepts(master)) {
                        backend = factory.create(master, requested);
                        break;
                    }
                }
                if (backend == null) {
                    throw new IllegalArgumentException("no execution backend accepts master '" + master
                            + "'; use local[N], local[*] or yarn, and put spindle-am on the class path");
                }
                SpindleConf merged = backend.conf().copy();
                settings.forEach(merged::set);
                active = new SpindleSession(backend, merged);
                return active;
            }
        }
    }
}
