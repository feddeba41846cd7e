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
 * {@code read_parquet}, so every query reads the same files the other engines do.
 */
public final class DuckDbTpch
        implements TpchEngine
{
    static final int THREADS = 2;

    private final Connection connection;
    private final String version;

    private DuckDbTpch(Path data)
            throws SQLException
    {
        this.connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET threads=" + THREADS);
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
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(TpchSql.query(query))) {
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
    public void close()
            throws SQLException
    {
        connection.close();
    }
}
