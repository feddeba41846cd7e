package io.spindle.benchmarks.tpch;

import io.spindle.am.AmConfig;
import io.spindle.client.demo.TpchQueries;
import io.spindle.conf.SpindleConf;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.SpindleSession;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Spindle running {@link TpchSql}'s texts through {@code session.sql} over the temporary views of
 * {@link TpchQueries#registerViews}: in local mode with two executor threads ({@link #main}), or as the driver of
 * a YARN application, with the session the ApplicationMaster set up and executors in containers
 * ({@link #onYarn}, which {@link SpindleYarnDriver} runs).
 */
public final class SpindleTpch
        implements TpchEngine
{
    static final String MASTER = "local[2]";
    /** How long the YARN driver's set-up waits for all its executors to run a task before it goes on with those it has. */
    private static final Duration EXECUTOR_WAIT = Duration.ofSeconds(180);
    private static final int EXECUTOR_PROBE_TASKS = 8;

    private final SpindleSession session;
    private final String mode;

    private SpindleTpch(SpindleSession session, String tablesRoot, String mode)
    {
        this.session = session;
        this.mode = mode;
        TpchQueries.registerViews(session, tablesRoot);
    }

    public static void main(String[] args)
    {
        EngineMain.main("spindle", args, SpindleTpch::local);
    }

    static SpindleTpch local(Path data)
    {
        SpindleSession session = SpindleSession.builder().master(MASTER).appName("spindle-tpch-benchmark").getOrCreate();
        return new SpindleTpch(session, data.toAbsolutePath().toString(), MASTER);
    }

    /**
     * The engine of a driver running in a YARN ApplicationMaster, whose settings (master {@code yarn}, executor
     * sizes) the session takes from the system properties the ApplicationMaster set. The tables are read through
     * {@code file:} URIs, which is right only because the executors run on this machine. Returns once every
     * executor asked for has run a task of a first small query, so that the measured queries find them warm.
     */
    static SpindleTpch onYarn(Path data)
    {
        SpindleSession session = SpindleSession.builder().appName("spindle-tpch-benchmark").getOrCreate();
        SpindleConf conf = session.conf();
        String root = data.toAbsolutePath().toUri().toString().replaceAll("/+$", "");
        int executors = conf.get(AmConfig.EXECUTOR_INSTANCES);
        Set<String> started = awaitExecutors(session, root, executors);
        String mode = String.format(Locale.ROOT, "on YARN (%d executors of %d core%s and %s heap each, driver heap %s; tables read through file: URIs%s)",
                executors, conf.get(AmConfig.EXECUTOR_CORES), conf.get(AmConfig.EXECUTOR_CORES) == 1 ? "" : "s",
                size(conf.get(AmConfig.EXECUTOR_MEMORY)), size(conf.get(AmConfig.DRIVER_MEMORY)),
                started.size() < executors ? "; ONLY " + started.size() + " of them had started when the queries began" : "");
        return new SpindleTpch(session, root, mode);
    }

    /**
     * Runs a small aggregation over nation, repartitioned so that its later stages have several tasks (nation's one
     * file alone makes a single task), until {@code executors} different executors have run its tasks or
     * {@link #EXECUTOR_WAIT} has passed: executors register as their containers start, and a task goes to
     * whichever has a free core. Returns the executors that ran a task.
     */
    private static Set<String> awaitExecutors(SpindleSession session, String root, int executors)
    {
        long deadline = System.nanoTime() + EXECUTOR_WAIT.toNanos();
        Set<String> seen = new TreeSet<>();
        while (true) {
            session.read().parquet(root + "/nation").repartition(EXECUTOR_PROBE_TASKS).groupBy("n_regionkey").count().collect();
            session.lastJobSummary().stages().forEach(stage -> seen.addAll(stage.executors()));
            if (seen.size() >= executors) {
                return seen;
            }
            if (System.nanoTime() > deadline) {
                System.err.printf(Locale.ROOT, "only %d of %d executors ran a task within %d s: %s; measuring with those%n",
                        seen.size(), executors, EXECUTOR_WAIT.toSeconds(), seen);
                return seen;
            }
            try {
                Thread.sleep(500);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the executors to start", e);
            }
        }
    }

    @Override
    public String description()
    {
        return "Spindle " + spindleVersion() + " " + mode + " (" + buildOf(TpchQueries.class) + "; " + LibraryVersions.describe() + ")";
    }

    @Override
    public QueryResult run(String query)
    {
        DataFrame frame = session.sql(TpchSql.query(query));
        List<Row> rows = frame.collect();
        List<List<Object>> values = new ArrayList<>(rows.size());
        for (Row row : rows) {
            values.add(row.toList());
        }
        return new QueryResult(frame.schema().names(), values);
    }

    @Override
    public void close()
    {
        session.close();
    }

    private static String size(long bytes)
    {
        return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB" : (bytes >> 20) + " MiB";
    }

    private static String spindleVersion()
    {
        try (InputStream in = SpindleSession.class.getResourceAsStream("/META-INF/maven/io.spindle/spindle-client/pom.properties")) {
            if (in == null) {
                return "(version unknown)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "(version unknown)");
        }
        catch (IOException e) {
            return "(version unknown: " + e.getMessage() + ")";
        }
    }

    /**
     * Which jar a class came from and when that jar was written, so a report says which Spindle it measured:
     * the one last installed into the local Maven repository, not necessarily the checkout's.
     */
    private static String buildOf(Class<?> type)
    {
        try {
            Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            Instant modified = Files.getLastModifiedTime(jar).toInstant();
            String home = System.getProperty("user.home");
            String shown = home != null && jar.startsWith(home) ? "~/" + Path.of(home).relativize(jar) : jar.toString();
            return shown + " of " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(modified);
        }
        catch (IOException | URISyntaxException | RuntimeException e) {
            return "jar unknown: " + e.getMessage();
        }
    }
}
