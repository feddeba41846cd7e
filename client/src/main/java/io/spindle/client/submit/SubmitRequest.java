package io.spindle.client.submit;

import io.spindle.am.AmConfig;
import io.spindle.conf.ConfigKey;
import io.spindle.conf.SpindleConf;
import io.spindle.sql.SqlConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One application to submit: its jar, main class and arguments, how large its driver and executors are,
 * and its Spindle settings. The sizes given here win over the same settings in {@code conf}; build one with
 * {@link #builder}, which fills in whatever is given in neither place from the settings' defaults.
 *
 * @param appJar the application jar on this machine
 * @param conf Spindle settings ({@code spindle.*} keys) the application runs with
 */
public record SubmitRequest(
        String mainClass,
        Path appJar,
        List<String> appArgs,
        String appName,
        String queue,
        int executorInstances,
        int executorCores,
        long executorMemoryBytes,
        long driverMemoryBytes,
        Map<String, String> conf)
{
    private static final long MIN_HEAP_BYTES = 64L << 20;

    public SubmitRequest
    {
        requireNonNull(mainClass, "mainClass is null");
        requireNonNull(appJar, "appJar is null");
        appArgs = List.copyOf(appArgs);
        requireNonNull(appName, "appName is null");
        requireNonNull(queue, "queue is null");
        conf = Map.copyOf(conf);
        if (mainClass.isBlank()) {
            throw new IllegalArgumentException("the main class is empty");
        }
        if (executorInstances < 0) {
            throw new IllegalArgumentException("the number of executors must not be negative, got " + executorInstances);
        }
        if (executorCores < 1) {
            throw new IllegalArgumentException("executors need at least 1 core, got " + executorCores);
        }
        requireHeap("executor", executorMemoryBytes);
        requireHeap("driver", driverMemoryBytes);
        for (String key : conf.keySet()) {
            if (!key.startsWith("spindle.")) {
                throw new IllegalArgumentException("setting '" + key + "' is not a Spindle setting; Spindle's settings start with 'spindle.'");
            }
        }
    }

    public static Builder builder(String mainClass, Path appJar)
    {
        return new Builder(mainClass, appJar);
    }

    /** The settings the application runs with: {@link #conf} with this request's sizes, name and queue written over it. */
    public SpindleConf effectiveConf()
    {
        return new SpindleConf(conf)
                .set(AmConfig.EXECUTOR_INSTANCES, executorInstances)
                .set(AmConfig.EXECUTOR_CORES, executorCores)
                .set(AmConfig.EXECUTOR_MEMORY, executorMemoryBytes)
                .set(AmConfig.DRIVER_MEMORY, driverMemoryBytes)
                .set(AmConfig.YARN_QUEUE, queue)
                .set(SqlConfig.APP_NAME, appName);
    }

    private static void requireHeap(String role, long bytes)
    {
        if (bytes < MIN_HEAP_BYTES) {
            throw new IllegalArgumentException("the " + role + " needs a heap of at least 64m, got " + bytes + " bytes");
        }
    }

    /** Collects a request; each size not set here comes from {@code conf}, else from the setting's default. */
    public static final class Builder
    {
        private final String mainClass;
        private final Path appJar;
        private List<String> appArgs = List.of();
        private String appName;
        private String queue;
        private Integer executorInstances;
        private Integer executorCores;
        private Long executorMemoryBytes;
        private Long driverMemoryBytes;
        private final Map<String, String> conf = new LinkedHashMap<>();

        private Builder(String mainClass, Path appJar)
        {
            this.mainClass = requireNonNull(mainClass, "mainClass is null");
            this.appJar = requireNonNull(appJar, "appJar is null");
        }

        public Builder appArgs(List<String> appArgs)
        {
            this.appArgs = List.copyOf(appArgs);
            return this;
        }

        public Builder appName(String appName)
        {
            this.appName = requireNonNull(appName, "appName is null");
            return this;
        }

        public Builder queue(String queue)
        {
            this.queue = requireNonNull(queue, "queue is null");
            return this;
        }

        public Builder executorInstances(int executorInstances)
        {
            this.executorInstances = executorInstances;
            return this;
        }

        public Builder executorCores(int executorCores)
        {
            this.executorCores = executorCores;
            return this;
        }

        public Builder executorMemoryBytes(long executorMemoryBytes)
        {
            this.executorMemoryBytes = executorMemoryBytes;
            return this;
        }

        public Builder driverMemoryBytes(long driverMemoryBytes)
        {
            this.driverMemoryBytes = driverMemoryBytes;
            return this;
        }

        public Builder conf(String key, String value)
        {
            conf.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
            return this;
        }

        public Builder conf(Map<String, String> settings)
        {
            settings.forEach(this::conf);
            return this;
        }

        public SubmitRequest build()
        {
            SpindleConf settings = new SpindleConf(conf);
            return new SubmitRequest(
                    mainClass,
                    appJar,
                    appArgs,
                    appName != null ? appName : settings.contains(SqlConfig.APP_NAME.name()) ? settings.get(SqlConfig.APP_NAME) : mainClass,
                    queue != null ? queue : settings.get(AmConfig.YARN_QUEUE),
                    orConf(executorInstances, settings, AmConfig.EXECUTOR_INSTANCES),
                    orConf(executorCores, settings, AmConfig.EXECUTOR_CORES),
                    orConf(executorMemoryBytes, settings, AmConfig.EXECUTOR_MEMORY),
                    orConf(driverMemoryBytes, settings, AmConfig.DRIVER_MEMORY),
                    conf);
        }

        private static <T> T orConf(T given, SpindleConf settings, ConfigKey<T> key)
        {
            return given != null ? given : settings.get(key);
        }
    }
}
