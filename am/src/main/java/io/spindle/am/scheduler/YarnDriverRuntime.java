package io.spindle.am.scheduler;

import io.spindle.am.AmConfig;
import io.spindle.am.yarn.DriverRuntime;
import io.spindle.am.yarn.ExecutorAllocator;
import io.spindle.am.yarn.ExecutorListener;
import io.spindle.am.yarn.YarnClusterContext;
import io.spindle.conf.SpindleConf;
import io.spindle.runtime.rpc.RpcEndpoint;
import org.apache.hadoop.yarn.api.records.ContainerId;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * The driver's side of a YARN application: the RPC endpoint executors register with, the executor pool and
 * the DAG scheduler. Started by the ApplicationMaster before the user's main class; executors are asked for
 * when the user's code creates its session.
 */
public final class YarnDriverRuntime
        implements DriverRuntime
{
    private YarnClusterContext context;
    private ClusterExecutorPool pool;
    private DagScheduler scheduler;
    private RpcEndpoint endpoint;
    private boolean executorsRequested;

    @Override
    public synchronized int start(YarnClusterContext context)
    {
        this.context = context;
        SpindleConf conf = context.conf();
        ExecutorAllocator allocator = context.executorAllocator();
        this.pool = new ClusterExecutorPool(context.applicationId().toString(), new Provisioner(allocator),
                conf.get(AmConfig.EXECUTOR_INSTANCES), conf.get(SchedulerConfig.EXECUTOR_REGISTRATION_TIMEOUT),
                conf.get(SchedulerConfig.RELEASE_EXECUTORS_BETWEEN_STAGES));
        allocator.addListener(new ExecutorListener()
        {
            @Override
            public void onExecutorLaunched(String executorId, ContainerId containerId, String host, Map<String, ByteBuffer> auxServiceMetadata)
            {
            }

            @Override
            public void onExecutorExited(String executorId, int exitStatus, String diagnostics)
            {
                pool.executorExited(executorId, diagnostics);
            }
        });
        this.scheduler = new DagScheduler(pool, conf);
        context.setProgress(() -> 0.1 + 0.8 * scheduler.progress());
        this.endpoint = RpcEndpoint.listen("0.0.0.0", 0, pool);
        return endpoint.port();
    }

    /** The runtime of this ApplicationMaster, when it is the one the AM started. */
    static Optional<YarnDriverRuntime> current()
    {
        return YarnClusterContext.current()
                .flatMap(YarnClusterContext::driverRuntime)
                .filter(YarnDriverRuntime.class::isInstance)
                .map(YarnDriverRuntime.class::cast);
    }

    synchronized DagScheduler scheduler()
    {
        if (!executorsRequested) {
            pool.start();
            executorsRequested = true;
        }
        return scheduler;
    }

    synchronized YarnClusterContext context()
    {
        return context;
    }

    @Override
    public synchronized void stop()
    {
        if (pool != null) {
            pool.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private record Provisioner(ExecutorAllocator allocator)
            implements ExecutorProvisioner
    {
        @Override
        public void requestExecutors(int count)
        {
            allocator.requestExecutors(count);
        }

        @Override
        public void releaseExecutor(String executorId)
        {
            allocator.releaseExecutor(executorId);
        }

        @Override
        public int activeExecutors()
        {
            return allocator.runningExecutors() + allocator.pendingExecutors();
        }
    }
}
