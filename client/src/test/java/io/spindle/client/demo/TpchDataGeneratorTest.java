package io.spindle.client.demo;

import io.trino.tpch.LineItem;
import io.trino.tpch.Order;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchTable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TpchDataGeneratorTest
{
    private static final double SCALE_FACTOR = 0.01;

    @TempDir
    static java.nio.file.Path dir;

    private static java.nio.file.Path tables;
    private static Map<String, Long> written;

    /** Generating takes seconds (the generator's text pool), so every test shares one SF 0.01 data set. */
    @BeforeAll
    static void generateAllTables()
    {
        tables = dir.resolve("sf001");
        written = TpchDataGenerator.generate(new Configuration(), new Path(tables.toUri()), SCALE_FACTOR, List.of());
    }

    @Test
    void writesEveryTableWithItsSpecifiedRowCount()
            throws SQLException
    {
        assertEquals(List.of("customer", "orders", "lineitem", "part", "partsupp", "supplier", "nation", "region"),
                List.copyOf(written.keySet()));
        Map<String, Long> expected = Map.of("customer", 1500L, "orders", 15000L, "lineitem", 60175L, "part", 2000L,
                "partsupp", 8000L, "supplier", 100L, "nation", 25L, "region", 5L);
        assertEquals(expected, new HashMap<>(written));

        assertEquals(60175L, queryLong("SELECT count(*) FROM " + table("lineitem")));
        assertEquals(15000L, queryLong("SELECT count(*) FROM " + table("orders")));
        assertEquals(25L, queryLong("SELECT count(*) FROM " + table("nation")));
    }

    @Test
    void quantitiesMatchTheGenerator()
            throws SQLException
    {
        TpchColumn<LineItem> quantity = TpchTable.LINE_ITEM.getColumn("l_quantity");
        double expected = 0;
        for (LineItem item : TpchTable.LINE_ITEM.createGenerator(SCALE_FACTOR, 1, 1)) {
            expected += quantity.getDouble(item);
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet result = statement.executeQuery("SELECT sum(l_quantity) FROM " + table("lineitem"))) {
            assertTrue(result.next());
            assertEquals(expected, result.getDouble(1));
        }
        assertEquals(0, queryLong("SELECT count(*) FROM " + table("lineitem") + " l ANTI JOIN " + table("orders")
                + " o ON l.l_orderkey = o.o_orderkey"), "every line item has its order");
    }

    @Test
    void columnsKeepSpecNamesAndTypes()
            throws SQLException
    {
        Map<String, String> types = new HashMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM " + table("lineitem"))) {
            while (result.next()) {
                types.put(result.getString("column_name"), result.getString("column_type"));
            }
        }
        assertEquals(16, types.size());
        assertEquals(16, queryLong("SELECT count(*) FROM parquet_schema('" + tables.resolve("lineitem").resolve("part-00000.parquet")
                + "') WHERE num_children IS NULL AND repetition_type = 'REQUIRED'"), "every column is required");
        assertEquals("BIGINT", types.get("l_orderkey"));
        assertEquals("DATE", types.get("l_shipdate"));
        assertEquals("INTEGER", types.get("l_linenumber"));
        assertEquals("DOUBLE", types.get("l_extendedprice"));
        assertEquals("VARCHAR", types.get("l_comment"));

        TpchColumn<Order> orderDate = TpchTable.ORDERS.getColumn("o_orderdate");
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (Order order : TpchTable.ORDERS.createGenerator(SCALE_FACTOR, 1, 1)) {
            first = Math.min(first, orderDate.getDate(order));
            last = Math.max(last, orderDate.getDate(order));
        }
        assertEquals(LocalDate.ofEpochDay(first) + " " + LocalDate.ofEpochDay(last),
                queryString("SELECT min(o_orderdate) || ' ' || max(o_orderdate) FROM " + table("orders")));
    }

    @Test
    void finishedTablesHaveMarkersAndNoTemporaryDirectories()
            throws IOException
    {
        try (Stream<java.nio.file.Path> entries = Files.list(tables)) {
            assertEquals(List.of("customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (String table : written.keySet()) {
            assertTrue(Files.exists(tables.resolve(table).resolve(TpchDataGenerator.SUCCESS_MARKER)), table);
            assertTrue(Files.exists(tables.resolve(table).resolve("part-00000.parquet")), table);
        }
    }

    @Test
    void skipsTablesThatAreAlreadyThere()
            throws IOException
    {
        java.nio.file.Path file = tables.resolve("nation").resolve("part-00000.parquet");
        FileTime before = Files.getLastModifiedTime(file);
        Map<String, Long> again = TpchDataGenerator.generate(new Configuration(), new Path(tables.toUri()), SCALE_FACTOR, List.of());
        assertEquals(written, again);
        assertEquals(before, Files.getLastModifiedTime(file), "a finished table is not written again");

        IllegalStateException otherScale = assertThrows(IllegalStateException.class, () ->
                TpchDataGenerator.generate(new Configuration(), new Path(tables.toUri()), 0.02, List.of("nation")));
        assertTrue(otherScale.getMessage().contains("scale factor 0.01, not 0.02"), otherScale.getMessage());
    }

    @Test
    void cutsBigTablesIntoFilesAndRowGroups()
            throws SQLException
    {
        assertEquals(1, TpchDataGenerator.fileCount("lineitem", 0.01));
        assertEquals(1, TpchDataGenerator.fileCount("lineitem", 0.1));
        assertEquals(8, TpchDataGenerator.fileCount("lineitem", 1));
        assertEquals(16, TpchDataGenerator.fileCount("orders", 10));
        assertEquals(1, TpchDataGenerator.fileCount("nation", 10));

        java.nio.file.Path root = dir.resolve("split");
        Map<String, Long> rows = TpchDataGenerator.generate(new Configuration(), new Path(root.toUri()), 0.19, List.of("Customer"), 256 * 1024);
        assertEquals(Map.of("customer", 28500L), rows);
        String files = "read_parquet('" + root.resolve("customer") + "/*.parquet')";
        assertEquals(2, queryLong("SELECT count(DISTINCT filename) FROM read_parquet('" + root.resolve("customer")
                + "/*.parquet', filename = true)"));
        assertEquals(28500L, queryLong("SELECT count(DISTINCT c_custkey) FROM " + files));
        assertEquals(1L, queryLong("SELECT min(c_custkey) FROM " + files));
        assertTrue(queryLong("SELECT count(*) FROM parquet_metadata('" + root.resolve("customer") + "/part-00000.parquet') "
                + "WHERE column_id = 0") > 2, "small row groups should give several per file");
    }

    @Test
    void failedTableLeavesNothingBehind()
            throws IOException
    {
        Configuration conf = new Configuration();
        conf.set("fs.failing.impl", FailingFileSystem.class.getName());
        conf.setBoolean("fs.failing.impl.disable.cache", true);
        java.nio.file.Path root = dir.resolve("failing");
        Path failingRoot = new Path("failing://" + root.toAbsolutePath());

        RuntimeException e = assertThrows(RuntimeException.class,
                () -> TpchDataGenerator.generate(conf, failingRoot, 0.19, List.of("part", "customer")));
        assertTrue(e.getMessage().contains("injected failure"), e.getMessage());
        try (Stream<java.nio.file.Path> entries = Files.list(root)) {
            assertEquals(List.of("customer"), entries.map(p -> p.getFileName().toString()).toList(),
                    "the finished table stays, the failed one leaves neither its directory nor its temporary one");
        }

        Files.createDirectories(dir.resolve("foreign").resolve("region"));
        IllegalStateException foreign = assertThrows(IllegalStateException.class, () -> TpchDataGenerator.generate(
                new Configuration(), new Path(dir.resolve("foreign").toUri()), 0.01, List.of("region")));
        assertTrue(foreign.getMessage().contains("has no _SUCCESS marker"), foreign.getMessage());
        assertTrue(Files.isDirectory(dir.resolve("foreign").resolve("region")), "a directory it did not write is left alone");

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> TpchDataGenerator.generate(
                new Configuration(), new Path(dir.resolve("unknown").toUri()), 0.01, List.of("lineitems")));
        assertTrue(unknown.getMessage().contains("'lineitems'") && unknown.getMessage().contains("lineitem"), unknown.getMessage());
    }

    /** The local file system under the scheme {@code failing:}, refusing to create the second file of table part. */
    public static final class FailingFileSystem
            extends RawLocalFileSystem
    {
        @Override
        public URI getUri()
        {
            return URI.create("failing:///");
        }

        @Override
        public String getScheme()
        {
            return "failing";
        }

        @Override
        public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize, Progressable progress)
                throws IOException
        {
            refuseSecondFile(f);
            return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
        }

        @Override
        public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication,
                long blockSize, Progressable progress)
                throws IOException
        {
            refuseSecondFile(f);
            return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
        }

        private static void refuseSecondFile(Path f)
                throws IOException
        {
            if (f.getParent().getName().equals("_tmp-part") && f.getName().equals("part-00001.parquet")) {
                throw new IOException("injected failure creating " + f);
            }
        }
    }

    private static String table(String name)
    {
        return "read_parquet('" + tables.resolve(name) + "/*.parquet')";
    }

    private static long queryLong(String sql)
            throws SQLException
    {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            assertTrue(result.next());
            long value = result.getLong(1);
            assertFalse(result.next());
            return value;
        }
    }

    private static String queryString(String sql)
            throws SQLException
    {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            assertTrue(result.next());
            return result.getString(1);
        }
    }
}
