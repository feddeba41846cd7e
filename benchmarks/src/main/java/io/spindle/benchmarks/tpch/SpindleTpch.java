package io.spindle.benchmarks.tpch;

import io.spindle.client.demo.TpchQueries;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.SpindleSession;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Spindle in local mode with two executor threads, running {@link TpchSql}'s texts through {@code session.sql}
 * over the temporary views of {@link TpchQueries#registerViews}.
 */
public final class SpindleTpch
        implements TpchEngine
{
    static final String MASTER = "local[2]";

    private final SpindleSession session;

    private SpindleTpch(Path data)
    {
        this.session = SpindleSession.builder().master(MASTER).appName("spindle-tpch-benchmark").getOrCreate();
        TpchQueries.registerViews(session, data.toAbsolutePath().toString());
    }

    public static void main(String[] args)
    {
        EngineMain.main("spindle", args, SpindleTpch::new);
    }

    @Override
    public String description()
    {
        return "Spindle " + spindleVersion() + " " + MASTER + " (" + buildOf(TpchQueries.class) + "; " + LibraryVersions.describe() + ")";
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
