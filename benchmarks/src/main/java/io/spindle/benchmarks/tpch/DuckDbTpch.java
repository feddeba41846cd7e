package io.spindle.benchmarks.tpch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB in memory with two threads, running {@link TpchSql} over views that read the Parquet files with
 * {@code read_parquet}, so every query reads the same files the other engines do. Nulls sort first in
 * ascending order and last in descending order, as in Spark and Spindle (DuckDB's default puts them last).
 */
public final class DuckDbTpch
        implements TpchEngine
{
    static final int THREADS = 2;

    private final Connection connection;
    private final String version;
    private volatile Statement running;

    private DuckDbTpch(Path data)
            throws SQLException
    {
        this.connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET threads=" + THREADS);
            statement.execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
            for (String table : TpchSql.TABLES) {
                Path directory = data.resolve(table);
                if (Files.isDirectory(directory)) {
                    String files = directory.toAbsolutePath() + "/*.parquet";
                    statement.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet('" + files.replace("'", "''") + "')");
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT version()")) {
                rs.next();
                this.version = rs.getString(1);
            }
        }
    }

    public static void main(String[] args)
    {
        EngineMain.main("duckdb", args, DuckDbTpch::new);
    }

    @Override
    public String description()
    {
        return "DuckDB " + version + ", threads=" + THREADS + ", read_parquet (Java " + Runtime.version() + ")";
    }

    @Override
    public QueryResult run(String query)
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            running = statement;
            return collect(statement.executeQuery(TpchSql.withoutIntervalPrecision(TpchSql.query(query))));
        }
        finally {
            running = null;
        }
    }

    private static QueryResult collect(ResultSet rs)
            throws SQLException
    {
        try (rs) {
            ResultSetMetaData metadata = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int c = 1; c <= metadata.getColumnCount(); c++) {
                columns.add(metadata.getColumnLabel(c));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns.size());
                for (int c = 1; c <= columns.size(); c++) {
                    Object value = rs.getObject(c);
                    row.add(value instanceof Date date ? date.toLocalDate() : value);
                }
                rows.add(row);
            }
            return new QueryResult(columns, rows);
        }
    }

    @Override
    public void cancel()
    {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            }
            catch (SQLException e) {
                System.err.println("duckdb: could not cancel the running query: " + e);
            }
        }
    }

    @Override
    public void close()
            throws SQLException
    {
        connection.close();
    }
}
