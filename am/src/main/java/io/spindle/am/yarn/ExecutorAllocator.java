package io.spindle.am.yarn;

import io.spindle.am.AmConfig;
import io.spindle.conf.SpindleConf;
import io.spindle.shuffle.ShuffleServiceMetadata;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Asks the ResourceManager for executor containers and starts an executor JVM in each one. Executors are
 * named "1", "2", ... in the order their containers arrive. Every executor container carries service data
 * for the {@value ShuffleServiceMetadata#SERVICE_NAME} auxiliary service, so its NodeManager registers the
 * application with the shuffle service. Thread-safe: the driver calls it from any thread while YARN's
 * callback threads deliver containers, and {@link ExecutorListener}s are called from those threads.
 */
public final class ExecutorAllocator
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorAllocator.class);
    private static final Priority EXECUTOR_PRIORITY = Priority.newInstance(1);

    private enum State
    {
        STARTING, RUNNING, EXITED
    }

    private static final class Executor
    {
        final String id;
        final Container container;
        State state = State.STARTING;
        boolean released;

        Executor(String id, Container container)
        {
            this.id = id;
            this.container = container;
        }

        String describe()
        {
            return "executor " + id + " (" + container.getId() + " on " + container.getNodeId().getHost() + ")";
        }
    }

    private final ResourceManagerSession session;
    private final NMClientAsync nodeManagers;
    private final ApplicationId applicationId;
    private final Map<String, LocalResource> localResources;
    private final ByteBuffer tokens;
    private final Resource executorResource;
    private final long heapBytes;
    private final int cores;
    private final List<String> jvmOptions;
    /** The settings executors read themselves (their memory pool), passed on their command line. */
    private final Map<String, String> executorSettings;
    private final String mainClass;
    private final String javaHome;
    private final Map<String, String> environment;
    private final long allocationHeartbeatMillis;
    private final List<ExecutorListener> listeners = new CopyOnWriteArrayList<>();

    // Guarded by this.
    private final Deque<ContainerRequest> outstanding = new ArrayDeque<>();
    private final Map<ContainerId, Executor> byContainer = new HashMap<>();
    private final Map<String, Executor> byId = new LinkedHashMap<>();
    private int nextExecutorId = 1;
    private String driverAddress;
    private boolean closed;

    /**
     * @param localResources the files every executor container gets: the application's staged files
     * @param tokens credentials for the executors (without the AM's own token), or null on an insecure cluster
     */
    public ExecutorAllocator(
            ResourceManagerSession session,
            Configuration hadoopConfiguration,
            SpindleConf conf,
            ApplicationId applicationId,
            Map<String, LocalResource> localResources,
            ByteBuffer tokens)
    {
        this.session = requireNonNull(session, "session is null");
        this.applicationId = requireNonNull(applicationId, "applicationId is null");
        this.localResources = Map.copyOf(localResources);
        this.tokens = tokens;
        this.heapBytes = conf.get(AmConfig.EXECUTOR_MEMORY);
        this.cores = conf.get(AmConfig.EXECUTOR_CORES);
        if (cores < 1) {
            throw new IllegalArgumentException(AmConfig.EXECUTOR_CORES.name() + " must be at least 1, got " + cores);
        }
        this.executorResource = Resource.newInstance(
                AmConfig.containerMegabytes(heapBytes, AmConfig.executorMemoryOverhead(conf)), cores);
        List<String> options = new ArrayList<>();
        if (conf.get(AmConfig.YARN_FAST_STARTUP)) {
            options.addAll(ContainerCommands.FAST_STARTUP_OPTIONS);
        }
        options.add(conf.get(AmConfig.EXECUTOR_EXTRA_JAVA_OPTIONS));
        this.jvmOptions = List.copyOf(options);
        Map<String, String> settings = new TreeMap<>();
        conf.asMap().forEach((key, value) -> {
            if (key.startsWith("spindle.memory.") || key.startsWith("spindle.shuffle.io.")) {
                settings.put(key, value);
            }
        });
        this.executorSettings = Map.copyOf(settings);
        this.mainClass = conf.get(AmConfig.EXECUTOR_MAIN_CLASS);
        this.javaHome = conf.get(AmConfig.YARN_JAVA_HOME);
        this.environment = Map.copyOf(ContainerCommands.environment(conf.get(AmConfig.YARN_CONTAINER_CLASSPATH)));
        this.allocationHeartbeatMillis = conf.get(AmConfig.YARN_AM_ALLOCATION_HEARTBEAT_INTERVAL);

        this.nodeManagers = NMClientAsync.createNMClientAsync(new NodeManagerCallbacks());
        nodeManagers.init(hadoopConfiguration);
        nodeManagers.start();
        session.attach(this);
    }

    public void addListener(ExecutorListener listener)
    {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    public void removeListener(ExecutorListener listener)
    {
        listeners.remove(listener);
    }

    /** Where executors reach the driver ({@code --driver host:port}); set by the ApplicationMaster once the driver's endpoint runs. */
    public synchronized void setDriverAddress(String host, int port)
    {
        requireNonNull(host, "host is null");
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("the driver's RPC port must be in [1, 65535], got " + port);
        }
        this.driverAddress = host + ":" + port;
    }

    /** The size of each executor container: memory plus overhead, and vcores. */
    public Resource executorResource()
    {
        return Resource.newInstance(executorResource.getMemorySize(), executorResource.getVirtualCores());
    }

    /** Asks for {@code count} more executors, anywhere in the cluster. */
    public void requestExecutors(int count)
    {
        requestExecutors(count, List.of());
    }

    /**
     * Asks for {@code count} more executors, preferably on {@code preferredHosts}; YARN places them elsewhere
     * when those hosts are busy.
     */
    public void requestExecutors(int count, List<String> preferredHosts)
    {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        checkFitsInLargestContainer();
        String[] hosts = preferredHosts.isEmpty() ? null : preferredHosts.toArray(String[]::new);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the executor allocator is closed");
            }
            for (int i = 0; i < count; i++) {
                ContainerRequest request = new ContainerRequest(executorResource(), hosts, null, EXECUTOR_PRIORITY, true);
                outstanding.add(request);
                session.client().addContainerRequest(request);
            }
            if (count > 0) {
                session.heartbeatFast(true, allocationHeartbeatMillis);
                LOG.info("Requested {} executors of {}{}; {} requests outstanding", count, executorResource,
                        hosts == null ? "" : " preferably on " + preferredHosts, outstanding.size());
            }
        }
    }

    /** Gives executor {@code executorId}'s container back to YARN, which stops the JVM; listeners then hear it exited. */
    public void releaseExecutor(String executorId)
    {
        ContainerId containerId;
        synchronized (this) {
            Executor executor = byId.get(executorId);
            if (executor == null) {
                throw new IllegalArgumentException("no executor " + executorId + "; known executors are " + byId.keySet());
            }
            if (executor.state == State.EXITED || executor.released) {
                return;
            }
            executor.released = true;
            containerId = executor.container.getId();
        }
        LOG.info("Releasing executor {} ({})", executorId, containerId);
        session.client().releaseAssignedContainer(containerId);
    }

    /** Executors whose JVM was started and has not exited. */
    public synchronized int runningExecutors()
    {
        return (int) byId.values().stream().filter(executor -> executor.state == State.RUNNING).count();
    }

    /** Executors asked for whose JVM has not started yet: requests YARN has not granted, and containers being launched. */
    public synchronized int pendingExecutors()
    {
        return outstanding.size() + (int) byId.values().stream().filter(executor -> executor.state == State.STARTING).count();
    }

    /** Stops every executor container this allocator started and accepts no more requests. */
    @Override
    public void close()
    {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (ContainerRequest request : outstanding) {
                session.client().removeContainerRequest(request);
            }
            outstanding.clear();
        }
        nodeManagers.stop();
    }

    void onContainersAllocated(List<Container> containers)
    {
        for (Container container : containers) {
            Executor executor = assign(container);
            if (executor == null) {
                continue;
            }
            ContainerLaunchContext launchContext = launchContext(executor);
            if (launchContext == null) {
                continue;
            }
            LOG.info("Launching {} with {}", executor.describe(), container.getResource());
            nodeManagers.startContainerAsync(container, launchContext);
        }
    }

    void onContainersCompleted(List<ContainerStatus> statuses)
    {
        for (ContainerStatus status : statuses) {
            Executor executor;
            boolean released;
            synchronized (this) {
                executor = byContainer.get(status.getContainerId());
                if (executor == null || executor.state == State.EXITED) {
                    continue;
                }
                executor.state = State.EXITED;
                released = executor.released;
            }
            String diagnostics = released
                    ? executor.describe() + " was released by the driver"
                    : ContainerExitDiagnostics.describe(executor.describe(), status.getExitStatus(), status.getDiagnostics(),
                            Math.toIntExact(executor.container.getResource().getMemorySize()), heapBytes);
            if (status.getExitStatus() == ContainerExitStatus.SUCCESS || released) {
                LOG.info("{} (exit status {})", diagnostics, status.getExitStatus());
            }
            else {
                LOG.warn("{} (exit status {})", diagnostics, status.getExitStatus());
            }
            notifyListeners(listener -> listener.onExecutorExited(executor.id, status.getExitStatus(), diagnostics));
        }
    }

    /** Matches {@code container} with an outstanding request, or releases it when it is one too many. */
    private synchronized Executor assign(Container container)
    {
        ContainerRequest request = closed ? null : takeRequestFor(container.getNodeId().getHost());
        if (request == null) {
            LOG.info("Releasing surplus container {} on {}", container.getId(), container.getNodeId().getHost());
            session.client().releaseAssignedContainer(container.getId());
            return null;
        }
        session.client().removeContainerRequest(request);
        if (outstanding.isEmpty()) {
            session.heartbeatFast(false, allocationHeartbeatMillis);
        }
        Executor executor = new Executor(String.valueOf(nextExecutorId++), container);
        byContainer.put(container.getId(), executor);
        byId.put(executor.id, executor);
        return executor;
    }

    /** The oldest request that prefers {@code host}, else the oldest without a preference, else the oldest. */
    private ContainerRequest takeRequestFor(String host)
    {
        ContainerRequest chosen = null;
        for (ContainerRequest request : outstanding) {
            List<String> nodes = request.getNodes();
            if (nodes != null && nodes.contains(host)) {
                chosen = request;
                break;
            }
            if (chosen == null && (nodes == null || nodes.isEmpty())) {
                chosen = request;
            }
        }
        if (chosen == null) {
            chosen = outstanding.peekFirst();
        }
        if (chosen != null) {
            for (Iterator<ContainerRequest> it = outstanding.iterator(); it.hasNext(); ) {
                if (it.next() == chosen) {
                    it.remove();
                    break;
                }
            }
        }
        return chosen;
    }

    private ContainerLaunchContext launchContext(Executor executor)
    {
        String driver;
        synchronized (this) {
            driver = driverAddress;
        }
        if (driver == null) {
            failToStart(executor, "the driver has no RPC endpoint to give it (no " + AmConfig.DRIVER_RUNTIME_CLASS.name()
                    + " was started)");
            return null;
        }
        List<String> args = new ArrayList<>(List.of(
                "--driver", driver,
                "--executor-id", executor.id,
                "--cores", String.valueOf(cores),
                "--app-id", applicationId.toString()));
        executorSettings.forEach((key, value) -> {
            args.add("--conf");
            args.add(ContainerCommands.shellQuote(key + "=" + value));
        });
        return ContainerLaunchContext.newInstance(
                localResources,
                new HashMap<>(environment),
                ContainerCommands.javaCommand(javaHome, heapBytes, jvmOptions, mainClass, args),
                Map.of(ShuffleServiceMetadata.SERVICE_NAME, ByteBuffer.allocate(0)),
                tokens == null ? null : tokens.duplicate(),
                null);
    }

    private void failToStart(Executor executor, String reason)
    {
        synchronized (this) {
            if (executor.state == State.EXITED) {
                return;
            }
            executor.state = State.EXITED;
        }
        String diagnostics = executor.describe() + " could not be started: " + reason;
        LOG.error(diagnostics);
        session.client().releaseAssignedContainer(executor.container.getId());
        notifyListeners(listener -> listener.onExecutorExited(executor.id, ContainerExitStatus.INVALID, diagnostics));
    }

    private void checkFitsInLargestContainer()
    {
        session.maximumResource().ifPresent(maximum -> {
            if (executorResource.getMemorySize() > maximum.getMemorySize() || executorResource.getVirtualCores() > maximum.getVirtualCores()) {
                throw new IllegalArgumentException("executors need containers of " + executorResource.getMemorySize() + " MB and "
                        + executorResource.getVirtualCores() + " vcores (" + AmConfig.EXECUTOR_MEMORY.name() + " + "
                        + AmConfig.EXECUTOR_MEMORY_OVERHEAD.name() + ", " + AmConfig.EXECUTOR_CORES.name() + ") but YARN grants at most "
                        + maximum.getMemorySize() + " MB and " + maximum.getVirtualCores() + " vcores "
                        + "(yarn.scheduler.maximum-allocation-mb and -vcores); lower the executor's memory or cores");
            }
        });
    }

    private void notifyListeners(Consumer<ExecutorListener> event)
    {
        for (ExecutorListener listener : listeners) {
            try {
                event.accept(listener);
            }
            catch (RuntimeException e) {
                LOG.error("Executor listener {} failed", listener, e);
            }
        }
    }

    private synchronized Executor executorOf(ContainerId containerId)
    {
        return byContainer.get(containerId);
    }

    private final class NodeManagerCallbacks
            extends NMClientAsync.AbstractCallbackHandler
    {
        @Override
        public void onContainerStarted(ContainerId containerId, Map<String, ByteBuffer> allServiceResponse)
        {
            Executor executor = executorOf(containerId);
            if (executor == null) {
                return;
            }
            synchronized (ExecutorAllocator.this) {
                if (executor.state != State.STARTING) {
                    return;
                }
                executor.state = State.RUNNING;
            }
            LOG.info("Started {}", executor.describe());
            Map<String, ByteBuffer> metadata = allServiceResponse == null ? Map.of() : Map.copyOf(allServiceResponse);
            notifyListeners(listener -> listener.onExecutorLaunched(
                    executor.id, containerId, executor.container.getNodeId().getHost(), metadata));
        }

        @Override
        public void onStartContainerError(ContainerId containerId, Throwable error)
        {
            Executor executor = executorOf(containerId);
            if (executor != null) {
                failToStart(executor, "the NodeManager refused to start it: " + error);
            }
        }

        @Override
        public void onContainerStatusReceived(ContainerId containerId, ContainerStatus status)
        {
            LOG.debug("Status of {}: {}", containerId, status);
        }

        @Override
        public void onContainerStopped(ContainerId containerId)
        {
            LOG.debug("Stopped {}", containerId);
        }

        @Override
        public void onContainerResourceIncreased(ContainerId containerId, Resource resource)
        {
            LOG.debug("Resource of {} increased to {}", containerId, resource);
        }

        @Override
        public void onContainerResourceUpdated(ContainerId containerId, Resource resource)
        {
            LOG.debug("Resource of {} updated to {}", containerId, resource);
        }

        @Override
        public void onGetContainerStatusError(ContainerId containerId, Throwable error)
        {
            LOG.warn("Could not get the status of {}", containerId, error);
        }

        @Override
        public void onIncreaseContainerResourceError(ContainerId containerId, Throwable error)
        {
            LOG.warn("Could not increase the resource of {}", containerId, error);
        }

        @Override
        public void onUpdateContainerResourceError(ContainerId containerId, Throwable error)
        {
            LOG.warn("Could not update the resource of {}", containerId, error);
        }

        @Override
        public void onStopContainerError(ContainerId containerId, Throwable error)
        {
            LOG.warn("Could not stop {}", containerId, error);
        }
    }
}
