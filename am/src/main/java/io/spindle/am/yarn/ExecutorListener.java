package io.spindle.am.yarn;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ContainerId;

/**
 * Hears about the executors an {@link ExecutorAllocator} launches. Called from YARN's callback threads,
 * possibly several at once: implementations must be thread-safe and must return quickly.
 */
public interface ExecutorListener
{
    /**
     * The NodeManager started executor {@code executorId}'s JVM.
     *
     * @param auxServiceMetadata each auxiliary service's metadata on the executor's node, by service name;
     * {@code spindle_shuffle} holds the shuffle service's port (see {@code io.spindle.shuffle.ShuffleServiceMetadata})
     */
    void onExecutorLaunched(String executorId, ContainerId containerId, String host, Map<String, ByteBuffer> auxServiceMetadata);

    /**
     * Executor {@code executorId} is gone: its JVM exited, YARN killed it, or it never started.
     *
     * @param exitStatus the container's exit status ({@link org.apache.hadoop.yarn.api.records.ContainerExitStatus}
     * or the JVM's exit code)
     * @param diagnostics a sentence for the user, saying why and, when memory was the cause, the container's size
     */
    void onExecutorExited(String executorId, int exitStatus, String diagnostics);
}
