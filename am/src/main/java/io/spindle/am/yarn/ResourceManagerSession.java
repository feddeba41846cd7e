package io.spindle.am.yarn;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.UpdatedContainer;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * The ApplicationMaster's conversation with the ResourceManager: registration, heartbeats that carry the
 * application's progress and container requests, and unregistration with the final status. Containers the
 * ResourceManager allocates or reports completed go to the attached {@link ExecutorAllocator}. Thread-safe.
 */
public final class ResourceManagerSession
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ResourceManagerSession.class);

    /** Hears about the ends of the session the ResourceManager decides; called from the heartbeat threads. */
    public interface Listener
    {
        /** The ResourceManager told this attempt to stop, for instance because the application was killed. */
        void onShutdownRequest();

        /** Heartbeats failed for good (the ResourceManager no longer knows this attempt, or a request was invalid). */
        void onError(Throwable error);
    }

    private final AMRMClientAsync<ContainerRequest> client;
    private final DoubleSupplier progress;
    private final Listener listener;
    private final int heartbeatIntervalMillis;
    private volatile ExecutorAllocator allocator;
    private volatile Resource maximumResource;

    /**
     * Connects to the ResourceManager named by {@code conf}; nothing is sent until {@link #register}.
     *
     * @param progress the application's progress from 0 to 1, read at every heartbeat
     */
    public ResourceManagerSession(Configuration conf, long heartbeatIntervalMillis, DoubleSupplier progress, Listener listener)
    {
        this.progress = requireNonNull(progress, "progress is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.heartbeatIntervalMillis = Math.toIntExact(heartbeatIntervalMillis);
        this.client = AMRMClientAsync.createAMRMClientAsync(this.heartbeatIntervalMillis, new Callbacks());
        client.init(conf);
        client.start();
    }

    /**
     * Registers this attempt; heartbeats start now.
     *
     * @param rpcPort the driver's RPC port, or -1 when it has none
     */
    public RegisterApplicationMasterResponse register(String host, int rpcPort, String trackingUrl)
            throws IOException
    {
        try {
            RegisterApplicationMasterResponse response = client.registerApplicationMaster(host, rpcPort, trackingUrl);
            maximumResource = response.getMaximumResourceCapability();
            LOG.info("Registered with the ResourceManager as {}:{} in queue {}; largest container {}",
                    host, rpcPort, response.getQueue(), maximumResource);
            return response;
        }
        catch (YarnException e) {
            throw new IOException("could not register the ApplicationMaster with the ResourceManager: " + e.getMessage(), e);
        }
    }

    /** Tells the ResourceManager the application ended with {@code status}; the diagnostics reach the user's report. */
    public void unregister(FinalApplicationStatus status, String diagnostics)
            throws IOException
    {
        try {
            client.unregisterApplicationMaster(status, diagnostics, "");
            LOG.info("Unregistered from the ResourceManager with final status {}", status);
        }
        catch (YarnException e) {
            throw new IOException("could not unregister the ApplicationMaster with final status " + status + ": " + e.getMessage(), e);
        }
    }

    /** The largest container the scheduler grants, once registered. */
    public Optional<Resource> maximumResource()
    {
        return Optional.ofNullable(maximumResource);
    }

    @Override
    public void close()
    {
        client.stop();
    }

    AMRMClientAsync<ContainerRequest> client()
    {
        return client;
    }

    void attach(ExecutorAllocator allocator)
    {
        if (this.allocator != null) {
            throw new IllegalStateException("an ExecutorAllocator is already attached to this session");
        }
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /** Heartbeats quickly while container requests are outstanding, at the configured interval otherwise. */
    void heartbeatFast(boolean fast, long fastIntervalMillis)
    {
        client.setHeartbeatInterval(fast ? Math.toIntExact(Math.min(fastIntervalMillis, heartbeatIntervalMillis)) : heartbeatIntervalMillis);
    }

    private final class Callbacks
            extends AMRMClientAsync.AbstractCallbackHandler
    {
        @Override
        public void onContainersAllocated(List<Container> containers)
        {
            ExecutorAllocator target = allocator;
            if (target == null) {
                // Nothing asked for containers; give them back rather than hold them.
                containers.forEach(container -> client.releaseAssignedContainer(container.getId()));
                return;
            }
            target.onContainersAllocated(containers);
        }

        @Override
        public void onContainersCompleted(List<ContainerStatus> statuses)
        {
            ExecutorAllocator target = allocator;
            if (target != null) {
                target.onContainersCompleted(statuses);
            }
        }

        @Override
        public void onContainersUpdated(List<UpdatedContainer> containers)
        {
            LOG.debug("Ignoring {} container updates", containers.size());
        }

        @Override
        public void onShutdownRequest()
        {
            LOG.warn("The ResourceManager asked this ApplicationMaster to shut down");
            listener.onShutdownRequest();
        }

        @Override
        public void onNodesUpdated(List<NodeReport> nodes)
        {
            for (NodeReport node : nodes) {
                LOG.info("Node {} is now {}", node.getNodeId(), node.getNodeState());
            }
        }

        @Override
        public float getProgress()
        {
            return (float) progress.getAsDouble();
        }

        @Override
        public void onError(Throwable error)
        {
            LOG.error("Heartbeats to the ResourceManager failed", error);
            listener.onError(error);
        }
    }
}
