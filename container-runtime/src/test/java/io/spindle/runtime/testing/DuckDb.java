package io.spindle.runtime.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** An in-memory DuckDB database: the independent engine tests compare Spindle's results with. */
public final class DuckDb
        implements AutoCloseable
{
    private final Connection connection;

    public DuckDb()
    {
        try {
            this.connection = DriverManager.getConnection("jdbc:duckdb:");
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot open an in-memory DuckDB", e);
        }
    }

    public void execute(String sql)
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed on: " + sql, e);
        }
    }

    /** Every row of {@code sql}, as JDBC's getObject gives the values (cast in SQL to get the Java types you want). */
    public List<List<Object>> query(String sql)
    {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int c = 1; c <= columns; c++) {
                    row.add(result.getObject(c));
                }
                rows.add(row);
            }
            return rows;
        }
        catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed on: " + sql, e);
        }
    }

    @Override
    public void close()
    {
        try {
            connection.close();
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot close DuckDB", e);
        }
    }
}
