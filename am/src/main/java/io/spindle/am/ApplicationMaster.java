package io.spindle.am;

import io.spindle.am.yarn.DriverRuntime;
import io.spindle.am.yarn.ExecutorAllocator;
import io.spindle.am.yarn.ResourceManagerSession;
import io.spindle.am.yarn.StagingLayout;
import io.spindle.am.yarn.SubmittedApplication;
import io.spindle.am.yarn.YarnClusterContext;
import io.spindle.conf.SpindleConf;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.security.AMRMTokenIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * The main class of Spindle's ApplicationMaster container. It reads what the client staged, starts the
 * driver's runtime, registers with the ResourceManager, runs the user's main class in a thread named
 * {@code driver}, and unregisters with SUCCEEDED when the main class returns or FAILED, with the exception's
 * stack trace as diagnostics, when it throws. A failing main class is not retried.
 */
public final class ApplicationMaster
{
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationMaster.class);

    /** The master the user's code sees in {@code spindle.master}. */
    public static final String YARN_MASTER = "yarn";

    /** Diagnostics longer than this are cut; YARN keeps them in the ResourceManager's memory and state store. */
    private static final int MAX_DIAGNOSTICS_CHARS = 16 * 1024;

    private record Outcome(FinalApplicationStatus status, String diagnostics)
    {
        static Outcome succeeded()
        {
            return new Outcome(FinalApplicationStatus.SUCCEEDED, "");
        }

        static Outcome failed(String diagnostics)
        {
            return new Outcome(FinalApplicationStatus.FAILED, diagnostics);
        }
    }

    private final Path workDir;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final AtomicBoolean unregistered = new AtomicBoolean();
    private volatile YarnClusterContext context;
    private volatile boolean shutdownRequested;

    public ApplicationMaster(Path workDir)
    {
        this.workDir = requireNonNull(workDir, "workDir is null");
    }

    public static void main(String[] args)
    {
        int exitCode;
        try {
            exitCode = new ApplicationMaster(Path.of("").toAbsolutePath()).run();
        }
        catch (Throwable e) {
            LOG.error("The ApplicationMaster failed", e);
            exitCode = 1;
        }
        // The user's code may have left non-daemon threads behind.
        System.exit(exitCode);
    }

    /** Runs the application to its end; returns the exit code of this JVM. */
    public int run()
            throws Exception
    {
        YarnConfiguration hadoopConf = new YarnConfiguration();
        Path hadoopConfFile = workDir.resolve(StagingLayout.HADOOP_CONF);
        if (!Files.isRegularFile(hadoopConfFile)) {
            throw new NoSuchFileException(hadoopConfFile.toString(), null, "the client stages it with the application; was this container started by spindle submit?");
        }
        hadoopConf.addResource(hadoopConfFile.toUri().toURL());
        SubmittedApplication application;
        try (InputStream in = Files.newInputStream(workDir.resolve(StagingLayout.SPINDLE_PROPERTIES))) {
            application = SubmittedApplication.read(in);
        }
        SpindleConf conf = application.conf();
        ApplicationAttemptId attemptId = attemptId();
        String amHost = amHost();
        LOG.info("ApplicationMaster of {} on {} runs {} {}", attemptId, amHost, application.mainClass(), application.args());
        exposeSettings(conf);
        String staged = conf.get(AmConfig.YARN_STAGING_DIR);
        if (staged.isBlank()) {
            throw new IllegalStateException(StagingLayout.SPINDLE_PROPERTIES + " has no " + AmConfig.YARN_STAGING_DIR.name()
                    + "; the client sets it when it stages the application");
        }

        ResourceManagerSession session = new ResourceManagerSession(
                hadoopConf,
                conf.get(AmConfig.YARN_AM_HEARTBEAT_INTERVAL),
                this::progress,
                new ResourceManagerSession.Listener()
                {
                    @Override
                    public void onShutdownRequest()
                    {
                        shutdownRequested = true;
                        outcome.complete(Outcome.failed("the ResourceManager shut the ApplicationMaster down"));
                    }

                    @Override
                    public void onError(Throwable error)
                    {
                        outcome.complete(Outcome.failed("the ApplicationMaster lost the ResourceManager: " + stackTrace(error)));
                    }
                });
        FileSystem fs = FileSystem.get(hadoopConf);
        org.apache.hadoop.fs.Path stagingDir = new org.apache.hadoop.fs.Path(staged);
        ExecutorAllocator allocator = new ExecutorAllocator(
                session, hadoopConf, conf, attemptId.getApplicationId(), StagingLayout.localResources(fs, stagingDir), executorTokens());
        Thread exitHook = new Thread(() -> unregisterOnEarlyExit(session, attemptId, conf), "am-exit-hook");
        Runtime.getRuntime().addShutdownHook(exitHook);

        Outcome result;
        boolean registered = false;
        DriverRuntime runtime = null;
        try {
            runtime = driverRuntime(conf);
            context = new YarnClusterContext(hadoopConf, conf, attemptId, allocator, amHost, runtime);
            YarnClusterContext.install(context);
            int rpcPort = -1;
            if (runtime != null) {
                rpcPort = runtime.start(context);
                allocator.setDriverAddress(amHost, rpcPort);
                LOG.info("Driver runtime {} listens on {}:{}", runtime.getClass().getName(), amHost, rpcPort);
            }
            session.register(amHost, rpcPort, "");
            registered = true;
            startDriver(application);
            result = awaitOutcome();
        }
        catch (Exception e) {
            LOG.error("The ApplicationMaster failed before the main class finished", e);
            result = Outcome.failed("the ApplicationMaster failed before " + application.mainClass() + " finished: " + stackTrace(e));
        }
        finally {
            stopQuietly(runtime);
            allocator.close();
        }

        if (!shutdownRequested) {
            if (!registered) {
                // The ResourceManager takes diagnostics only from a registered attempt.
                session.register(amHost, -1, "");
            }
            finish(session, result);
            deleteStagingDir(fs, stagingDir);
        }
        session.close();
        if (context != null) {
            YarnClusterContext.uninstall(context);
        }
        Runtime.getRuntime().removeShutdownHook(exitHook);
        return result.status() == FinalApplicationStatus.SUCCEEDED ? 0 : 1;
    }

    private double progress()
    {
        if (outcome.isDone()) {
            return 1.0;
        }
        YarnClusterContext current = context;
        return current == null ? 0 : current.progress();
    }

    private void startDriver(SubmittedApplication application)
    {
        Thread driver = new Thread(() -> {
            try {
                runMain(application);
                LOG.info("{} returned", application.mainClass());
                outcome.complete(Outcome.succeeded());
            }
            catch (Throwable e) {
                LOG.error("{} failed", application.mainClass(), e);
                outcome.complete(Outcome.failed("User class " + application.mainClass() + " failed: " + stackTrace(e)));
            }
        }, "driver");
        driver.setContextClassLoader(ClassLoader.getSystemClassLoader());
        driver.start();
    }

    private static void runMain(SubmittedApplication application)
            throws Throwable
    {
        Class<?> mainClass;
        try {
            mainClass = Class.forName(application.mainClass(), true, ClassLoader.getSystemClassLoader());
        }
        catch (ClassNotFoundException e) {
            throw new ClassNotFoundException("main class " + application.mainClass() + " is neither in " + StagingLayout.APP_JAR
                    + " nor on the container's class path; check --class and the application jar", e);
        }
        Method main;
        try {
            main = mainClass.getMethod("main", String[].class);
        }
        catch (NoSuchMethodException e) {
            throw new NoSuchMethodException(application.mainClass() + " has no public static void main(String[] args)");
        }
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new NoSuchMethodException(application.mainClass() + ".main(String[]) is not static");
        }
        try {
            main.invoke(null, (Object) application.args().toArray(String[]::new));
        }
        catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Outcome awaitOutcome()
            throws InterruptedException
    {
        try {
            return outcome.get();
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("the outcome is only ever completed normally", e);
        }
    }

    private void finish(ResourceManagerSession session, Outcome result)
            throws IOException
    {
        if (unregistered.compareAndSet(false, true)) {
            session.unregister(result.status(), truncate(result.diagnostics()));
        }
    }

    /**
     * When the JVM exits while the main class still runs (it called System.exit, or the container is being
     * stopped), the last attempt tells the ResourceManager the application failed rather than leave it guessing.
     */
    private void unregisterOnEarlyExit(ResourceManagerSession session, ApplicationAttemptId attemptId, SpindleConf conf)
    {
        if (unregistered.get() || shutdownRequested || attemptId.getAttemptId() < conf.get(AmConfig.YARN_MAX_APP_ATTEMPTS)) {
            return;
        }
        try {
            finish(session, Outcome.failed("the ApplicationMaster's JVM exited before the main class finished; "
                    + "the main class must return (or throw) rather than call System.exit"));
        }
        catch (IOException | RuntimeException e) {
            LOG.warn("Could not unregister while the JVM exits", e);
        }
    }

    private static void deleteStagingDir(FileSystem fs, org.apache.hadoop.fs.Path stagingDir)
    {
        try {
            fs.delete(stagingDir, true);
        }
        catch (IOException e) {
            LOG.warn("Could not delete the staging directory {}; the client deletes it too", stagingDir, e);
        }
    }

    private static DriverRuntime driverRuntime(SpindleConf conf)
            throws ReflectiveOperationException
    {
        String className = conf.get(AmConfig.DRIVER_RUNTIME_CLASS);
        Class<?> runtimeClass;
        try {
            runtimeClass = Class.forName(className, true, ClassLoader.getSystemClassLoader());
        }
        catch (ClassNotFoundException e) {
            if (conf.contains(AmConfig.DRIVER_RUNTIME_CLASS.name())) {
                throw new ClassNotFoundException(AmConfig.DRIVER_RUNTIME_CLASS.name() + " names " + className
                        + ", which is not on the container's class path", e);
            }
            LOG.warn("No driver runtime: {} is not on the class path, so executors have no driver to connect to", className);
            return null;
        }
        if (!DriverRuntime.class.isAssignableFrom(runtimeClass)) {
            throw new ClassCastException(AmConfig.DRIVER_RUNTIME_CLASS.name() + " names " + className
                    + ", which does not implement " + DriverRuntime.class.getName());
        }
        return (DriverRuntime) runtimeClass.getConstructor().newInstance();
    }

    private static void stopQuietly(DriverRuntime runtime)
    {
        if (runtime == null) {
            return;
        }
        try {
            runtime.stop();
        }
        catch (RuntimeException e) {
            LOG.warn("The driver runtime failed to stop", e);
        }
    }

    /** Makes the master and the application's settings visible as system properties, as in local mode. */
    private static void exposeSettings(SpindleConf conf)
    {
        conf.asMap().forEach(System::setProperty);
        System.setProperty("spindle.master", YARN_MASTER);
    }

    private static ApplicationAttemptId attemptId()
    {
        String containerId = System.getenv(Environment.CONTAINER_ID.name());
        if (containerId == null) {
            throw new IllegalStateException("environment variable " + Environment.CONTAINER_ID.name()
                    + " is not set: the ApplicationMaster runs only in a YARN container");
        }
        return ContainerId.fromString(containerId).getApplicationAttemptId();
    }

    private static String amHost()
            throws IOException
    {
        String nodeHost = System.getenv(Environment.NM_HOST.name());
        if (nodeHost != null && !nodeHost.isBlank()) {
            return nodeHost;
        }
        return InetAddress.getLocalHost().getCanonicalHostName();
    }

    /** This attempt's credentials without its own AMRM token, which executors must not hold. */
    private static ByteBuffer executorTokens()
            throws IOException
    {
        Credentials credentials = new Credentials();
        UserGroupInformation.getCurrentUser().getCredentials().getTokenMap().forEach((alias, token) -> {
            if (!AMRMTokenIdentifier.KIND_NAME.equals(token.getKind())) {
                credentials.addToken(alias, token);
            }
        });
        try (DataOutputBuffer buffer = new DataOutputBuffer()) {
            credentials.writeTokenStorageToStream(buffer);
            return ByteBuffer.wrap(buffer.getData(), 0, buffer.getLength());
        }
    }

    private static String stackTrace(Throwable error)
    {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String truncate(String diagnostics)
    {
        if (diagnostics.length() <= MAX_DIAGNOSTICS_CHARS) {
            return diagnostics;
        }
        return diagnostics.substring(0, MAX_DIAGNOSTICS_CHARS) + "\n\t... (cut; the full trace is in the ApplicationMaster's stderr)";
    }
}
