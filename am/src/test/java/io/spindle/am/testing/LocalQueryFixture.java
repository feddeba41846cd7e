package io.spindle.am.testing;

import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.SpindleSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A local-mode query test's world: a {@code local[2]} Spindle session and a DuckDB oracle, with tables that
 * DuckDB creates and writes to Parquet under one directory. Spindle reads a table by name with
 * {@link #read(String)}; DuckDB reads the same files through {@link #duck(String)}, where {@code $name}
 * stands for the table's files. Not thread-safe: one test class owns one fixture.
 */
public final class LocalQueryFixture
        implements AutoCloseable
{
    private final Path dir;
    private final DuckDbOracle oracle;
    private final SpindleSession session;
    private final Map<String, WrittenTable> tables = new LinkedHashMap<>();

    /**
     * @param maxPartitionBytes {@code spindle.sql.files.maxPartitionBytes}, small so that a few thousand rows
     * become several scan tasks
     */
    public LocalQueryFixture(Path dir, String maxPartitionBytes, int shufflePartitions)
    {
        this(dir, maxPartitionBytes, shufflePartitions, Map.of());
    }

    /** As above, with further session settings. */
    public LocalQueryFixture(Path dir, String maxPartitionBytes, int shufflePartitions, Map<String, String> settings)
    {
        this.dir = requireNonNull(dir, "dir is null");
        requireNonNull(maxPartitionBytes, "maxPartitionBytes is null");
        this.oracle = new DuckDbOracle();
        try {
            SpindleSession.Builder builder = SpindleSession.builder()
                    .master("local[2]")
                    .config("spindle.sql.files.maxPartitionBytes", maxPartitionBytes)
                    .config("spindle.sql.shuffle.partitions", String.valueOf(shufflePartitions));
            settings.forEach(builder::config);
            this.session = builder.getOrCreate();
        }
        catch (RuntimeException e) {
            oracle.close();
            throw e;
        }
    }

    /**
     * Creates DuckDB table {@code name} from {@code selectSql} and writes it as a directory {@code <dir>/<name>}
     * of Parquet files, one per DuckDB thread, in row groups of {@code rowGroupRows}.
     *
     * @return the directory
     */
    public String writeTable(String name, String selectSql, int rowGroupRows)
    {
        String path = dir.resolve(name).toString();
        write(name, selectSql, path, "PER_THREAD_OUTPUT true, ROW_GROUP_SIZE " + rowGroupRows);
        tables.put(name, new WrittenTable(path, "read_parquet('" + path + "/*.parquet')"));
        return path;
    }

    /**
     * Creates DuckDB table {@code name} from {@code selectSql} and writes it as the one Parquet file
     * {@code <dir>/<name>.parquet}, rows in the order of {@code selectSql}, in row groups of {@code rowGroupRows}.
     *
     * @return the file
     */
    public String writeSingleFile(String name, String selectSql, int rowGroupRows)
    {
        String path = dir.resolve(name + ".parquet").toString();
        write(name, selectSql, path, "ROW_GROUP_SIZE " + rowGroupRows);
        tables.put(name, new WrittenTable(path, "read_parquet('" + path + "')"));
        return path;
    }

    private void write(String name, String selectSql, String path, String options)
    {
        if (tables.containsKey(name)) {
            throw new IllegalArgumentException("table '" + name + "' is already written to " + tables.get(name).path());
        }
        oracle.execute("CREATE TABLE " + name + " AS " + selectSql);
        oracle.execute("COPY " + name + " TO '" + path + "' (FORMAT PARQUET, " + options + ")");
    }

    /** Spindle's view of a written table. */
    /** Writes {@code text} as UTF-8 to {@code relative} under the fixture's directory, creating folders; returns the file's path. */
    public String writeText(String relative, String text)
    {
        Path path = dir.resolve(relative);
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, text, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path.toString();
    }

    public DataFrame read(String name)
    {
        return session.read().parquet(table(name).path());
    }

    /** DuckDB's rows for {@code sql}, where each {@code $name} of a written table reads that table's files. */
    public List<Row> duck(String sql)
    {
        String resolved = sql;
        // longest names first, so that $l does not eat the start of $lineitem
        List<String> names = tables.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String name : names) {
            resolved = resolved.replace("$" + name, tables.get(name).scan());
        }
        return oracle.query(resolved);
    }

    public SpindleSession session()
    {
        return session;
    }

    public DuckDbOracle oracle()
    {
        return oracle;
    }

    private WrittenTable table(String name)
    {
        WrittenTable table = tables.get(name);
        if (table == null) {
            throw new IllegalArgumentException("table '" + name + "' is not written; written tables are " + tables.keySet());
        }
        return table;
    }

    @Override
    public void close()
    {
        try {
            session.close();
        }
        finally {
            oracle.close();
        }
    }

    private record WrittenTable(String path, String scan) {}
}
