package io.spindle.benchmarks.tpch;

import io.spindle.client.embedded.EmbeddedCluster;
import io.spindle.client.submit.AppJars;
import io.spindle.client.submit.ApplicationOutcome;
import io.spindle.client.submit.SubmitRequest;
import io.spindle.client.submit.YarnSubmitter;
import io.spindle.conf.ConfigKey;
import org.apache.hadoop.yarn.api.records.ApplicationId;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The Spindle on YARN engine's JVM: starts Spindle's embedded one-machine cluster in this JVM (HDFS, and YARN with
 * two NodeManagers running the shuffle service; containers are real processes), submits one application whose
 * driver, {@link SpindleYarnDriver}, measures every query with the executors kept up across them, and waits for
 * it to end. Submission goes through Spindle's own client ({@link YarnSubmitter}), as {@code spindle demo} does.
 * The driver writes the run file itself; this JVM forwards the driver's progress lines from the ApplicationMaster's
 * stdout while it runs.
 *
 * <p>Options: those of {@link EngineMain} ({@code --data --queries --runs --timeout --out}), and
 * {@code --executors 2}, {@code --executor-cores 1}, {@code --executor-memory 1536m}, {@code --driver-memory 1g};
 * {@code --cluster-dir <dir>} where the cluster keeps its data and container logs (default: beside {@code --out});
 * {@code --phases <file>} to append the cluster's start, the application and the cluster's stop to, as the run
 * script's phases. Exits with status 0 once the application succeeded, else 1: the run file then holds the
 * queries the driver finished.
 */
public final class SpindleYarnTpch
{
    static final String ENGINE = "spindle-yarn";

    /** Two executors of one core each: two tasks at once, as local[2]; their heaps add up to the -Xmx3g of the local engine's JVM. */
    static final int EXECUTORS = 2;
    static final int EXECUTOR_CORES = 1;
    static final String EXECUTOR_MEMORY = "1536m";
    static final String DRIVER_MEMORY = "1g";
    /** Time allowed, beyond the queries' own timeouts, for the application to start, set up and end. */
    private static final Duration ALLOWANCE = Duration.ofMinutes(10);

    private SpindleYarnTpch()
    {
    }

    public static void main(String[] args)
    {
        int status;
        try {
            status = run(args) ? 0 : 1;
        }
        catch (Throwable failure) {
            System.err.println(ENGINE + " failed:");
            failure.printStackTrace();
            status = 1;
        }
        System.err.flush();
        // Hadoop's services leave non-daemon threads behind
        System.exit(status);
    }

    private static boolean run(String[] args)
            throws Exception
    {
        Arguments arguments = Arguments.parse(ENGINE, args, Set.of("data", "queries", "runs", "timeout", "out",
                "executors", "executor-cores", "executor-memory", "driver-memory", "cluster-dir", "phases"));
        Path data = Path.of(arguments.required("data")).toAbsolutePath();
        List<String> queries = arguments.list("queries");
        int runs = arguments.positiveInt("runs", 3);
        int timeout = arguments.positiveInt("timeout", 300);
        Path out = Path.of(arguments.required("out")).toAbsolutePath();
        int executors = arguments.positiveInt("executors", EXECUTORS);
        int executorCores = arguments.positiveInt("executor-cores", EXECUTOR_CORES);
        long executorMemory = ConfigKey.parseBytes("--executor-memory", arguments.optional("executor-memory", EXECUTOR_MEMORY));
        long driverMemory = ConfigKey.parseBytes("--driver-memory", arguments.optional("driver-memory", DRIVER_MEMORY));
        Path clusterDir = Path.of(arguments.optional("cluster-dir", out.resolveSibling(ENGINE + "-cluster").toString())).toAbsolutePath();
        Optional<Path> phases = Optional.ofNullable(arguments.optional("phases", null)).map(Path::of);
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException(ENGINE + ": no TPC-H data directory at " + data);
        }
        Files.deleteIfExists(out);

        long start = System.nanoTime();
        EmbeddedCluster cluster = EmbeddedCluster.builder().baseDir(clusterDir).keepContainerLogs(true).start();
        AtomicBoolean closed = new AtomicBoolean();
        // An interrupted run (Ctrl-C) stops the NodeManagers, which kill the containers they started.
        Thread closeOnExit = new Thread(() -> close(cluster, closed), "embedded-cluster-stop");
        Runtime.getRuntime().addShutdownHook(closeOnExit);
        long clusterUp = System.nanoTime();
        progress("embedded cluster up in %.1f s; container logs under %s", seconds(clusterUp - start), cluster.containerLogsDir());
        appendPhase(phases, "Spindle on YARN: embedded cluster start", clusterUp - start, "HDFS, YARN with 2 NodeManagers and the shuffle service, in its JVM");

