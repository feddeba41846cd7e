package io.spindle.am.yarn;

import io.spindle.conf.SpindleConf;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * What the driver code running inside the ApplicationMaster needs of YARN: the cluster's configuration, the
 * application's Spindle settings and ids, the {@link ExecutorAllocator}, and a place to report progress.
 * The ApplicationMaster installs one before it starts the {@link DriverRuntime} and the user's main class;
 * {@link #current()} is empty in any other JVM. Thread-safe.
 */
public final class YarnClusterContext
{
    /** Progress the ResourceManager sees while the driver has not reported its own. */
    public static final double DEFAULT_PROGRESS = 0.1;

    private static final Logger LOG = LoggerFactory.getLogger(YarnClusterContext.class);
    private static final AtomicReference<YarnClusterContext> CURRENT = new AtomicReference<>();

    private final Configuration hadoopConfiguration;
    private final SpindleConf conf;
    private final ApplicationAttemptId attemptId;
    private final ExecutorAllocator executorAllocator;
    private final String amHost;
    private final DriverRuntime driverRuntime;
    private volatile DoubleSupplier progress = () -> DEFAULT_PROGRESS;
    private volatile boolean progressFailureLogged;

    /**
     * @param driverRuntime the runtime the AM starts with this context, or null when it runs without one
     */
    public YarnClusterContext(
            Configuration hadoopConfiguration,
            SpindleConf conf,
            ApplicationAttemptId attemptId,
            ExecutorAllocator executorAllocator,
            String amHost,
            DriverRuntime driverRuntime)
    {
        this.hadoopConfiguration = requireNonNull(hadoopConfiguration, "hadoopConfiguration is null");
        this.conf = requireNonNull(conf, "conf is null");
        this.attemptId = requireNonNull(attemptId, "attemptId is null");
        this.executorAllocator = requireNonNull(executorAllocator, "executorAllocator is null");
        this.amHost = requireNonNull(amHost, "amHost is null");
        this.driverRuntime = driverRuntime;
    }

    /** The context of this ApplicationMaster, or empty outside one. */
    public static Optional<YarnClusterContext> current()
    {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Makes {@code context} the {@link #current()} one; called by the ApplicationMaster, once. */
    public static void install(YarnClusterContext context)
    {
        requireNonNull(context, "context is null");
        if (!CURRENT.compareAndSet(null, context)) {
            throw new IllegalStateException("a YarnClusterContext is already installed in this JVM");
        }
    }

    /** Removes {@code context} if it is the current one. */
    public static void uninstall(YarnClusterContext context)
    {
        CURRENT.compareAndSet(context, null);
    }

    /** The cluster's configuration as the submitting client saw it, with the node's own settings beneath. */
    public Configuration hadoopConfiguration()
    {
        return hadoopConfiguration;
    }

    /** The application's Spindle settings, as submitted (defaults are not filled in). */
    public SpindleConf conf()
    {
        return conf;
    }

    public ApplicationAttemptId attemptId()
    {
        return attemptId;
    }

    public ApplicationId applicationId()
    {
        return attemptId.getApplicationId();
    }

    public ExecutorAllocator executorAllocator()
    {
        return executorAllocator;
    }

    /** The host the ApplicationMaster runs on, where the driver's RPC endpoint should listen. */
    public String amHost()
    {
        return amHost;
    }

    public Optional<DriverRuntime> driverRuntime()
    {
        return Optional.ofNullable(driverRuntime);
    }

    /** Sets where the application's progress (0 to 1) comes from; the ResourceManager asks at every heartbeat. */
    public void setProgress(DoubleSupplier progress)
    {
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** The driver's progress, kept within [0, 1]; {@link #DEFAULT_PROGRESS} when the supplier fails. */
    public double progress()
    {
        double value;
        try {
            value = progress.getAsDouble();
        }
        catch (RuntimeException e) {
            if (!progressFailureLogged) {
                progressFailureLogged = true;
                LOG.warn("The driver's progress supplier failed; reporting {} (logged once)", DEFAULT_PROGRESS, e);
            }
            return DEFAULT_PROGRESS;
        }
        if (Double.isNaN(value)) {
            return DEFAULT_PROGRESS;
        }
        return Math.max(0, Math.min(1, value));
    }
}
