package io.spindle.client.submit;

import io.spindle.am.AmConfig;
import io.spindle.am.ApplicationMaster;
import io.spindle.am.yarn.ContainerCommands;
import io.spindle.am.yarn.StagingLayout;
import io.spindle.am.yarn.SubmittedApplication;
import io.spindle.conf.SpindleConf;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.protocolrecords.GetNewApplicationResponse;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.client.util.YarnClientUtils;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Submits Spindle applications to YARN and follows them to their end. It stages the application's files in
 * {@code <home>/.spindleStaging/<appId>} (readable by the user only), asks the ResourceManager for an
 * ApplicationMaster container running {@link ApplicationMaster}, and deletes the staging directory once
 * the application has ended or been killed. Thread-safe.
 */
public final class YarnSubmitter
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(YarnSubmitter.class);

    public static final String APPLICATION_TYPE = "SPINDLE";
    private static final FsPermission STAGING_PERMISSION = new FsPermission((short) 0700);
    private static final Set<YarnApplicationState> ENDED = EnumSet.of(
            YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);

    private final Configuration hadoopConf;
    private final Duration reportInterval;
    private final YarnClient yarnClient;

    public YarnSubmitter(Configuration hadoopConf)
    {
        this(hadoopConf, Duration.ofMillis(500));
    }

    /**
     * @param hadoopConf the cluster to submit to: the ResourceManager and the default file system
     * @param reportInterval how often {@link #awaitCompletion} asks the ResourceManager for a report
     */
    public YarnSubmitter(Configuration hadoopConf, Duration reportInterval)
    {
        this.hadoopConf = new Configuration(requireNonNull(hadoopConf, "hadoopConf is null"));
        this.reportInterval = requireNonNull(reportInterval, "reportInterval is null");
        this.yarnClient = YarnClient.createYarnClient();
        yarnClient.init(this.hadoopConf);
        yarnClient.start();
    }

    /** Stages {@code request}'s files and submits it; returns once the ResourceManager accepted the submission. */
    public ApplicationId submit(SubmitRequest request)
            throws IOException
    {
        if (!Files.isRegularFile(request.appJar())) {
            throw new IllegalArgumentException("application jar " + request.appJar().toAbsolutePath() + " does not exist or is not a file");
        }
        SpindleConf conf = request.effectiveConf();
        YarnClientApplication application = call("create an application", yarnClient::createApplication);
        GetNewApplicationResponse response = application.getNewApplicationResponse();
        ApplicationId appId = response.getApplicationId();
        Resource amResource = Resource.newInstance(
                AmConfig.containerMegabytes(request.driverMemoryBytes(), AmConfig.driverMemoryOverhead(conf)), 1);
        Resource executorResource = Resource.newInstance(
                AmConfig.containerMegabytes(request.executorMemoryBytes(), AmConfig.executorMemoryOverhead(conf)), request.executorCores());
        checkFits("the driver (ApplicationMaster)", amResource, response.getMaximumResourceCapability(), "--driver-memory");
        checkFits("each executor", executorResource, response.getMaximumResourceCapability(), "--executor-memory or --executor-cores");

        ContainerClasspath classpath = containerClasspath(conf);
        conf.set(AmConfig.YARN_CONTAINER_CLASSPATH, classpath.classpath());
        if (conf.get(AmConfig.YARN_JAVA_HOME).isBlank() && classpath.usesThisMachinesClasspath()) {
            conf.set(AmConfig.YARN_JAVA_HOME, System.getProperty("java.home"));
        }

        FileSystem fs = FileSystem.get(hadoopConf);
        Path stagingDir = StagingLayout.stagingDir(fs, appId);
        conf.set(AmConfig.YARN_STAGING_DIR, stagingDir.toString());
        try {
            Map<String, LocalResource> resources = stage(fs, stagingDir, request, conf, classpath);
            ContainerLaunchContext amContainer = ContainerLaunchContext.newInstance(
                    resources,
                    ContainerCommands.environment(classpath.classpath()),
                    ContainerCommands.javaCommand(conf.get(AmConfig.YARN_JAVA_HOME), request.driverMemoryBytes(), amJvmOptions(conf),
                            ApplicationMaster.class.getName(), List.of()),
                    null,
                    credentials(fs),
                    null);

            ApplicationSubmissionContext submission = application.getApplicationSubmissionContext();
            submission.setApplicationName(request.appName());
            submission.setApplicationType(APPLICATION_TYPE);
            submission.setQueue(request.queue());
            submission.setResource(amResource);
            submission.setAMContainerSpec(amContainer);
            submission.setMaxAppAttempts(conf.get(AmConfig.YARN_MAX_APP_ATTEMPTS));
            submission.setKeepContainersAcrossApplicationAttempts(false);
            call("submit " + appId, () -> yarnClient.submitApplication(submission));
        }
        catch (IOException | RuntimeException e) {
            deleteStagingDir(appId);
            throw e;
        }
        LOG.info("Submitted {} ({} {}) to queue {}; ApplicationMaster container {}", appId, request.mainClass(), request.appArgs(),
                request.queue(), amResource);
        return appId;
    }

    /** The ResourceManager's current report of {@code appId}. */
    public ApplicationReport report(ApplicationId appId)
            throws IOException
    {
        return call("get the report of " + appId, () -> yarnClient.getApplicationReport(appId));
    }

    /**
     * Waits until {@code appId} has ended, telling {@code progressSink} a line whenever its state or progress
     * changes, then deletes its staging directory.
     */
    public ApplicationOutcome awaitCompletion(ApplicationId appId, Consumer<String> progressSink)
            throws IOException, InterruptedException
    {
        YarnApplicationState lastState = null;
        int lastPercent = -1;
        while (true) {
            ApplicationReport report = report(appId);
            YarnApplicationState state = report.getYarnApplicationState();
            int percent = Math.round(report.getProgress() * 100);
            if (ENDED.contains(state)) {
                progressSink.accept(appId + " " + state + " with final status " + report.getFinalApplicationStatus());
                deleteStagingDir(appId);
                return new ApplicationOutcome(appId, state, report.getFinalApplicationStatus(), report.getDiagnostics(),
                        report.getTrackingUrl());
            }
            if (state != lastState || (state == YarnApplicationState.RUNNING && percent != lastPercent)) {
                progressSink.accept(state == YarnApplicationState.RUNNING
                        ? String.format(Locale.ROOT, "%s %s (progress %d%%)", appId, state, percent)
                        : appId + " " + state);
                lastState = state;
                lastPercent = percent;
            }
            Thread.sleep(reportInterval.toMillis());
        }
    }

    /** Kills {@code appId} and deletes its staging directory. */
    public void kill(ApplicationId appId)
            throws IOException
    {
        call("kill " + appId, () -> {
            yarnClient.killApplication(appId);
            return null;
        });
        LOG.info("Killed {}", appId);
        deleteStagingDir(appId);
    }

    /** Where {@code appId}'s files are staged while it runs. */
    public Path stagingDir(ApplicationId appId)
            throws IOException
    {
        return StagingLayout.stagingDir(FileSystem.get(hadoopConf), appId);
    }

    @Override
    public void close()
    {
        yarnClient.stop();
    }

    private ContainerClasspath containerClasspath(SpindleConf conf)
    {
        String configured = conf.get(AmConfig.YARN_CONTAINER_CLASSPATH);
        if (!configured.isBlank()) {
            return new ContainerClasspath(Optional.empty(), configured);
        }
        ContainerClasspath classpath = ContainerClasspath.detect(YarnSubmitter.class, hadoopConf);
        if (classpath.usesThisMachinesClasspath()) {
            LOG.info("Spindle runs from class directories, not a jar: containers get this JVM's class path and Java, "
                    + "which works only on a cluster running on this machine");
        }
        else {
            LOG.info("Containers run Spindle from {}", classpath.spindleJar().orElseThrow());
        }
        return classpath;
    }

    private Map<String, LocalResource> stage(FileSystem fs, Path stagingDir, SubmitRequest request, SpindleConf conf, ContainerClasspath classpath)
            throws IOException
    {
        if (!FileSystem.mkdirs(fs, stagingDir, STAGING_PERMISSION)) {
            throw new IOException("could not create the staging directory " + stagingDir);
        }
        fs.copyFromLocalFile(false, true, new Path(request.appJar().toAbsolutePath().toUri()), new Path(stagingDir, StagingLayout.APP_JAR));
        if (classpath.spindleJar().isPresent()) {
            fs.copyFromLocalFile(false, true, new Path(classpath.spindleJar().get().toUri()), new Path(stagingDir, StagingLayout.SPINDLE_JAR));
        }
        try (OutputStream out = fs.create(new Path(stagingDir, StagingLayout.SPINDLE_PROPERTIES), true)) {
            new SubmittedApplication(request.mainClass(), request.appArgs(), conf).write(out);
        }
        try (OutputStream out = fs.create(new Path(stagingDir, StagingLayout.HADOOP_CONF), true)) {
            hadoopConf.writeXml(out);
        }
        return StagingLayout.localResources(fs, stagingDir);
    }

    private static List<String> amJvmOptions(SpindleConf conf)
    {
        List<String> options = new ArrayList<>();
        options.add("-XX:+UseSerialGC");
        if (conf.get(AmConfig.YARN_FAST_STARTUP)) {
            options.add("-XX:TieredStopAtLevel=1");
        }
        return options;
    }

    /** Delegation tokens for the ApplicationMaster on a secure cluster; none otherwise. */
    private ByteBuffer credentials(FileSystem fs)
            throws IOException
    {
        if (!UserGroupInformation.isSecurityEnabled()) {
            return null;
        }
        Credentials credentials = new Credentials(UserGroupInformation.getCurrentUser().getCredentials());
        fs.addDelegationTokens(YarnClientUtils.getRmPrincipal(hadoopConf), credentials);
        try (DataOutputBuffer buffer = new DataOutputBuffer()) {
            credentials.writeTokenStorageToStream(buffer);
            return ByteBuffer.wrap(buffer.getData(), 0, buffer.getLength());
        }
    }

    private void deleteStagingDir(ApplicationId appId)
    {
        try {
            Path stagingDir = stagingDir(appId);
            if (FileSystem.get(hadoopConf).delete(stagingDir, true)) {
                LOG.info("Deleted the staging directory {}", stagingDir);
            }
        }
        catch (IOException e) {
            LOG.warn("Could not delete the staging directory of {}", appId, e);
        }
    }

    private static void checkFits(String who, Resource needed, Resource maximum, String option)
    {
        if (needed.getMemorySize() > maximum.getMemorySize() || needed.getVirtualCores() > maximum.getVirtualCores()) {
            throw new IllegalArgumentException(who + " needs a container of " + needed.getMemorySize() + " MB and "
                    + needed.getVirtualCores() + " vcores (heap + overhead), but this cluster grants at most "
                    + maximum.getMemorySize() + " MB and " + maximum.getVirtualCores()
                    + " vcores (yarn.scheduler.maximum-allocation-mb/-vcores); lower " + option);
        }
    }

    private interface YarnCall<T>
    {
        T call()
                throws IOException, YarnException;
    }

    private static <T> T call(String what, YarnCall<T> call)
            throws IOException
    {
        try {
            return call.call();
        }
        catch (YarnException e) {
            throw new IOException("could not " + what + ": " + e.getMessage(), e);
        }
    }
}
