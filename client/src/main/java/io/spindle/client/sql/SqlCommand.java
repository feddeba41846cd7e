package io.spindle.client.sql;

import io.spindle.client.SpindleCli;
import io.spindle.client.embedded.EmbeddedCluster;
import io.spindle.client.submit.AppJars;
import io.spindle.client.submit.ApplicationOutcome;
import io.spindle.client.submit.LocalRunner;
import io.spindle.client.submit.SubmitRequest;
import io.spindle.client.submit.YarnSubmitter;
import io.spindle.conf.ConfigKey;
import io.spindle.sql.AnalysisException;
import io.spindle.sql.JobFailedException;
import io.spindle.sql.SpindleSession;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code spindle sql -e "..."} or {@code -f script.sql}: runs SQL statements and prints their results, in this JVM
 * ({@code --master local[N]}), as a YARN application ({@code --master yarn}, what {@code yarn jar} and an EMR step
 * use), or on an embedded one-machine cluster started for the purpose ({@code --master embedded}).
 */
@Command(
        name = "sql",
        description = "Runs SQL statements (separated by ';') and prints their results.",
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every statement succeeded",
                "1:a statement or the application failed",
                "2:bad usage",
        })
public final class SqlCommand
        implements Callable<Integer>
{
    @ParentCommand
    private SpindleCli parent;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @ArgGroup(multiplicity = "1")
    private Source source;

    static final class Source
    {
        @Option(names = "-e", paramLabel = "SQL", description = "the statements to run")
        String text;

        @Option(names = "-f", paramLabel = "FILE", description = "a file of statements to run")
        java.nio.file.Path file;
    }

    @Option(names = "--master", defaultValue = "yarn", paramLabel = "yarn|embedded|local[N]",
            description = "where the statements run: yarn, an embedded one-machine cluster, or local[N] threads in this JVM (default: ${DEFAULT-VALUE})")
    private String master;

    @Option(names = "--max-rows", defaultValue = "1000", paramLabel = "N", description = "rows of each result to print (default: ${DEFAULT-VALUE})")
    private int maxRows;

    @Option(names = "--executors", defaultValue = "2", paramLabel = "N", description = "executor containers on YARN (default: ${DEFAULT-VALUE})")
    private int executors;

    @Option(names = "--executor-cores", defaultValue = "1", paramLabel = "C", description = "cores of each executor (default: ${DEFAULT-VALUE})")
    private int executorCores;

    @Option(names = "--executor-memory", defaultValue = "1g", paramLabel = "SIZE", description = "heap of each executor (default: ${DEFAULT-VALUE})")
    private String executorMemory;

    @Option(names = "--driver-memory", defaultValue = "1g", paramLabel = "SIZE", description = "heap of the driver in the ApplicationMaster (default: ${DEFAULT-VALUE})")
    private String driverMemory;

    @Option(names = "--queue", defaultValue = "default", paramLabel = "QUEUE", description = "YARN queue (default: ${DEFAULT-VALUE})")
    private String queue;

    @Option(names = "--data-dir", defaultValue = "spindle-data", description = "where the embedded cluster lives (default: ${DEFAULT-VALUE})")
    private java.nio.file.Path dataDir;

    @Option(names = "--conf", paramLabel = "key=value", description = "a Spindle setting (spindle.*); repeat for more")
    private Map<String, String> conf = new LinkedHashMap<>();

    @Override
    public Integer call()
            throws Exception
    {
        String script = script();
        if (maxRows < 0) {
            throw new ParameterException(spec.commandLine(), "--max-rows must be 0 or more, not " + maxRows);
        }
        if (LocalRunner.LOCAL_MASTER.matcher(master).matches()) {
            return runLocally(script);
        }
        if (master.equals("yarn")) {
            return runOnYarn(script, parent.hadoopConfiguration());
        }
        if (master.equals("embedded")) {
            System.err.println("Starting an embedded cluster (HDFS and YARN) in " + dataDir.resolve("cluster").toAbsolutePath());
            try (EmbeddedCluster cluster = EmbeddedCluster.builder().baseDir(dataDir.resolve("cluster").toAbsolutePath()).start()) {
                return runOnYarn(script, cluster.configuration());
            }
        }
        throw new ParameterException(spec.commandLine(), "--master must be yarn, embedded or local[N], not '" + master + "'");
    }

    private String script()
            throws IOException
    {
        if (source.text != null) {
            return source.text;
        }
        if (!Files.isRegularFile(source.file)) {
            throw new ParameterException(spec.commandLine(), "SQL file " + source.file.toAbsolutePath() + " does not exist or is not a file");
        }
        return Files.readString(source.file, StandardCharsets.UTF_8);
    }

    private int runLocally(String script)
    {
        SpindleSession.Builder builder = SpindleSession.builder().master(master).appName("spindle-sql");
        conf.forEach(builder::config);
        try (SpindleSession session = builder.getOrCreate()) {
            SqlRunner.run(session, script, maxRows, spec.commandLine().getOut());
            return 0;
        }
        catch (AnalysisException | IllegalArgumentException | JobFailedException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("Error: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private int runOnYarn(String script, Configuration hadoopConf)
            throws Exception
    {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        java.nio.file.Path work = Files.createTempDirectory("spindle-sql-");
        java.nio.file.Path jar = AppJars.forClasses(work, SqlDriverApp.class, SqlRunner.class, SqlScript.class);
        FileSystem fs = FileSystem.get(hadoopConf);
        Path result = fs.makeQualified(new Path(fs.getHomeDirectory(), ".spindleStaging/sql-" + UUID.randomUUID() + ".txt"));
        SubmitRequest request = SubmitRequest.builder(SqlDriverApp.class.getName(), jar)
                .appName("spindle-sql")
                .appArgs(java.util.List.of(Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)), result.toString(),
                        String.valueOf(maxRows)))
                .executorInstances(executors)
                .executorCores(executorCores)
                .executorMemoryBytes(ConfigKey.parseBytes("--executor-memory", executorMemory))
                .driverMemoryBytes(ConfigKey.parseBytes("--driver-memory", driverMemory))
                .queue(queue)
                .conf(conf)
                .build();
        try (YarnSubmitter submitter = new YarnSubmitter(hadoopConf)) {
            ApplicationId appId = submitter.submit(request);
            err.println("Submitted application " + appId);
            err.flush();
            ApplicationOutcome outcome = submitter.awaitCompletion(appId, line -> {
                err.println("  " + line);
                err.flush();
            });
            if (fs.exists(result)) {
                try (FSDataInputStream in = fs.open(result)) {
                    out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                fs.delete(result, false);
            }
            out.flush();
            if (outcome.succeeded()) {
                return 0;
            }
            err.println("Application " + appId + " ended " + outcome.state() + " with final status " + outcome.finalStatus() + ":");
            err.println(outcome.diagnostics());
            err.flush();
            return 1;
        }
        finally {
            // the jar is the client's own when its classes come from one; only a jar made here is removed
            if (jar.startsWith(work)) {
                Files.deleteIfExists(jar);
            }
            Files.deleteIfExists(work);
        }
    }
}
