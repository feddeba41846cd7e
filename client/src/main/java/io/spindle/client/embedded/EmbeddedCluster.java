package io.spindle.client.embedded;

import io.spindle.shuffle.ShuffleServiceMetadata;
import io.spindle.shuffle.server.ShuffleServiceConfig;
import io.spindle.shuffle.server.SpindleShuffleService;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * A one-machine cluster in this JVM: HDFS with one DataNode and YARN with one ResourceManager and two
 * NodeManagers, each NodeManager running Spindle's {@value ShuffleServiceMetadata#SERVICE_NAME} auxiliary
 * service on a port of its own. Its Hadoop installation is this JVM's class path, which it advertises as
 * {@code yarn.application.classpath}; its containers run this JVM's Java. For demos and integration tests;
 * it needs hadoop-minicluster and Hadoop's test jars on the class path. Not thread-safe.
 */
public final class EmbeddedCluster
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCluster.class);

    private static final String NAME = "spindle-embedded";
    private static final String SHUFFLE_JAR_GLOB = "spindle-shuffle-aux-service-*-nm.jar";
    private static final int NODE_MANAGERS = 2;
    private static final int NODE_MANAGER_MEMORY_MB = 4096;
    /** MiniYARNCluster finds its working directory only through this system property. */
    private static final String TEST_DATA_DIR_PROPERTY = "test.build.data";

    private final Path baseDir;
    private final MiniDFSCluster dfs;
    private final MiniYARNCluster yarn;
    private final Configuration configuration;

    private EmbeddedCluster(Path baseDir, MiniDFSCluster dfs, MiniYARNCluster yarn, Configuration configuration)
    {
        this.baseDir = baseDir;
        this.dfs = dfs;
        this.yarn = yarn;
        this.configuration = configuration;
    }

    /** Starts a cluster in {@code target/embedded-cluster} when run from a build directory, else in a new temporary directory. */
    public static EmbeddedCluster start()
            throws IOException
    {
        return builder().start();
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /** A copy of the cluster's configuration, with the real addresses of HDFS and the ResourceManager. */
    public Configuration configuration()
    {
        return new YarnConfiguration(configuration);
    }

    /** Where the cluster keeps its data and logs. */
    public Path baseDir()
    {
        return baseDir;
    }

    /** Where the NodeManagers write container logs, one {@code *-logDir-nm-*} directory each. */
    public Path containerLogsDir()
    {
        return yarn.getTestWorkDir().toPath().toAbsolutePath();
    }

    /** Writes the configuration as core-site.xml and yarn-site.xml into {@code dir}, for HADOOP_CONF_DIR. */
    public void writeConfigurationDir(Path dir)
            throws IOException
    {
        Files.createDirectories(dir);
        for (String file : new String[] {"core-site.xml", "yarn-site.xml"}) {
            try (OutputStream out = Files.newOutputStream(dir.resolve(file))) {
                configuration.writeXml(out);
            }
        }
    }

    @Override
    public void close()
    {
        long started = System.nanoTime();
        try {
            yarn.stop();
        }
        finally {
            dfs.shutdown();
        }
        LOG.info("Stopped the embedded cluster in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Starts a cluster and keeps it up until Ctrl-C; the first argument, if any, is its base directory. */
    public static void main(String[] args)
            throws Exception
    {
        Builder builder = builder();
        if (args.length > 0) {
            builder.baseDir(Path.of(args[0]));
        }
        EmbeddedCluster cluster = builder.start();
        Path confDir = cluster.baseDir().resolve("conf");
        cluster.writeConfigurationDir(confDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }, "embedded-cluster-stop"));
        System.out.println("Embedded cluster is up: fs.defaultFS=" + cluster.configuration().get(CommonConfigurationKeysPublic.FS_DEFAULT_NAME_KEY)
                + ", ResourceManager " + cluster.configuration().get(YarnConfiguration.RM_ADDRESS));
        System.out.println("HADOOP_CONF_DIR=" + confDir.toAbsolutePath());
        System.out.println("Container logs: " + cluster.containerLogsDir());
        System.out.println("Press Ctrl-C to stop it.");
        stopped.await();
    }

    /** Chooses where the cluster lives and how it keeps logs; {@link #start} starts it. */
    public static final class Builder
    {
        private Path baseDir;
        private boolean keepContainerLogs;

        private Builder()
        {
        }

        public Builder baseDir(Path baseDir)
        {
            this.baseDir = requireNonNull(baseDir, "baseDir is null");
            return this;
        }

        /**
         * Keeps container logs after their application ends (for an hour rather than a second); stopping the
         * cluster then takes about ten seconds longer per NodeManager.
         */
        public Builder keepContainerLogs(boolean keepContainerLogs)
        {
            this.keepContainerLogs = keepContainerLogs;
            return this;
        }

        /** Starts HDFS, then YARN; takes 10 to 20 seconds. The directory's earlier contents are deleted. */
        public EmbeddedCluster start()
                throws IOException
        {
            Path dir = (baseDir != null ? baseDir : defaultBaseDir()).toAbsolutePath();
            Files.createDirectories(dir);
            long started = System.nanoTime();

            Configuration conf = new YarnConfiguration();
            MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf, dir.resolve("dfs").toFile())
                    .numDataNodes(1)
                    .build();
            MiniYARNCluster yarn = null;
            try {
                dfs.waitActive();
                conf.set(CommonConfigurationKeysPublic.FS_DEFAULT_NAME_KEY, dfs.getURI().toString());
                configureYarn(conf, keepContainerLogs);
                // MiniYARNCluster makes a new working directory at every start and never deletes the old ones.
                FileUtil.fullyDelete(dir.resolve("yarn").toFile());
                yarn = newYarnCluster(dir.resolve("yarn"));
                yarn.init(conf);
                yarn.start();
                if (!yarn.waitForNodeManagersToConnect(60_000)) {
                    throw new IOException("the embedded cluster's NodeManagers did not connect to the ResourceManager within 60 s");
                }
            }
            catch (IOException | RuntimeException | YarnException | InterruptedException e) {
                if (yarn != null) {
                    yarn.stop();
                }
                dfs.shutdown();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw e instanceof IOException io ? io : new IOException("could not start the embedded cluster: " + e.getMessage(), e);
            }
            EmbeddedCluster cluster = new EmbeddedCluster(dir, dfs, yarn, yarn.getConfig());
            LOG.info("Embedded cluster started in {} ms: fs.defaultFS={}, ResourceManager {}, container logs in {}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    cluster.configuration.get(CommonConfigurationKeysPublic.FS_DEFAULT_NAME_KEY),
                    cluster.configuration.get(YarnConfiguration.RM_ADDRESS),
                    cluster.containerLogsDir());
            return cluster;
        }

        private static void configureYarn(Configuration conf, boolean keepContainerLogs)
        {
            conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
            conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, NODE_MANAGER_MEMORY_MB);
            conf.setInt("yarn.minicluster." + YarnConfiguration.NM_PMEM_MB, NODE_MANAGER_MEMORY_MB);
            conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.5f);
            conf.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 250);
            conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
            conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
            conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 99.0f);
            // NodeManagers otherwise wait for scheduled log deletions and slow kills when they stop: about 17 s each.
            conf.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, keepContainerLogs ? 3600 : 1);
            conf.setLong(YarnConfiguration.NM_SLEEP_DELAY_BEFORE_SIGKILL_MS, 100);
            conf.setLong(YarnConfiguration.NM_PROCESS_KILL_WAIT_MS, 1000);

            // Only Spindle's service: mapreduce_shuffle is not on this class path.
            conf.set(YarnConfiguration.NM_AUX_SERVICES, ShuffleServiceMetadata.SERVICE_NAME);
            conf.set(String.format(YarnConfiguration.NM_AUX_SERVICE_FMT, ShuffleServiceMetadata.SERVICE_NAME),
                    SpindleShuffleService.class.getName());
            isolatedShuffleServiceJar().ifPresentOrElse(
                    jar -> conf.set(String.format(YarnConfiguration.NM_AUX_SERVICES_CLASSPATH, ShuffleServiceMetadata.SERVICE_NAME), jar.toString()),
                    () -> LOG.info("No {} jar beside {}: NodeManagers load the shuffle service from this JVM's class path",
                            SHUFFLE_JAR_GLOB, SpindleShuffleService.class.getProtectionDomain().getCodeSource().getLocation()));
            // Both NodeManagers run on this machine, so each service takes a free port and publishes it.
            conf.setInt(ShuffleServiceConfig.PORT, 0);

            conf.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH,
                    String.join(",", System.getProperty("java.class.path").split(File.pathSeparator)));
            if (System.getenv("JAVA_HOME") == null) {
                // Containers inherit the NodeManager's JAVA_HOME; this JVM has none to pass on, so give them its Java.
                conf.set(YarnConfiguration.NM_ADMIN_USER_ENV,
                        YarnConfiguration.DEFAULT_NM_ADMIN_USER_ENV + ",JAVA_HOME=" + System.getProperty("java.home"));
            }
        }

        /**
         * The shuffle service's shaded jar that a build puts beside its classes: NodeManagers load it in a class
         * loader of its own, through {@code aux-services.spindle_shuffle.classpath}, as on a real cluster.
         */
        private static Optional<Path> isolatedShuffleServiceJar()
        {
            try {
                Path source = Path.of(SpindleShuffleService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                // beside the jar, or in target/ when the classes come from target/classes
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(source.getParent(), SHUFFLE_JAR_GLOB)) {
                    for (Path jar : jars) {
                        return Optional.of(jar.toAbsolutePath());
                    }
                }
                return Optional.empty();
            }
            catch (URISyntaxException | IOException e) {
                return Optional.empty();
            }
        }

        private static MiniYARNCluster newYarnCluster(Path workDir)
        {
            String previous = System.getProperty(TEST_DATA_DIR_PROPERTY);
            System.setProperty(TEST_DATA_DIR_PROPERTY, workDir.toString());
            try {
                return new MiniYARNCluster(NAME, 1, NODE_MANAGERS, 1, 1);
            }
            finally {
                if (previous == null) {
                    System.clearProperty(TEST_DATA_DIR_PROPERTY);
                }
                else {
                    System.setProperty(TEST_DATA_DIR_PROPERTY, previous);
                }
            }
        }

        private static Path defaultBaseDir()
                throws IOException
        {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                return target.resolve("embedded-cluster");
            }
            return Files.createTempDirectory(NAME + "-");
        }
    }
}
