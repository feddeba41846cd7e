package io.spindle.client;

import io.spindle.client.submit.ApplicationOutcome;
import io.spindle.client.submit.LocalRunner;
import io.spindle.client.submit.SubmitRequest;
import io.spindle.client.submit.YarnSubmitter;
import io.spindle.conf.ConfigKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code spindle submit}: runs an application's main class on YARN, in Spindle's ApplicationMaster, and
 * follows it to its end. Exits 0 when the application succeeded, 1 when it failed or was killed, 2 on a
 * usage error. Ctrl-C kills the application. With {@code --master local[N]} the main class runs in this JVM.
 */
@Command(
        name = "submit",
        description = "Runs an application's main class on YARN (or in this JVM with --master local[N]).",
        sortOptions = false,
        modelTransformer = SubmitCommand.ArgumentsAfterJar.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the application succeeded",
                "1:the application failed or was killed",
                "2:bad usage",
        })
public final class SubmitCommand
        implements Callable<Integer>
{
    /** Runs shutdown hooks before Hadoop's FileSystem hook closes the file systems the kill needs. */
    private static final int KILL_HOOK_PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 10;

    @ParentCommand
    private SpindleCli parent;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--class", required = true, paramLabel = "<MainClass>", description = "the application's main class")
    private String mainClass;

    @Option(names = "--master", defaultValue = "yarn", paramLabel = "yarn|local[N]",
            description = "where the application runs: yarn, or local[N] for N threads in this JVM (default: ${DEFAULT-VALUE})")
    private String master;

    @Option(names = "--executors", paramLabel = "N", description = "executor containers (default: 2)")
    private Integer executors;

    @Option(names = "--executor-cores", paramLabel = "C", description = "cores of each executor (default: 1)")
    private Integer executorCores;

    @Option(names = "--executor-memory", paramLabel = "SIZE", description = "heap of each executor, like 512m or 2g (default: 1g)")
    private String executorMemory;

    @Option(names = "--driver-memory", paramLabel = "SIZE", description = "heap of the driver, which runs in the ApplicationMaster (default: 1g)")
    private String driverMemory;

    @Option(names = "--queue", paramLabel = "QUEUE", description = "YARN queue (default: default)")
    private String queue;

    @Option(names = "--name", paramLabel = "NAME", description = "application name YARN shows (default: the main class)")
    private String name;

    @Option(names = "--conf", paramLabel = "key=value", description = "a Spindle setting (spindle.*); repeat for more")
    private Map<String, String> conf = new LinkedHashMap<>();

    @Parameters(index = "0", paramLabel = "app.jar", description = "the application jar")
    private Path appJar;

    @Parameters(index = "1..*", paramLabel = "app args", description = "arguments of the main class")
    private List<String> appArgs = new ArrayList<>();

    @Override
    public Integer call()
            throws Exception
    {
        SubmitRequest request = request();
        if (master.equals("yarn")) {
            return submitToYarn(request);
        }
        if (LocalRunner.LOCAL_MASTER.matcher(master).matches()) {
            return runLocally(request);
        }
        throw new ParameterException(spec.commandLine(), "--master must be yarn, local, local[N] or local[*], not '" + master + "'");
    }

    private SubmitRequest request()
    {
        if (!Files.isRegularFile(appJar)) {
            throw new ParameterException(spec.commandLine(), "application jar " + appJar.toAbsolutePath() + " does not exist or is not a file");
        }
        try {
            SubmitRequest.Builder builder = SubmitRequest.builder(mainClass, appJar).appArgs(appArgs).conf(conf);
            if (executors != null) {
                builder.executorInstances(executors);
            }
            if (executorCores != null) {
                builder.executorCores(executorCores);
            }
            if (executorMemory != null) {
                builder.executorMemoryBytes(ConfigKey.parseBytes("--executor-memory", executorMemory));
            }
            if (driverMemory != null) {
                builder.driverMemoryBytes(ConfigKey.parseBytes("--driver-memory", driverMemory));
            }
            if (queue != null) {
                builder.queue(queue);
            }
            if (name != null) {
                builder.appName(name);
            }
            return builder.build();
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private int submitToYarn(SubmitRequest request)
            throws IOException, InterruptedException
    {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (YarnSubmitter submitter = new YarnSubmitter(parent.hadoopConfiguration())) {
            ApplicationId appId;
            try {
                appId = submitter.submit(request);
            }
            catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            out.println("Submitted application " + appId + " to queue " + request.queue());
            out.println("Tracking URL: " + submitter.report(appId).getTrackingUrl());
            out.flush();

            AtomicBoolean ended = new AtomicBoolean();
            Runnable killOnExit = () -> {
                if (!ended.get()) {
                    try {
                        submitter.kill(appId);
                        err.println("Killed application " + appId);
                    }
                    catch (IOException | RuntimeException e) {
                        err.println("Could not kill application " + appId + ": " + e.getMessage());
                    }
                    err.flush();
                }
            };
            ShutdownHookManager.get().addShutdownHook(killOnExit, KILL_HOOK_PRIORITY);
            ApplicationOutcome outcome;
            try {
                outcome = submitter.awaitCompletion(appId, line -> {
                    out.println(line);
                    out.flush();
                });
            }
            finally {
                ended.set(true);
                if (!ShutdownHookManager.get().isShutdownInProgress()) {
                    ShutdownHookManager.get().removeShutdownHook(killOnExit);
                }
            }
            if (outcome.succeeded()) {
                return 0;
            }
            err.println("Application " + appId + " ended " + outcome.state() + " with final status " + outcome.finalStatus() + ":");
            err.println(outcome.diagnostics());
            err.flush();
            return 1;
        }
    }

    private int runLocally(SubmitRequest request)
    {
        PrintWriter err = spec.commandLine().getErr();
        try {
            LocalRunner.run(request, master);
            return 0;
        }
        catch (Throwable e) {
            err.println("Application " + request.mainClass() + " failed:");
            e.printStackTrace(err);
            err.flush();
            return 1;
        }
    }

    /** Everything after the application jar belongs to the main class, even words that look like options. */
    static final class ArgumentsAfterJar
            implements CommandLine.IModelTransformer
    {
        @Override
        public CommandSpec transform(CommandSpec commandSpec)
        {
            commandSpec.parser().stopAtPositional(true);
            return commandSpec;
        }
    }
}
