package io.spindle.am.scheduler;

/** Starts and stops executor processes for a {@link ClusterExecutorPool}: YARN containers on a cluster. */
public interface ExecutorProvisioner
{
    /** Asks for {@code count} more executors; they register with the pool when they are up. */
    void requestExecutors(int count);

    /** Stops an executor; the pool hears of its end through {@link ClusterExecutorPool#executorExited}. */
    void releaseExecutor(String executorId);

    /** Executors asked for and not yet ended. */
    int activeExecutors();
}
