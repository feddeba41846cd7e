package io.spindle.it;

import io.spindle.client.SpindleCli;
import io.spindle.client.embedded.EmbeddedCluster;
import io.spindle.client.submit.ApplicationOutcome;
import io.spindle.client.submit.SubmitRequest;
import io.spindle.client.submit.YarnSubmitter;
import io.spindle.it.apps.ExecutorsApp;
import io.spindle.it.apps.FailingApp;
import io.spindle.it.apps.SleepingApp;
import io.spindle.it.apps.WriteMarkerApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Submits applications to an embedded HDFS + YARN cluster, the way {@code spindle submit} does on a real one:
 * the ApplicationMaster runs the user's main class, launches executor containers with the shuffle service,
 * and reports success or the user's exception back to the client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class YarnSubmissionTest
{
    /** Small, quick-starting containers: two cores run this whole class. */
    private static final long DRIVER_MEMORY = 256L << 20;

    private EmbeddedCluster cluster;
    private YarnSubmitter submitter;
    private FileSystem fs;
    private Path appJar;

    @BeforeAll
    void startCluster(@TempDir Path tempDir)
            throws IOException, URISyntaxException
    {
        cluster = EmbeddedCluster.builder().baseDir(Path.of("target", "embedded-cluster")).start();
        submitter = new YarnSubmitter(cluster.configuration(), Duration.ofMillis(200));
        fs = FileSystem.get(cluster.configuration());
        appJar = writeAppJar(tempDir.resolve("apps.jar"));
    }

    @AfterAll
    void stopCluster()
    {
        if (submitter != null) {
            submitter.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void succeedingAppWritesItsMarkerAndLeavesNoStagingDir()
            throws Exception
    {
        org.apache.hadoop.fs.Path marker = newHdfsPath("marker");
        List<String> progress = new CopyOnWriteArrayList<>();

        ApplicationId appId = submitter.submit(request(WriteMarkerApp.class).appArgs(List.of(marker.toString(), "two words")).build());
        assertEquals(new FsPermission((short) 0700), fs.getFileStatus(submitter.stagingDir(appId)).getPermission(),
                "the staging directory exists while the application runs, readable by its user only");
        ApplicationOutcome outcome = submitter.awaitCompletion(appId, progress::add);

        assertTrue(outcome.succeeded(), () -> outcome + "\n" + progress);
        assertEquals("master=yarn\nargs=" + marker + "|two words\n", read(marker));
        assertFalse(fs.exists(submitter.stagingDir(appId)), "the staging directory is deleted at the end");
        assertTrue(progress.get(progress.size() - 1).endsWith("FINISHED with final status SUCCEEDED"), progress.toString());
        assertEquals("SPINDLE", submitter.report(appId).getApplicationType());
    }

    @Test
    void failingAppReportsTheUsersExceptionAsDiagnostics()
            throws Exception
    {
        ApplicationId appId = submitter.submit(request(FailingApp.class).build());
        ApplicationOutcome outcome = submitter.awaitCompletion(appId, line -> { });

        assertEquals(FinalApplicationStatus.FAILED, outcome.finalStatus(), outcome::toString);
        ApplicationReport report = submitter.report(appId);
        assertTrue(report.getDiagnostics().contains("java.lang.IllegalStateException: boom: the input was bad"), report.getDiagnostics());
        assertTrue(report.getDiagnostics().contains("at " + FailingApp.class.getName() + ".main"), report.getDiagnostics());
        assertFalse(fs.exists(submitter.stagingDir(appId)));
    }

    @Test
    void executorsStartWithTheShuffleServiceAndReachTheDriver()
            throws Exception
    {
        org.apache.hadoop.fs.Path marker = newHdfsPath("executors");
        ApplicationId appId = submitter.submit(request(ExecutorsApp.class)
                .appArgs(List.of(marker.toString()))
                .executorMemoryBytes(128L << 20)
                .conf("spindle.executor.mainClass", "io.spindle.it.apps.TestExecutorMain")
                .conf("spindle.driver.runtimeClass", "io.spindle.it.apps.TestDriverRuntime")
                .build());
        List<String> progress = new CopyOnWriteArrayList<>();
        ApplicationOutcome outcome = submitter.awaitCompletion(appId, progress::add);

        assertTrue(outcome.succeeded(), outcome::toString);
        assertTrue(progress.stream().anyMatch(line -> line.matches(appId + " RUNNING \\(progress \\d+%\\)")), progress.toString());
        List<String> lines = read(marker).lines().toList();
        assertTrue(lines.get(0).matches("shufflePorts=\\{1=\\d+, 2=\\d+}"), lines.toString());
        assertEquals("exitStatuses={1=0, 2=0}", lines.get(1));
        assertEquals("running=0", lines.get(2));
        String port1 = lines.get(0).replaceAll(".*1=(\\d+),.*", "$1");
        String port2 = lines.get(0).replaceAll(".*2=(\\d+)}.*", "$1");
        assertEquals("greetings=[hello 1 1 " + appId + " " + port1 + ", hello 2 1 " + appId + " " + port2 + "]", lines.get(3),
                "each executor got its id, cores and the application id, and saw the port its NodeManager published");
    }

    @Test
    void killedAppEndsKilledAndLeavesNoStagingDir()
            throws Exception
    {
        ApplicationId appId = submitter.submit(request(SleepingApp.class).build());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (submitter.report(appId).getYarnApplicationState() != YarnApplicationState.RUNNING) {
            assertTrue(System.nanoTime() < deadline, "the application did not start running within 60 s");
            Thread.sleep(100);
        }

        submitter.kill(appId);
        ApplicationOutcome outcome = submitter.awaitCompletion(appId, line -> { });

        assertEquals(YarnApplicationState.KILLED, outcome.state(), outcome::toString);
        assertFalse(outcome.succeeded());
        assertFalse(fs.exists(submitter.stagingDir(appId)));
    }

    @Test
    void cliExitsZeroWhenTheAppSucceedsAndOneWhenItFails()
            throws Exception
    {
        org.apache.hadoop.fs.Path marker = newHdfsPath("cli-marker");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int succeeded = cli(out, err, "submit", "--class", WriteMarkerApp.class.getName(), "--driver-memory", "256m",
                "--name", "cli-succeeds", "--conf", "spindle.yarn.fastStartup=true", appJar.toString(), marker.toString());
        assertEquals(0, succeeded, () -> out + "\n" + err);
        assertTrue(fs.exists(marker));
        assertTrue(out.toString().contains("Submitted application application_"), out.toString());
        assertTrue(out.toString().contains("Tracking URL: http"), out.toString());
        assertTrue(out.toString().contains("FINISHED with final status SUCCEEDED"), out.toString());

        int failed = cli(out, err, "submit", "--class", FailingApp.class.getName(), "--driver-memory", "256m",
                "--conf", "spindle.yarn.fastStartup=true", appJar.toString());
        assertEquals(1, failed, () -> out + "\n" + err);
        assertTrue(err.toString().contains("boom: the input was bad"), err.toString());
    }

    /** {@code spindle sql --master yarn}, as an EMR step runs a SQL file: the results come back to the client. */
    @Test
    void sqlStatementsRunAsAYarnApplicationAndPrintTheirResults()
            throws Exception
    {
        org.apache.hadoop.fs.Path table = newHdfsPath("sales.csv");
        try (var stream = fs.create(table)) {
            stream.write("region,amount\neast,10\nwest,5\neast,7\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String view = "CREATE TEMPORARY VIEW sales USING csv OPTIONS (path '" + fs.makeQualified(table) + "', header 'true', inferSchema 'true')";
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int succeeded = cli(out, err, "sql", "--master", "yarn", "--driver-memory", "256m", "--executor-memory", "256m", "--executors", "1",
                "--conf", "spindle.yarn.fastStartup=true", "-e", view + "; SELECT region, sum(amount) AS total FROM sales GROUP BY region ORDER BY region");
        assertEquals(0, succeeded, () -> out + "\n" + err);
        assertTrue(out.toString().matches("(?s).*east\\s*\\|\\s*17.*west\\s*\\|\\s*5.*2 rows.*"), out.toString());

        StringWriter badOut = new StringWriter();
        StringWriter badErr = new StringWriter();
        int failed = cli(badOut, badErr, "sql", "--master", "yarn", "--driver-memory", "256m", "--executor-memory", "256m", "--executors", "1",
                "--conf", "spindle.yarn.fastStartup=true", "-e", view + "; SELECT regoin FROM sales");
        assertEquals(1, failed, () -> badOut + "\n" + badErr);
        assertTrue(badErr.toString().contains("did you mean 'region'?"), badErr.toString());
    }

    private SubmitRequest.Builder request(Class<?> mainClass)
    {
        return SubmitRequest.builder(mainClass.getName(), appJar)
                .driverMemoryBytes(DRIVER_MEMORY)
                .conf("spindle.yarn.fastStartup", "true");
    }

    private int cli(StringWriter out, StringWriter err, String... args)
    {
        CommandLine commandLine = new CommandLine(new SpindleCli(cluster.configuration()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private org.apache.hadoop.fs.Path newHdfsPath(String name)
    {
        return fs.makeQualified(new org.apache.hadoop.fs.Path("/tmp/spindle-it/" + UUID.randomUUID() + "/" + name));
    }

    private String read(org.apache.hadoop.fs.Path path)
            throws IOException
    {
        try (InputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The user's jar: the classes of {@code io.spindle.it.apps}, taken from this module's test classes. */
    private static Path writeAppJar(Path jar)
            throws IOException, URISyntaxException
    {
        Path classes = Path.of(WriteMarkerApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path apps = classes.resolve(WriteMarkerApp.class.getPackageName().replace('.', '/'));
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> classFiles = Files.list(apps)) {
            for (Path classFile : classFiles.filter(path -> path.toString().endsWith(".class")).toList()) {
                out.putNextEntry(new ZipEntry(classes.relativize(classFile).toString().replace('\\', '/')));
                Files.copy(classFile, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
