package io.spindle.it.apps;

import io.spindle.am.yarn.ExecutorAllocator;
import io.spindle.am.yarn.ExecutorListener;
import io.spindle.am.yarn.YarnClusterContext;
import io.spindle.shuffle.ShuffleServiceMetadata;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ContainerId;

/**
 * A user main class that asks the ApplicationMaster for two executors, waits until both started, greeted the
 * driver and exited, and writes what it saw to the HDFS file named by its first argument: the executor ids
 * with the shuffle port their NodeManager published, their exit statuses, and the driver's greetings.
 */
public final class ExecutorsApp
{
    private static final int EXECUTORS = 2;

    private ExecutorsApp()
    {
    }

    public static void main(String[] args)
            throws Exception
    {
        YarnClusterContext context = YarnClusterContext.current()
                .orElseThrow(() -> new IllegalStateException("not running in Spindle's ApplicationMaster"));
        ExecutorAllocator allocator = context.executorAllocator();
        Map<String, Integer> shufflePorts = new ConcurrentHashMap<>();
        Map<String, Integer> exitStatuses = new ConcurrentHashMap<>();
        List<String> diagnostics = new CopyOnWriteArrayList<>();
        CountDownLatch launched = new CountDownLatch(EXECUTORS);
        CountDownLatch exited = new CountDownLatch(EXECUTORS);
        allocator.addListener(new ExecutorListener()
        {
            @Override
            public void onExecutorLaunched(String executorId, ContainerId containerId, String host, Map<String, ByteBuffer> auxServiceMetadata)
            {
                shufflePorts.put(executorId, ShuffleServiceMetadata.decodePort(auxServiceMetadata.get(ShuffleServiceMetadata.SERVICE_NAME)));
                launched.countDown();
            }

            @Override
            public void onExecutorExited(String executorId, int exitStatus, String diagnostic)
            {
                exitStatuses.put(executorId, exitStatus);
                diagnostics.add(diagnostic);
                exited.countDown();
            }
        });
        context.setProgress(() -> 0.5);
        allocator.requestExecutors(EXECUTORS);
        if (!launched.await(60, TimeUnit.SECONDS) || !exited.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("executors did not all start and exit: launched " + shufflePorts + ", exited " + diagnostics);
        }
        String report = "shufflePorts=" + new TreeMap<>(shufflePorts) + "\n"
                + "exitStatuses=" + new TreeMap<>(exitStatuses) + "\n"
                + "running=" + allocator.runningExecutors() + "\n"
                + "greetings=" + TestDriverRuntime.greetings().stream().sorted().toList() + "\n";
        Path marker = new Path(args[0]);
        try (OutputStream out = marker.getFileSystem(context.hadoopConfiguration()).create(marker, false)) {
            out.write(report.getBytes(StandardCharsets.UTF_8));
        }
    }
}
