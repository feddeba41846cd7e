package io.spindle.runtime.executor;

import io.netty.channel.Channel;
import io.spindle.conf.SpindleConf;
import io.spindle.runtime.memory.MemoryConfig;
import io.spindle.runtime.memory.UnifiedMemoryManager;
import io.spindle.runtime.rpc.Messages;
import io.spindle.runtime.rpc.RpcEndpoint;
import io.spindle.runtime.shuffle.ShuffleReadConfig;
import io.spindle.runtime.task.ExecutorEnvironment;
import io.spindle.runtime.task.TaskDescription;
import io.spindle.runtime.task.TaskResult;
import io.spindle.runtime.task.TaskRunner;
import io.spindle.shuffle.ShuffleLayout;
import io.spindle.shuffle.ShuffleServiceMetadata;
import io.spindle.shuffle.client.ShuffleClient;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The main class of an executor container: connects to the driver, registers, runs the tasks it is sent on
 * as many threads as it has cores, and reports each task's result. Map outputs go to the application's
 * NodeManager local dirs, where this node's shuffle service serves them after this process is gone.
 * Exits when the driver says stop or its connection drops.
 */
public final class ExecutorMain
{
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorMain.class);
    static final String HADOOP_CONF_FILE = "__hadoop_conf__.xml";

    private ExecutorMain()
    {
    }

    public static void main(String[] args)
            throws Exception
    {
        Map<String, String> options = parse(args);
        String driver = require(options, "--driver");
        String executorId = require(options, "--executor-id");
        int cores = Integer.parseInt(options.getOrDefault("--cores", "1"));
        String appId = require(options, "--app-id");
        int colon = driver.lastIndexOf(':');
        String driverHost = driver.substring(0, colon);
        int driverPort = Integer.parseInt(driver.substring(colon + 1));

        Configuration conf = new Configuration();
        if (new File(HADOOP_CONF_FILE).exists()) {
            conf.addResource(new Path(new File(HADOOP_CONF_FILE).getAbsolutePath()));
        }
        Map<String, String> env = System.getenv();
        String host = env.getOrDefault("NM_HOST", localHostName());
        int shufflePort = ShuffleServiceMetadata.portFromEnvironment(env);

        ExecutorService taskThreads = Executors.newFixedThreadPool(cores, runnable -> {
            Thread thread = new Thread(runnable, "executor-task");
            thread.setDaemon(true);
            return thread;
        });
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<String> stopReason = new AtomicReference<>("driver disconnected");
        try (ShuffleClient shuffleClient = new ShuffleClient()) {
            UnifiedMemoryManager memory = memoryPool(options);
            LOG.info("executor {}: heap {} bytes, execution and storage pool {} bytes", executorId, Runtime.getRuntime().maxMemory(),
                    memory.maxMemory());
            int shuffleMaxRetries = settings(options).get(ShuffleReadConfig.MAX_RETRIES);
            ExecutorEnvironment environment = new ExecutorEnvironment(appId, executorId, host, shufflePort, conf,
                    ShuffleLayout.appDirsFromEnvironment(env), shuffleClient, false, memory, shuffleMaxRetries);
            RpcEndpoint connection = RpcEndpoint.connect(driverHost, driverPort, new RpcEndpoint.Handler()
            {
                @Override
                public void onMessage(Channel channel, Object message)
                {
                    if (message instanceof Messages.LaunchTask launch) {
                        TaskDescription task = launch.task();
                        taskThreads.execute(() -> {
                            TaskResult result = TaskRunner.run(task, environment);
                            channel.writeAndFlush(new Messages.StatusUpdate(result));
                        });
                    }
                    else if (message instanceof Messages.RemoveCache remove) {
                        environment.blocks().removeCache(remove.cacheId());
                    }
                    else if (message instanceof Messages.StopExecutor stop) {
                        stopReason.set(stop.reason());
                        stopped.countDown();
                    }
                    else if (message instanceof Messages.RegisteredExecutor) {
                        LOG.info("executor {} registered with the driver at {}", executorId, driver);
                    }
                }

                @Override
                public void onDisconnect(Channel channel)
                {
                    stopped.countDown();
                }
            }, 30_000);
            connection.channel().writeAndFlush(new Messages.RegisterExecutor(executorId, host, cores, shufflePort));
            ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "executor-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
            heartbeats.scheduleAtFixedRate(() -> connection.channel().writeAndFlush(new Messages.Heartbeat(executorId, memory.report())), 3, 3, TimeUnit.SECONDS);
            stopped.await();
            LOG.info("executor {} stopping: {}", executorId, stopReason.get());
            heartbeats.shutdownNow();
            taskThreads.shutdownNow();
            connection.close();
        }
        System.exit(0);
    }

    private static String localHostName()
    {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        }
        catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Options as {@code --name value} pairs; each {@code --conf key=value} becomes an option named by its key. */
    private static Map<String, String> parse(String[] args)
    {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--conf")) {
                int equals = args[i + 1].indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("--conf takes key=value, not '" + args[i + 1] + "'");
                }
                options.put(args[i + 1].substring(0, equals), args[i + 1].substring(equals + 1));
            }
            else {
                options.put(args[i], args[i + 1]);
            }
        }
        return options;
    }

    /** The spindle.* settings the ApplicationMaster passed as {@code --conf key=value}. */
    private static SpindleConf settings(Map<String, String> options)
    {
        SpindleConf conf = new SpindleConf();
        options.forEach((key, value) -> {
            if (key.startsWith("spindle.")) {
                conf.set(key, value);
            }
        });
        return conf;
    }

    /** The executor's memory pool, sized from its heap by the spindle.memory.* settings the ApplicationMaster passed. */
    static UnifiedMemoryManager memoryPool(Map<String, String> options)
    {
        SpindleConf conf = settings(options);
        long pool = MemoryConfig.poolBytes(Runtime.getRuntime().maxMemory(), conf.get(MemoryConfig.MEMORY_FRACTION),
                conf.get(MemoryConfig.RESERVED), conf.get(MemoryConfig.POOL_BYTES));
        return new UnifiedMemoryManager(pool, conf.get(MemoryConfig.STORAGE_FRACTION));
    }

    private static String require(Map<String, String> options, String name)
    {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("executor needs " + name + "; it is started by the ApplicationMaster, not by hand");
        }
        return value;
    }
}