        ApplicationOutcome outcome;
        try (YarnSubmitter submitter = new YarnSubmitter(cluster.configuration(), Duration.ofMillis(250))) {
            SubmitRequest request = SubmitRequest.builder(SpindleYarnDriver.class.getName(), AppJars.forClasses(clusterDir.resolve("jars"), SpindleYarnDriver.class))
                    .appName("spindle-tpch-benchmark")
                    .appArgs(List.of("--data", data.toString(), "--queries", String.join(",", queries), "--runs", Integer.toString(runs),
                            "--timeout", Integer.toString(timeout), "--out", out.toString()))
                    .executorInstances(executors)
                    .executorCores(executorCores)
                    .executorMemoryBytes(executorMemory)
                    .driverMemoryBytes(driverMemory)
                    .build();
            ApplicationId appId = submitter.submit(request);
            progress("submitted %s: %d executors of %d core%s and %s heap, driver heap %s", appId, executors, executorCores,
                    executorCores == 1 ? "" : "s", arguments.optional("executor-memory", EXECUTOR_MEMORY), arguments.optional("driver-memory", DRIVER_MEMORY));
            Duration limit = ALLOWANCE.plusSeconds((long) timeout * (runs + 1) * queries.size());
            Thread watchdog = watchdog(submitter, appId, limit);
            DriverOutput driverOutput = new DriverOutput(cluster.containerLogsDir(), appId);
            Thread forwarder = driverOutput.start();
            try {
                // the application's states, for the log; not its progress, which moves with every job
                outcome = submitter.awaitCompletion(appId, line -> {
                    if (!line.contains("(progress ")) {
                        System.err.println(ENGINE + ": " + line);
                    }
                });
            }
            finally {
                watchdog.interrupt();
                driverOutput.stop(forwarder);
            }
        }
        long applicationEnded = System.nanoTime();
        appendPhase(phases, "Spindle on YARN: application", applicationEnded - clusterUp,
                "submission, ApplicationMaster and executor start, driver set-up, warm-ups and timed runs; " + outcome.state() + "/" + outcome.finalStatus());

        close(cluster, closed);
        Runtime.getRuntime().removeShutdownHook(closeOnExit);
        appendPhase(phases, "Spindle on YARN: embedded cluster stop", System.nanoTime() - applicationEnded, "container logs kept, under " + cluster.containerLogsDir());

        if (!outcome.succeeded()) {
            System.err.println(ENGINE + ": application " + outcome.applicationId() + " ended " + outcome.state() + " with final status "
                    + outcome.finalStatus() + (Files.exists(out) ? "; the run file holds the queries it finished" : "; it left no run file")
                    + ". Container logs: " + cluster.containerLogsDir() + ". Diagnostics:");
            System.err.println(outcome.diagnostics());
            return false;
        }
        if (!Files.exists(out)) {
            System.err.println(ENGINE + ": application " + outcome.applicationId() + " succeeded but wrote no run file at " + out);
            return false;
        }
        return true;
    }

    /** Kills the application once it has run longer than {@code limit}: a driver that hangs cannot hold up the benchmark. */
    private static Thread watchdog(YarnSubmitter submitter, ApplicationId appId, Duration limit)
    {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
            }
            catch (InterruptedException e) {
                return;
            }
            System.err.println(ENGINE + ": " + appId + " ran longer than " + limit.toSeconds() + " s; killing it");
            try {
                submitter.kill(appId);
            }
            catch (IOException e) {
                System.err.println(ENGINE + ": could not kill " + appId + ": " + e.getMessage());
            }
        }, "application-watchdog");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void close(EmbeddedCluster cluster, AtomicBoolean closed)
    {
        if (closed.compareAndSet(false, true)) {
            cluster.close();
        }
    }

    private static void appendPhase(Optional<Path> phases, String name, long nanos, String note)
            throws IOException
    {
        if (phases.isPresent()) {
            Files.writeString(phases.get(), name + "\t" + nanos / 1_000_000 + "\t" + note + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static void progress(String format, Object... args)
    {
        System.out.printf(Locale.ROOT, "  [%s] %s%n", ENGINE, String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private static double seconds(long nanos)
    {
        return nanos / 1e9;
    }

    /**
     * Copies what the driver prints (its progress lines) from the ApplicationMaster container's stdout, under the
     * NodeManagers' log directories, to this JVM's stdout while the application runs. Output it cannot find is
     * not an error: the run file is what counts.
     */
    private static final class DriverOutput
    {
        private static final long POLL_MILLIS = 500;

        private final Path logsDir;
        private final ApplicationId appId;
        private volatile boolean stopping;
        private Path file;
        private long offset;

        DriverOutput(Path logsDir, ApplicationId appId)
        {
            this.logsDir = logsDir;
            this.appId = appId;
        }

        Thread start()
        {
            Thread thread = new Thread(() -> {
                while (!stopping) {
                    copyNewLines();
                    try {
                        Thread.sleep(POLL_MILLIS);
                    }
                    catch (InterruptedException e) {
                        break;
                    }
                }
                copyNewLines();
            }, "driver-output");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        void stop(Thread thread)
                throws InterruptedException
        {
            stopping = true;
            thread.join(5_000);
        }

        private void copyNewLines()
        {
            try {
                if (file == null) {
                    file = find().orElse(null);
                    if (file == null) {
                        return;
                    }
                }
                try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                    if (in.length() <= offset) {
                        return;
                    }
                    byte[] bytes = new byte[Math.toIntExact(in.length() - offset)];
                    in.seek(offset);
                    in.readFully(bytes);
                    // whole lines only: the rest comes with the next poll
                    int end = lastNewline(bytes);
                    if (end < 0) {
                        return;
                    }
                    System.out.write(bytes, 0, end + 1);
                    System.out.flush();
                    offset += end + 1;
                }
            }
            catch (IOException | RuntimeException e) {
                // the NodeManager may be creating or deleting the directory; try again at the next poll
            }
        }

        /** {@code <logs>/<nm log dir>/<appId>/<the first container, the ApplicationMaster's>/stdout}. */
        private Optional<Path> find()
                throws IOException
        {
            if (!Files.isDirectory(logsDir)) {
                return Optional.empty();
            }
            try (Stream<Path> files = Files.find(logsDir, 6, (path, attributes) -> attributes.isRegularFile()
                    && path.getFileName().toString().equals("stdout")
                    && path.getParent().getFileName().toString().endsWith("_000001")
                    && path.getParent().getParent().getFileName().toString().equals(appId.toString()))) {
                return files.findFirst();
            }
        }

        private static int lastNewline(byte[] bytes)
        {
            for (int i = bytes.length - 1; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
