package io.spindle.client.demo;

import io.spindle.client.SpindleCli;
import io.spindle.client.embedded.EmbeddedCluster;
import io.spindle.client.submit.AppJars;
import io.spindle.client.submit.ApplicationOutcome;
import io.spindle.client.submit.SubmitRequest;
import io.spindle.client.submit.YarnSubmitter;
import io.spindle.conf.ConfigKey;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code spindle demo}: starts the embedded cluster (HDFS and YARN with two NodeManagers, in this JVM),
 * generates TPC-H as Parquet into it, submits the TPC-H demo driver through the same client code as a real
 * cluster, and prints the queries' results, per-stage summaries and where the wall time went.
 */
@Command(
        name = "demo",
        description = "Runs TPC-H queries on an embedded one-machine YARN cluster.",
        mixinStandardHelpOptions = true,
        sortOptions = false)
public final class DemoCommand
        implements Callable<Integer>
{
    /** Row groups of 4 MiB, so that even scale factor 0.1 gives the executors more than one scan task each. */
    private static final long DEMO_ROW_GROUP_BYTES = 4L << 20;
    /** Splits of at most 16 MiB unless the user says otherwise: the demo's executors then share the scan and shuffle. */
    private static final String DEMO_MAX_PARTITION_BYTES = "16m";

    @Option(names = "--scale-factor", defaultValue = "0.1", description = "TPC-H scale factor (default ${DEFAULT-VALUE}; 1 is about 6 million lineitem rows)")
    private double scaleFactor;

    @Option(names = "--queries", defaultValue = "q1,q6", split = ",", description = "queries to run, or 'all' (default ${DEFAULT-VALUE})")
    private List<String> queries;

    @Option(names = "--data-dir", defaultValue = "spindle-data", description = "where generated data is cached and the cluster lives (default ${DEFAULT-VALUE})")
    private java.nio.file.Path dataDir;

    @Option(names = "--executors", defaultValue = "2", description = "executor containers (default ${DEFAULT-VALUE})")
    private int executors;

    @Option(names = "--executor-cores", defaultValue = "1", description = "cores per executor (default ${DEFAULT-VALUE})")
    private int executorCores;

    @Option(names = "--executor-memory", defaultValue = "1g", description = "executor heap (default ${DEFAULT-VALUE})")
    private String executorMemory;

    @Option(names = "--sql", description = "run the queries' standard SQL text through session.sql: any of q1 to q22, or all 22"
            + " (without it, the DataFrame versions of q1, q3, q5, q6 and q10)")
    private boolean sql;

    @Option(names = "--explain", description = "also print each query's plan, as explain(\"formatted\") does")
    private boolean explain;

    @Option(names = "--conf", paramLabel = "key=value", description = "a Spindle setting for the demo's driver, e.g. spindle.sql.shuffle.partitions=4")
    private Map<String, String> conf = new LinkedHashMap<>();

    @Override
    public Integer call()
            throws Exception
    {
        List<TpchQueries.Query> available = sql ? TpchQueries.SQL : TpchQueries.ALL;
        List<String> names = queries.size() == 1 && queries.get(0).equalsIgnoreCase("all")
                ? available.stream().map(TpchQueries.Query::name).toList()
                : queries.stream().map(q -> (sql ? TpchQueries.sqlByName(q) : TpchQueries.byName(q)).name()).toList();
        long start = System.nanoTime();
        System.out.println("Starting the embedded cluster (HDFS, YARN with 2 NodeManagers and the spindle_shuffle service) in " + dataDir.resolve("cluster"));
        try (EmbeddedCluster cluster = EmbeddedCluster.builder().baseDir(dataDir.resolve("cluster").toAbsolutePath()).start()) {
            long clusterUp = System.nanoTime();
            Configuration clusterConf = cluster.configuration();

            String scale = String.format(Locale.ROOT, "sf%s", stripZeros(scaleFactor));
            java.nio.file.Path localTables = dataDir.resolve("tpch").resolve(scale).toAbsolutePath();
            System.out.println("Generating TPC-H " + scale + " as Parquet in " + localTables + " (cached for the next run)");
            TpchDataGenerator.generate(new Configuration(), new Path(localTables.toUri()), scaleFactor, List.of(), DEMO_ROW_GROUP_BYTES);
            Path tables = new Path("/tpch/" + scale);
            FileSystem hdfs = FileSystem.get(clusterConf);
            hdfs.copyFromLocalFile(false, true, new Path(localTables.toUri()), tables);
            long dataReady = System.nanoTime();
            System.out.println("Copied the tables into HDFS at " + hdfs.makeQualified(tables));

            Path report = new Path("/spindle-demo/report-" + System.currentTimeMillis() + ".txt");
            SubmitRequest request = SubmitRequest.builder(TpchDemoApp.class.getName(),
                            AppJars.forClasses(dataDir.resolve("jars").toAbsolutePath(), TpchDemoApp.class, TpchQueries.class))
                    .appName("spindle-tpch-demo")
                    .appArgs(appArgs(hdfs.makeQualified(tables), hdfs.makeQualified(report), names))
                    .executorInstances(executors)
                    .executorCores(executorCores)
                    .executorMemoryBytes(ConfigKey.parseBytes("--executor-memory", executorMemory))
                    .conf(demoConf())
                    .build();
            ApplicationOutcome outcome;
            long submitted;
            long submittedEpochMillis;
            try (YarnSubmitter submitter = new YarnSubmitter(clusterConf)) {
                submitted = System.nanoTime();
                submittedEpochMillis = System.currentTimeMillis();
                ApplicationId appId = submitter.submit(request);
                System.out.println("Submitted " + appId);
                outcome = submitter.awaitCompletion(appId, line -> System.out.println("  " + line));
            }
            long finished = System.nanoTime();
            if (!outcome.succeeded()) {
                System.out.println("The demo application ended " + outcome.state() + "/" + outcome.finalStatus() + ": " + outcome.diagnostics());
                System.out.println("Container logs: " + cluster.containerLogsDir());
                return 1;
            }
            String text = read(hdfs, report);
            System.out.println();
            System.out.print(text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n", "", "\n")));
            long driverStarted = text.lines().filter(l -> l.startsWith("# driver started at "))
                    .mapToLong(l -> Long.parseLong(l.substring("# driver started at ".length()).trim())).findFirst().orElse(submittedEpochMillis);
            System.out.printf(Locale.ROOT, "Wall time %.1f s: cluster start %.1f s, data %.1f s, submission to driver start %.1f s,"
                            + " driver to application end %.1f s (queries' own times are above; the first includes executor start)%n",
                    seconds(finished - start), seconds(clusterUp - start), seconds(dataReady - clusterUp),
                    (driverStarted - submittedEpochMillis) / 1000.0, seconds(finished - submitted) - (driverStarted - submittedEpochMillis) / 1000.0);
            return 0;
        }
    }

    private Map<String, String> demoConf()
    {
        Map<String, String> settings = new LinkedHashMap<>(conf);
        settings.putIfAbsent("spindle.sql.files.maxPartitionBytes", DEMO_MAX_PARTITION_BYTES);
        return settings;
    }

    private List<String> appArgs(Path tables, Path report, List<String> names)
    {
        List<String> args = new java.util.ArrayList<>(List.of(tables.toString(), report.toString(), String.join(",", names)));
        if (explain) {
            args.add("explain");
        }
        if (sql) {
            args.add("sql");
        }
        return args;
    }

    private static String read(FileSystem fs, Path path)
            throws Exception
    {
        try (InputStream in = fs.open(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static double seconds(long nanos)
    {
        return nanos / 1e9;
    }

    private static String stripZeros(double value)
    {
        return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
