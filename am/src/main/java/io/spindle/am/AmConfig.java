package io.spindle.am;

import io.spindle.conf.ConfigKey;
import io.spindle.conf.SpindleConf;

/**
 * Settings the ApplicationMaster reads: executor sizing, how containers are launched, and the driver's
 * hooks. The client writes the effective values into {@code __spindle__.properties} at submission.
 */
public final class AmConfig
{
    /** Smallest memory overhead a container gets on top of its JVM heap, as Spark's. */
    public static final long MIN_MEMORY_OVERHEAD_BYTES = 384L << 20;

    public static final ConfigKey<Integer> EXECUTOR_INSTANCES = ConfigKey.intKey("spindle.executor.instances", 2,
            "number of executor containers the driver asks YARN for");
    public static final ConfigKey<Integer> EXECUTOR_CORES = ConfigKey.intKey("spindle.executor.cores", 1,
            "vcores of each executor container, and the tasks it runs at once");
    public static final ConfigKey<Long> EXECUTOR_MEMORY = ConfigKey.bytesKey("spindle.executor.memory", "1g",
            "JVM heap (-Xmx) of each executor, in bytes (512m, 2g)");
    public static final ConfigKey<Long> EXECUTOR_MEMORY_OVERHEAD = ConfigKey.bytesKey("spindle.executor.memoryOverhead", "384m",
            "memory of an executor container beyond its heap, in bytes; when unset max(384m, 10% of spindle.executor.memory)");
    public static final ConfigKey<String> EXECUTOR_EXTRA_JAVA_OPTIONS = ConfigKey.stringKey("spindle.executor.extraJavaOptions", "",
            "JVM options added to each executor's command line, as written (the container's shell reads them)");
    public static final ConfigKey<String> EXECUTOR_MAIN_CLASS = ConfigKey.stringKey("spindle.executor.mainClass",
            "io.spindle.runtime.executor.ExecutorMain",
            "main class of the executor JVM; replaced only by tests");

    public static final ConfigKey<Long> DRIVER_MEMORY = ConfigKey.bytesKey("spindle.driver.memory", "1g",
            "JVM heap (-Xmx) of the ApplicationMaster, which runs the driver, in bytes");
    public static final ConfigKey<Long> DRIVER_MEMORY_OVERHEAD = ConfigKey.bytesKey("spindle.driver.memoryOverhead", "384m",
            "memory of the ApplicationMaster container beyond its heap, in bytes; when unset max(384m, 10% of spindle.driver.memory)");
    public static final ConfigKey<String> DRIVER_RUNTIME_CLASS = ConfigKey.stringKey("spindle.driver.runtimeClass",
            "io.spindle.am.scheduler.YarnDriverRuntime",
            "class implementing io.spindle.am.yarn.DriverRuntime that the ApplicationMaster starts before the main class; the AM runs without one when the default is absent");

    public static final ConfigKey<String> YARN_QUEUE = ConfigKey.stringKey("spindle.yarn.queue", "default",
            "YARN queue the application is submitted to");
    public static final ConfigKey<Integer> YARN_MAX_APP_ATTEMPTS = ConfigKey.intKey("spindle.yarn.maxAppAttempts", 1,
            "times YARN starts the ApplicationMaster before it gives up; a failing main class is not retried");
    public static final ConfigKey<String> YARN_CONTAINER_CLASSPATH = ConfigKey.stringKey("spindle.yarn.containerClasspath", "",
            "CLASSPATH of the AM and executor containers, with YARN's {{PWD}} and <CPS> markers; set by the client");
    public static final ConfigKey<String> YARN_STAGING_DIR = ConfigKey.stringKey("spindle.yarn.stagingDir", "",
            "fully qualified directory holding the application's staged files; set by the client");
    public static final ConfigKey<String> YARN_JAVA_HOME = ConfigKey.stringKey("spindle.yarn.javaHome", "",
            "Java installation containers run <javaHome>/bin/java from; empty uses the NodeManager's JAVA_HOME");
    public static final ConfigKey<Boolean> YARN_FAST_STARTUP = ConfigKey.booleanKey("spindle.yarn.fastStartup", false,
            "start container JVMs with -XX:TieredStopAtLevel=1 -XX:+UseSerialGC: about 2 s faster, slower on long work; for tests and demos");
    public static final ConfigKey<Long> YARN_AM_HEARTBEAT_INTERVAL = ConfigKey.durationKey("spindle.yarn.am.heartbeatInterval", "1s",
            "interval of the ApplicationMaster's heartbeats to the ResourceManager while it waits for no container");
    public static final ConfigKey<Long> YARN_AM_ALLOCATION_HEARTBEAT_INTERVAL = ConfigKey.durationKey(
            "spindle.yarn.am.allocationHeartbeatInterval", "200ms",
            "interval of the ApplicationMaster's heartbeats while executor requests are outstanding");

    private AmConfig()
    {
    }

    /** The executor container's memory beyond the heap: the configured overhead, else max(384m, 10% of the heap). */
    public static long executorMemoryOverhead(SpindleConf conf)
    {
        return overhead(conf, EXECUTOR_MEMORY_OVERHEAD, conf.get(EXECUTOR_MEMORY));
    }

    /** The ApplicationMaster container's memory beyond the heap: the configured overhead, else max(384m, 10% of the heap). */
    public static long driverMemoryOverhead(SpindleConf conf)
    {
        return overhead(conf, DRIVER_MEMORY_OVERHEAD, conf.get(DRIVER_MEMORY));
    }

    /** Megabytes of a container whose JVM has {@code heapBytes} of heap and {@code overheadBytes} beside it, rounded up. */
    public static int containerMegabytes(long heapBytes, long overheadBytes)
    {
        long mb = ((heapBytes + overheadBytes) + (1L << 20) - 1) >> 20;
        return Math.toIntExact(mb);
    }

    private static long overhead(SpindleConf conf, ConfigKey<Long> overheadKey, long heapBytes)
    {
        if (conf.contains(overheadKey.name())) {
            return conf.get(overheadKey);
        }
        return Math.max(MIN_MEMORY_OVERHEAD_BYTES, heapBytes / 10);
    }
}
