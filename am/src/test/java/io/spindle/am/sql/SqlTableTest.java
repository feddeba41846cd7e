package io.spindle.am.sql;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.sql.AnalysisException;
import io.spindle.sql.Row;
import io.spindle.sql.SpindleSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code CREATE TABLE ... LOCATION}, {@code INSERT} and {@code ANALYZE TABLE} in local mode: the files a table's
 * statements write are read back by Spindle and by DuckDB, and checked against DuckDB running the same queries
 * over the source rows; measured statistics are checked against DuckDB's counts and seen in {@code EXPLAIN COST}.
 */
class SqlTableTest
{
    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;
    private static SpindleSession session;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "16k", 3);
        session = fixture.session();
        // Spark's order of nulls: first when ascending
        fixture.oracle().execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
        String emp = fixture.writeTable("emp", "SELECT CAST(i AS BIGINT) AS id, CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i % 5 AS INTEGER) END AS dept,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(i * 3 % 1000 AS DOUBLE) END AS salary,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE (['anna', 'bob', 'carl', 'dora'])[i % 4 + 1] || CAST(i % 9 AS VARCHAR) END AS name,"
                + " DATE '1994-01-01' + CAST(i % 900 AS INTEGER) AS hired FROM range(0, 3000) r(i)", 512);
        session.sql("CREATE TEMPORARY VIEW emp USING parquet OPTIONS (path '" + emp + "')");
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    private static String location(String name)
    {
        return dir.resolve("tables").resolve(name).toString();
    }

    /** DuckDB's rows for {@code sql} over the Parquet files at a table's location, {@code $files} standing for them. */
    private static List<Row> duckOverFiles(String table, String sql)
    {
        return fixture.oracle().query(sql.replace("$files", "read_parquet('" + location(table) + "/*.parquet')"));
    }

    @Test
    void createTableAsSelectWritesParquetAndRegistersTheTable()
    {
        session.sql("CREATE TABLE rich USING parquet LOCATION '" + location("rich") + "' AS SELECT id, dept, salary, name FROM emp WHERE salary > 500");
        String query = "SELECT dept, count(*) AS n, sum(salary) AS total, min(name) AS first FROM %s GROUP BY dept ORDER BY dept";
        List<Row> expected = fixture.oracle().query(String.format(query, "(SELECT * FROM emp WHERE salary > 500)"));
        DuckDbOracle.assertSameRows(expected, session.sql(String.format(query, "rich")).collect());
        DuckDbOracle.assertSameRows(expected, duckOverFiles("rich", String.format(query, "$files")));
        assertEquals(session.sql("SELECT * FROM emp WHERE salary > 500").count(), session.table("rich").count());

        List<Row> tables = session.sql("SHOW TABLES").collect();
        assertTrue(tables.stream().anyMatch(r -> r.get(1).equals("rich") && r.get(2).equals(false)), tables.toString());
        assertTrue(tables.stream().anyMatch(r -> r.get(1).equals("emp") && r.get(2).equals(true)), tables.toString());

        AnalysisException taken = assertThrows(AnalysisException.class,
                () -> session.sql("CREATE TABLE rich USING parquet LOCATION '" + location("other") + "' AS SELECT id FROM emp"));
        assertTrue(taken.getMessage().contains("table 'rich' already exists"), taken.getMessage());
        AnalysisException notEmpty = assertThrows(AnalysisException.class,
                () -> session.sql("CREATE TABLE rich2 USING parquet LOCATION '" + location("rich") + "' AS SELECT id FROM emp"));
        assertTrue(notEmpty.getMessage().contains("location " + location("rich") + " is not empty"), notEmpty.getMessage());
        assertFalse(session.sql("SHOW TABLES").collect().stream().anyMatch(r -> r.get(1).equals("rich2")), "a failed CTAS registers nothing");
        AnalysisException noLocation = assertThrows(AnalysisException.class, () -> session.sql("CREATE TABLE t USING parquet AS SELECT id FROM emp"));
        assertTrue(noLocation.getMessage().contains("needs LOCATION"), noLocation.getMessage());
    }

    @Test
    void createTableOverExistingFilesAndIntoAnEmptyDirectory()
            throws IOException
    {
        session.sql("CREATE TABLE emp_files USING parquet LOCATION '" + dir.resolve("emp") + "'");
        DuckDbOracle.assertSameRows(fixture.oracle().query("SELECT dept, count(*), max(hired) FROM emp GROUP BY dept ORDER BY dept"),
                session.sql("SELECT dept, count(*), max(hired) FROM emp_files GROUP BY dept ORDER BY dept").collect());

        Files.createDirectories(Path.of(location("empty")));
        session.sql("CREATE TABLE into_empty USING parquet LOCATION '" + location("empty") + "' AS SELECT dept, count(*) AS n FROM emp GROUP BY dept");
        DuckDbOracle.assertSameRowsUnordered(fixture.oracle().query("SELECT dept, count(*) FROM emp GROUP BY dept"),
                session.sql("SELECT * FROM into_empty").collect());

        AnalysisException missing = assertThrows(AnalysisException.class,
                () -> session.sql("CREATE TABLE nothing USING parquet LOCATION '" + location("does-not-exist") + "'"));
        assertTrue(missing.getMessage().contains("path does not exist: "), missing.getMessage());
    }

    @Test
    void insertIntoAppendsAndInsertOverwriteReplaces()
    {
        session.sql("CREATE TABLE ins USING parquet LOCATION '" + location("ins") + "' AS SELECT id, dept, salary FROM emp WHERE id < 10");
        session.sql("INSERT INTO ins SELECT id, dept, salary FROM emp WHERE id >= 10 AND id < 25");
        // an int column widens into the table's bigint column, and names come from the table
        session.sql("INSERT INTO TABLE ins SELECT CAST(id AS INT) AS other_name, dept, salary FROM emp WHERE id >= 2995");
        String query = "SELECT id, dept, salary FROM %s ORDER BY id";
        DuckDbOracle.assertSameRows(fixture.oracle().query(String.format(query, "emp WHERE id < 25 OR id >= 2995")),
                session.sql(String.format(query, "ins")).collect());
        DuckDbOracle.assertSameRows(fixture.oracle().query(String.format(query, "emp WHERE id < 25 OR id >= 2995")),
                duckOverFiles("ins", String.format(query, "$files")));

        session.sql("INSERT OVERWRITE TABLE ins SELECT id, dept, salary FROM emp WHERE id BETWEEN 100 AND 140");
        DuckDbOracle.assertSameRows(fixture.oracle().query(String.format(query, "emp WHERE id BETWEEN 100 AND 140")),
                session.sql(String.format(query, "ins")).collect());

        AnalysisException count = assertThrows(AnalysisException.class, () -> session.sql("INSERT INTO ins SELECT id, dept FROM emp"));
        assertTrue(count.getMessage().contains("cannot insert into table 'ins': it has 3 columns [id, dept, salary] but the query gives 2 [id, dept]"),
                count.getMessage());
        AnalysisException type = assertThrows(AnalysisException.class, () -> session.sql("INSERT INTO ins SELECT id, dept, name FROM emp"));
        assertTrue(type.getMessage().contains("query column 3 'name' is string but table column 'salary' is double"), type.getMessage());
        AnalysisException view = assertThrows(AnalysisException.class, () -> session.sql("INSERT INTO emp SELECT * FROM emp"));
        assertTrue(view.getMessage().contains("'emp' is a temporary view, not a table"), view.getMessage());
        assertEquals(41, session.table("ins").count(), "failed inserts change nothing");
    }

    @Test
    void overwritingATableFromItselfAndAnEmptyResult()
    {
        session.sql("CREATE TABLE self USING parquet LOCATION '" + location("self") + "' AS SELECT id, dept FROM emp WHERE id < 100");
        // the job reads the old files before the commit replaces them
        session.sql("INSERT OVERWRITE TABLE self SELECT id, dept FROM self WHERE id < 40");
        DuckDbOracle.assertSameRows(fixture.oracle().query("SELECT id, dept FROM emp WHERE id < 40 ORDER BY id"),
                session.sql("SELECT * FROM self ORDER BY id").collect());

        session.sql("CREATE TABLE none USING parquet LOCATION '" + location("none") + "' AS SELECT id, name FROM emp WHERE id < 0");
        assertEquals(0, session.table("none").count());
        assertEquals(List.of("id", "name"), session.sql("DESCRIBE none").collect().stream().map(r -> r.get(0)).toList());
    }

    @Test
    void analyzeTableMeasuresRowsAndColumnsForThePlanner()
    {
        session.sql("CREATE TABLE measured USING parquet LOCATION '" + location("measured") + "' AS SELECT * FROM emp");
        String grouped = "EXPLAIN COST SELECT name, count(*) FROM measured GROUP BY name";
        long names = (Long) fixture.oracle().query("SELECT count(DISTINCT name) FROM emp").get(0).get(0);
        // the footers carry no distinct count for strings, so the grouping is estimated at the input's rows
        assertFalse(explain(grouped).contains("rowCount=" + (names + 1) + ")"), explain(grouped));

        session.sql("ANALYZE TABLE measured COMPUTE STATISTICS FOR COLUMNS name, dept");
        String cost = explain(grouped);
        assertTrue(cost.contains("analyzed, Statistics(") && cost.contains("rowCount=3000)"), cost);
        assertTrue(cost.contains("rowCount=" + (names + 1) + ")"), "the measured distinct names and the null group: " + cost);

        Map<String, Row> described = describeExtended("measured");
        assertTrue(described.get("Statistics").get(1).toString().endsWith(" bytes, 3000 rows"), described.toString());
        Row dept = fixture.oracle().query("SELECT min(dept), max(dept), count(*) - count(dept), count(DISTINCT dept) FROM emp").get(0);
        assertEquals("min " + dept.get(0) + ", max " + dept.get(1) + ", num_nulls " + dept.get(2) + ", distinct_count " + dept.get(3),
                described.get("Column Statistics dept").get(1));
        assertTrue(described.get("Column Statistics name").get(1).toString().startsWith("min null, max null, num_nulls "), described.toString());
        assertFalse(described.containsKey("Column Statistics salary"), "salary was not measured");

        session.sql("ANALYZE TABLE measured COMPUTE STATISTICS FOR ALL COLUMNS");
        Row salary = fixture.oracle().query("SELECT min(salary), max(salary), count(*) - count(salary), count(DISTINCT salary) FROM emp").get(0);
        assertEquals("min " + salary.get(0) + ", max " + salary.get(1) + ", num_nulls " + salary.get(2) + ", distinct_count " + salary.get(3),
                describeExtended("measured").get("Column Statistics salary").get(1));
        assertTrue(describeExtended("measured").get("Column Statistics hired").get(1).toString().startsWith("min 1994-01-01, max 1996-06-18"));

        // rows written since make the measurements stale: they are dropped, as Spark does
        session.sql("INSERT INTO measured SELECT * FROM emp WHERE id < 10");
        assertFalse(describeExtended("measured").containsKey("Statistics"));
        assertFalse(explain(grouped).contains("analyzed"), explain(grouped));
        session.sql("ANALYZE TABLE measured COMPUTE STATISTICS");
        assertTrue(describeExtended("measured").get("Statistics").get(1).toString().endsWith(" bytes, 3010 rows"));

        AnalysisException column = assertThrows(AnalysisException.class, () -> session.sql("ANALYZE TABLE measured COMPUTE STATISTICS FOR COLUMNS nam"));
        assertTrue(column.getMessage().contains("column 'nam' not found in [id, dept, salary, name, hired]; did you mean 'name'?"), column.getMessage());
        AnalysisException view = assertThrows(AnalysisException.class, () -> session.sql("ANALYZE TABLE emp COMPUTE STATISTICS"));
        assertTrue(view.getMessage().contains("is a temporary view, not a table"), view.getMessage());
    }

    private static String explain(String sql)
    {
        return (String) session.sql(sql).collect().get(0).get(0);
    }

    private static Map<String, Row> describeExtended(String table)
    {
        return session.sql("DESCRIBE TABLE EXTENDED " + table).collect().stream()
                .collect(Collectors.toMap(r -> (String) r.get(0), Function.identity(), (a, b) -> a));
    }
}
