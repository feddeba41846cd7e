package io.spindle.am.local;

import io.spindle.am.scheduler.ExecutorPool;
import io.spindle.runtime.task.ExecutorEnvironment;
import io.spindle.runtime.task.TaskDescription;
import io.spindle.runtime.task.TaskResult;
import io.spindle.runtime.task.TaskRunner;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Local mode's executor: N threads in the driver's JVM running tasks through the same task runner. */
final class LocalExecutorPool
        implements ExecutorPool
{
    private final ExecutorService threads;
    private final ExecutorEnvironment environment;

    LocalExecutorPool(int threadCount, ExecutorEnvironment environment)
    {
        AtomicInteger counter = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threadCount, runnable -> {
            Thread thread = new Thread(runnable, "local-executor-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.environment = environment;
    }

    @Override
    public void submit(TaskDescription task, List<String> preferredHosts, Consumer<TaskResult> onDone)
    {
        threads.execute(() -> onDone.accept(TaskRunner.run(task, environment)));
    }

    @Override
    public void uncache(int cacheId)
    {
        environment.blocks().removeCache(cacheId);
    }

    @Override
    public void close()
    {
        threads.shutdownNow();
    }
}
