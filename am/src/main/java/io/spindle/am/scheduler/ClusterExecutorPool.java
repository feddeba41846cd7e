package io.spindle.am.scheduler;

import io.netty.channel.Channel;
import io.spindle.runtime.rpc.Messages;
import io.spindle.runtime.rpc.RpcEndpoint;
import io.spindle.runtime.task.TaskDescription;
import io.spindle.runtime.task.TaskMetrics;
import io.spindle.runtime.task.TaskResult;
import io.spindle.sql.JobFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The driver's view of its executor processes: they register over RPC, get tasks while they have free
 * cores (a task whose input lives on an executor's host goes there first), and report results. A lost
 * executor (connection dropped, container ended, heartbeats stopped) fails its running tasks so the
 * scheduler retries them. Thread-safe: state is guarded by this object's lock; callbacks run unlocked.
 */
public final class ClusterExecutorPool
        implements ExecutorPool, RpcEndpoint.Handler
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterExecutorPool.class);
    private static final long HEARTBEAT_TIMEOUT_MILLIS = 60_000;

    private final String appId;
    private final ExecutorProvisioner provisioner;
    private final int targetExecutors;
    private final long registrationTimeoutMillis;
    private final boolean releaseBetweenStages;
    private final Map<String, RemoteExecutor> executors = new LinkedHashMap<>();
    private final Map<String, String> exitDiagnostics = new HashMap<>();
    /** Each executor's memory as of its last heartbeat, kept after it is lost to explain why it was. */
    private final Map<String, String> lastMemoryReports = new HashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final ScheduledExecutorService watchdog;
    private long noExecutorsSince = System.currentTimeMillis();

    public ClusterExecutorPool(String appId, ExecutorProvisioner provisioner, int targetExecutors, long registrationTimeoutMillis,
            boolean releaseBetweenStages)
    {
        this.appId = requireNonNull(appId, "appId is null");
        this.provisioner = requireNonNull(provisioner, "provisioner is null");
        this.targetExecutors = targetExecutors;
        this.registrationTimeoutMillis = registrationTimeoutMillis;
        this.releaseBetweenStages = releaseBetweenStages;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "executor-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::checkHealth, 1, 1, TimeUnit.SECONDS);
    }

    private record Pending(TaskDescription task, List<String> preferredHosts, Consumer<TaskResult> onDone)
    {
    }

    private static final class RemoteExecutor
    {
        final String id;
        final String host;
        final int cores;
        final Channel channel;
        final Map<Long, Pending> running = new HashMap<>();
        volatile long lastSeen = System.currentTimeMillis();

        RemoteExecutor(String id, String host, int cores, Channel channel)
        {
            this.id = id;
            this.host = host;
            this.cores = cores;
            this.channel = channel;
        }

        int freeCores()
        {
            return cores - running.size();
        }
    }

    /** Asks the provisioner for the configured number of executors. */
    public void start()
    {
        provisioner.requestExecutors(targetExecutors);
    }

    public synchronized int registeredExecutors()
    {
        return executors.size();
    }

    @Override
    public void submit(TaskDescription task, List<String> preferredHosts, Consumer<TaskResult> onDone)
    {
        List<Runnable> launches;
        synchronized (this) {
            pending.add(new Pending(task, preferredHosts, onDone));
            launches = assignTasks();
        }
        launches.forEach(Runnable::run);
    }

    /** Pairs pending tasks with free cores; returns the sends to do once the lock is released. */
    private List<Runnable> assignTasks()
    {
        List<Runnable> launches = new ArrayList<>();
        boolean assigned = true;
        while (!pending.isEmpty() && assigned) {
            assigned = false;
            for (RemoteExecutor executor : executors.values()) {
                if (executor.freeCores() <= 0 || pending.isEmpty()) {
                    continue;
                }
                Pending next = takeFor(executor);
                if (next == null) {
                    continue;
                }
                executor.running.put(next.task().taskId(), next);
                Channel channel = executor.channel;
                launches.add(() -> channel.writeAndFlush(new Messages.LaunchTask(next.task())));
                assigned = true;
            }
        }
        return launches;
    }

    /**
     * The next task for {@code executor}: one that prefers it (by host or by name) if any; else one that is not
     * waiting for another live executor (a task reading a cached block waits for the executor holding it).
     */
    private Pending takeFor(RemoteExecutor executor)
    {
        String location = ExecutorPool.executorLocation(executor.id);
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending candidate = it.next();
            if (candidate.preferredHosts().contains(executor.host) || candidate.preferredHosts().contains(location)) {
                it.remove();
                return candidate;
            }
        }
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending candidate = it.next();
            if (!waitsForAnotherExecutor(candidate)) {
                it.remove();
                return candidate;
            }
        }
        return null;
    }

    private boolean waitsForAnotherExecutor(Pending task)
    {
        for (String location : task.preferredHosts()) {
            if (location.startsWith(EXECUTOR_LOCATION_PREFIX) && executors.containsKey(location.substring(EXECUTOR_LOCATION_PREFIX.length()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void uncache(int cacheId)
    {
        List<Channel> channels;
        synchronized (this) {
            channels = executors.values().stream().map(e -> e.channel).toList();
        }
        channels.forEach(channel -> channel.writeAndFlush(new Messages.RemoveCache(cacheId)));
    }

    @Override
    public void onMessage(Channel channel, Object message)
    {
        if (message instanceof Messages.RegisterExecutor register) {
            List<Runnable> launches;
            synchronized (this) {
                executors.put(register.executorId(), new RemoteExecutor(register.executorId(), register.host(), register.cores(), channel));
                LOG.info("executor {} registered from {} with {} cores (shuffle service port {})", register.executorId(), register.host(),
                        register.cores(), register.shufflePort());
                notifyAll();
                launches = assignTasks();
            }
            channel.writeAndFlush(new Messages.RegisteredExecutor(appId));
            launches.forEach(Runnable::run);
        }
        else if (message instanceof Messages.StatusUpdate update) {
            TaskResult result = update.result();
            Pending done;
            List<Runnable> launches;
            synchronized (this) {
                RemoteExecutor executor = executors.get(result.executorId());
                done = executor == null ? null : executor.running.remove(result.taskId());
                launches = assignTasks();
            }
            launches.forEach(Runnable::run);
            if (done != null) {
                done.onDone().accept(result);
            }
        }
        else if (message instanceof Messages.Heartbeat heartbeat) {
            synchronized (this) {
                RemoteExecutor executor = executors.get(heartbeat.executorId());
                if (executor != null) {
                    executor.lastSeen = System.currentTimeMillis();
                    if (!heartbeat.memoryReport().isEmpty()) {
                        lastMemoryReports.put(heartbeat.executorId(), heartbeat.memoryReport());
                    }
                }
            }
        }
    }

    @Override
    public void onDisconnect(Channel channel)
    {
        String lost = null;
        synchronized (this) {
            for (RemoteExecutor executor : executors.values()) {
                if (executor.channel == channel) {
                    lost = executor.id;
                }
            }
        }
        if (lost != null) {
            executorLost(lost, withMemoryReport(lost, "its connection to the driver closed"));
        }
    }

    /** Called when the cluster reports an executor's process ended, with the cluster's diagnostics. */
    public void executorExited(String executorId, String diagnostics)
    {
        String explained = withMemoryReport(executorId, diagnostics);
        synchronized (this) {
            exitDiagnostics.put(executorId, explained);
            notifyAll();
        }
        executorLost(executorId, explained);
    }

    private synchronized String withMemoryReport(String executorId, String reason)
    {
        String report = lastMemoryReports.get(executorId);
        return report == null ? reason : reason + "; at its last heartbeat: " + report;
    }

    private void executorLost(String executorId, String reason)
    {
        List<Pending> failed;
        synchronized (this) {
            RemoteExecutor executor = executors.remove(executorId);
            if (executor == null) {
                return;
            }
            failed = new ArrayList<>(executor.running.values());
            LOG.warn("executor {} on {} lost with {} running tasks: {}", executorId, executor.host, failed.size(), reason);
            if (executors.isEmpty()) {
                noExecutorsSince = System.currentTimeMillis();
            }
            notifyAll();
        }
        for (Pending task : failed) {
            task.onDone().accept(TaskResult.failure(task.task().taskId(), executorId,
                    task.task().name() + " lost: executor " + executorId + " ended (" + reason + ")", false, new TaskMetrics()));
        }
    }

    private void checkHealth()
    {
        List<String> silent = new ArrayList<>();
        List<Pending> starved = new ArrayList<>();
        synchronized (this) {
            long now = System.currentTimeMillis();
            for (RemoteExecutor executor : executors.values()) {
                if (now - executor.lastSeen > HEARTBEAT_TIMEOUT_MILLIS) {
                    silent.add(executor.id);
                }
            }
            if (executors.isEmpty() && !pending.isEmpty() && now - noExecutorsSince > registrationTimeoutMillis) {
                starved.addAll(pending);
                pending.clear();
            }
        }
        silent.forEach(id -> executorLost(id, "no heartbeat for " + HEARTBEAT_TIMEOUT_MILLIS / 1000 + " s"));
        for (Pending task : starved) {
            task.onDone().accept(TaskResult.failure(task.task().taskId(), "none", "no executor registered within "
                    + registrationTimeoutMillis / 1000 + " s (spindle.scheduler.executorRegistrationTimeout); the cluster may lack room for "
                    + "executor containers of the requested size, or they fail at start: see their logs. Last exits: " + lastExits(), false, new TaskMetrics()));
        }
    }

    private synchronized String lastExits()
    {
        return exitDiagnostics.isEmpty() ? "none" : exitDiagnostics.toString();
    }

    @Override
    public void afterShuffleMapStage(int stageId)
    {
        if (!releaseBetweenStages) {
            return;
        }
        List<String> old;
        synchronized (this) {
            old = new ArrayList<>(executors.keySet());
        }
        LOG.info("releasing executors {} after stage {} (spindle.scheduler.releaseExecutorsBetweenStages)", old, stageId);
        old.forEach(provisioner::releaseExecutor);
        long deadline = System.currentTimeMillis() + registrationTimeoutMillis;
        synchronized (this) {
            while (!exitDiagnostics.keySet().containsAll(old)) {
                waitUntil(deadline, "executors " + old + " to exit");
            }
        }
        provisioner.requestExecutors(targetExecutors);
        synchronized (this) {
            while (executors.size() < targetExecutors) {
                waitUntil(deadline, targetExecutors + " new executors to register");
            }
        }
    }

    private void waitUntil(long deadline, String what)
    {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
            throw new JobFailedException("timed out waiting for " + what);
        }
        try {
            wait(left);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFailedException("interrupted while waiting for " + what, e);
        }
    }

    @Override
    public void close()
    {
        watchdog.shutdownNow();
        List<RemoteExecutor> all;
        synchronized (this) {
            all = new ArrayList<>(executors.values());
        }
        for (RemoteExecutor executor : all) {
            executor.channel.writeAndFlush(new Messages.StopExecutor("the application is finishing"));
        }
    }
}
