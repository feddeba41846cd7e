package io.spindle.am.sql;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.sql.AnalysisException;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.SpindleSession;
import io.spindle.sql.parser.ParseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code session.sql(...)} in local mode: each construct on tables with nulls, checked against DuckDB running
 * the same text over the same files; commands, errors, and the plans SQL shares with the DataFrame API.
 */
class SqlQueryTest
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
        // Spark's order of nulls: first when ascending, last when descending
        fixture.oracle().execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
        String emp = fixture.writeTable("emp", "SELECT CAST(i AS BIGINT) AS id, CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i % 5 AS INTEGER) END AS dept,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(i * 3 % 1000 AS DOUBLE) END AS salary,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE (['anna', 'bob', 'carl', 'dora'])[i % 4 + 1] || CAST(i % 9 AS VARCHAR) END AS name,"
                + " DATE '1994-01-01' + CAST(i % 900 AS INTEGER) AS hired FROM range(0, 3000) r(i)", 512);
        String dept = fixture.writeTable("dept", "SELECT CASE WHEN i = 6 THEN NULL ELSE CAST(i AS INTEGER) END AS dept,"
                + " (['sales', 'eng', 'ops', 'hr', 'legal', 'none', 'null'])[i + 1] AS dname FROM range(0, 7) r(i)", 512);
        session.sql("CREATE TEMPORARY VIEW emp USING parquet OPTIONS (path '" + emp + "')");
        session.sql("CREATE OR REPLACE TEMPORARY VIEW dept USING parquet OPTIONS (path '" + dept + "')");
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    /** Runs {@code sql} in both engines: DuckDB's tables {@code emp} and {@code dept} hold what Spindle's views read. */
    private static void check(String sql)
    {
        check(sql, sql);
    }

    /** As {@link #check(String)}, where DuckDB needs other text for the same answer. */
    private static void check(String sql, String duckSql)
    {
        List<Row> actual = session.sql(sql).collect();
        List<Row> expected = fixture.oracle().query(duckSql);
        if (sql.toLowerCase().contains("order by")) {
            DuckDbOracle.assertSameRows(expected, actual);
        }
        else {
            DuckDbOracle.assertSameRowsUnordered(expected, actual);
        }
    }

    @Test
    void projectionFilterAndOrder()
    {
        check("SELECT id, salary * 2 AS double_salary, name FROM emp WHERE dept = 3 AND salary > 100 ORDER BY id DESC LIMIT 20");
        check("SELECT * FROM emp WHERE name LIKE 'b%' AND NOT (dept IS NULL) ORDER BY 1");
        check("SELECT e.id, e.name FROM emp e WHERE e.name NOT LIKE '%a%' AND e.salary BETWEEN 10 AND 500 AND e.dept IN (1, 2) ORDER BY e.id");
        check("SELECT id, dept FROM emp WHERE salary IS NULL ORDER BY dept NULLS LAST, id DESC");
        check("SELECT id, dept FROM emp ORDER BY salary DESC NULLS FIRST, id LIMIT 30");
        check("SELECT id, name FROM emp ORDER BY id LIMIT 7 OFFSET 2995");
        check("SELECT id FROM emp WHERE dept = 2 ORDER BY salary, id LIMIT 5 OFFSET 100");
        check("SELECT dept, count(*) FROM emp GROUP BY dept ORDER BY 2 DESC, 1 NULLS FIRST OFFSET 2");
    }

    @Test
    void expressions()
    {
        check("SELECT id, CASE WHEN salary > 500 THEN 'high' WHEN salary > 100 THEN 'mid' ELSE NULL END AS band,"
                + " CASE dept WHEN 1 THEN 'one' WHEN 2 THEN 'two' END AS word, CAST(salary AS BIGINT) AS whole,"
                + " coalesce(name, 'nobody') AS who, upper(name) AS up, substring(name, 2, 3) AS part, length(name) AS len"
                + " FROM emp ORDER BY id LIMIT 100");
        // date + interval is a date in Spark, a timestamp in DuckDB
        check("SELECT id, extract(year FROM hired) AS y, extract(month FROM hired) AS m, hired + interval '10' day AS later"
                        + " FROM emp WHERE hired >= DATE '1995-03-01' AND hired < DATE '1995-03-01' + INTERVAL '1' MONTH ORDER BY id",
                "SELECT id, extract(year FROM hired) AS y, extract(month FROM hired) AS m, CAST(hired + interval '10' day AS DATE) AS later"
                        + " FROM emp WHERE hired >= DATE '1995-03-01' AND hired < DATE '1995-03-01' + INTERVAL '1' MONTH ORDER BY id");
        check("SELECT id, -salary AS neg, id % 7 AS r, salary / 4 AS q FROM emp WHERE id < 50 ORDER BY id");
    }

    @Test
    void aggregation()
    {
        check("SELECT dept, count(*) AS n, count(salary) AS paid, sum(salary) AS total, avg(salary), min(name), max(hired)"
                + " FROM emp GROUP BY dept ORDER BY dept");
        check("SELECT dept % 2 AS parity, sum(salary) / count(*) AS mean FROM emp GROUP BY dept % 2 ORDER BY 1");
        check("SELECT dept, count(*) FROM emp GROUP BY 1 HAVING count(*) > 500 AND sum(salary) > 0 ORDER BY 2 DESC");
        check("SELECT dept, count(DISTINCT name) AS names FROM emp GROUP BY dept ORDER BY dept");
        check("SELECT dept, count(DISTINCT name), count(*), sum(salary), max(hired) FROM emp GROUP BY dept ORDER BY dept");
        check("SELECT count(DISTINCT dept), min(name) FROM emp WHERE id < 0");
        check("SELECT count(*), sum(salary), max(id) FROM emp");
        check("SELECT DISTINCT dept FROM emp ORDER BY dept");
        check("SELECT dept FROM emp GROUP BY dept ORDER BY sum(salary) DESC");
        // variance and standard deviation, sample and population; one row makes the sample forms null
        check("SELECT dept, stddev(salary), stddev_pop(salary), variance(salary), var_pop(id), stddev_samp(CAST(id AS DECIMAL(10, 2)))"
                + " FROM emp GROUP BY dept ORDER BY dept");
        check("SELECT var_samp(salary), stddev(salary), var_pop(salary) FROM emp WHERE id = 1");
        check("SELECT name, count(DISTINCT dept), stddev(salary) FROM emp GROUP BY name ORDER BY name");
        // aggregates over the rows that pass their FILTER
        check("SELECT dept, count(*) FILTER (WHERE salary > 500) AS rich, sum(salary) FILTER (WHERE name LIKE 'a%'),"
                + " count(DISTINCT name) FILTER (WHERE id % 2 = 0), avg(salary) FROM emp GROUP BY dept ORDER BY dept");
        // distinct aggregates of different arguments, beside plain ones (avg too), grouped and not
        check("SELECT dept, count(DISTINCT name), sum(DISTINCT salary), avg(DISTINCT salary), count(*), avg(salary), max(hired)"
                + " FROM emp GROUP BY dept ORDER BY dept");
        check("SELECT count(DISTINCT dept), count(DISTINCT name), sum(DISTINCT id % 10), min(salary) FROM emp");
        check("SELECT name, count(DISTINCT dept) AS depts, count(DISTINCT hired) FROM emp WHERE id < 400 GROUP BY name HAVING count(DISTINCT dept) > 1 ORDER BY name");
    }

    @Test
    void joins()
    {
        check("SELECT e.id, d.dname FROM emp e JOIN dept d ON e.dept = d.dept WHERE e.id < 100 ORDER BY e.id");
        check("SELECT e.id, d.dname FROM emp e, dept d WHERE e.dept = d.dept AND d.dname <> 'eng' ORDER BY e.id");
        check("SELECT e.id, d.dname FROM emp e LEFT JOIN dept d ON e.dept = d.dept ORDER BY e.id");
        check("SELECT e.id, d.dname FROM emp e RIGHT OUTER JOIN dept d ON e.dept = d.dept AND e.id < 10 ORDER BY d.dname, e.id");
        check("SELECT e.id, d.dname FROM emp e FULL OUTER JOIN dept d ON e.dept = d.dept AND e.id < 10 ORDER BY d.dname, e.id");
        check("SELECT dept, id, dname FROM emp JOIN dept USING (dept) ORDER BY id");
        check("SELECT d.dname, count(*) FROM dept d CROSS JOIN emp e WHERE e.id < 3 GROUP BY d.dname ORDER BY 1");
    }

    @Test
    void semiAndAntiJoinSyntax()
    {
        List<Row> semi = session.sql("SELECT d.dname FROM dept d LEFT SEMI JOIN emp e ON d.dept = e.dept ORDER BY 1").collect();
        List<Row> expected = fixture.duck("SELECT d.dname FROM $dept d WHERE EXISTS (SELECT 1 FROM $emp e WHERE d.dept = e.dept) ORDER BY 1");
        DuckDbOracle.assertSameRows(expected, semi);
        List<Row> anti = session.sql("SELECT d.dname FROM dept d ANTI JOIN emp e ON d.dept = e.dept ORDER BY 1").collect();
        DuckDbOracle.assertSameRows(fixture.duck("SELECT d.dname FROM $dept d WHERE NOT EXISTS (SELECT 1 FROM $emp e WHERE d.dept = e.dept) ORDER BY 1"), anti);
    }

    @Test
    void groupingSetsRollupAndCube()
    {
        // a null in a key is either a null group or a rolled-up one: grouping() tells them apart
        check("SELECT dept, name, count(*), sum(salary) FROM emp WHERE id < 300 GROUP BY ROLLUP(dept, name)");
        check("SELECT dept, name, count(*), grouping(dept), grouping_id() FROM emp WHERE id < 300 GROUP BY CUBE(dept, name)",
                "SELECT dept, name, count(*), GROUPING(dept), GROUPING(dept, name) FROM emp WHERE id < 300 GROUP BY CUBE(dept, name)");
        check("SELECT dept, name, max(hired) FROM emp GROUP BY GROUPING SETS ((dept), (name), ()) HAVING count(*) > 10");
        check("SELECT dept, extract(year FROM hired) AS y, avg(salary) FROM emp GROUP BY dept, extract(year FROM hired) WITH ROLLUP",
                "SELECT dept, extract(year FROM hired) AS y, avg(salary) FROM emp GROUP BY ROLLUP(dept, extract(year FROM hired))");
        check("SELECT dept, count(DISTINCT name) FROM emp GROUP BY ROLLUP(dept)");
    }

    @Test
    void setOperations()
    {
        check("SELECT dept FROM emp WHERE id < 20 UNION ALL SELECT dept FROM dept ORDER BY 1");
        check("SELECT dept FROM emp UNION SELECT dept FROM dept ORDER BY dept");
        check("SELECT dept FROM emp WHERE id < 30 INTERSECT SELECT dept FROM dept WHERE dept < 3 ORDER BY 1");
        check("SELECT dept FROM dept EXCEPT SELECT dept FROM emp WHERE dept > 2 ORDER BY 1");
        // bags: a row m times on the left and n on the right comes out min(m, n) times, or max(m - n, 0); nulls match nulls
        check("SELECT dept, id % 3 AS r FROM emp WHERE id < 200 INTERSECT ALL SELECT dept, id % 2 FROM emp WHERE id >= 150 AND id < 260");
        check("SELECT dept, id % 3 AS r FROM emp WHERE id < 200 EXCEPT ALL SELECT dept, id % 2 FROM emp WHERE id >= 150 AND id < 260");
        check("SELECT name FROM emp WHERE id < 100 EXCEPT ALL SELECT name FROM emp WHERE id < 40 ORDER BY 1");
        check("SELECT salary FROM emp WHERE id < 500 INTERSECT ALL SELECT salary FROM emp WHERE id >= 300 ORDER BY 1");
    }

    @Test
    void selectWithoutFrom()
    {
        check("SELECT 1 AS one, 'a' || 'b' AS ab, upper('x') AS up, DATE '2024-02-28' + INTERVAL '2' DAY AS later, CAST(NULL AS INT) AS none",
                "SELECT 1 AS one, 'a' || 'b' AS ab, upper('x') AS up, CAST(DATE '2024-02-28' + INTERVAL '2' DAY AS DATE) AS later,"
                        + " CAST(NULL AS INT) AS none");
        check("SELECT 2 AS x UNION ALL SELECT 3 UNION ALL SELECT 2 ORDER BY 1");
        check("SELECT id FROM emp WHERE dept = (SELECT 3) AND id < 60 ORDER BY id");
        check("SELECT count(*) AS n, sum(x) FROM (SELECT 5 AS x UNION ALL SELECT 7)");
        // VALUES: constants widened per column to one type, named col1, col2, ... or by the alias
        check("SELECT * FROM VALUES (1, 'a', 2.5), (2, NULL, 3), (-3, 'c', NULL) AS t(x, y, z) ORDER BY x",
                "SELECT * FROM (VALUES (1, 'a', 2.5), (2, NULL, 3), (-3, 'c', NULL)) AS t(x, y, z) ORDER BY x");
        check("SELECT d.dname, v.bonus FROM dept d JOIN (VALUES (1, 100), (2, 250), (9, 1)) v(dept, bonus) ON d.dept = v.dept ORDER BY 1");
        check("VALUES (1 + 1, upper('q')), (3, 'r')", "SELECT * FROM (VALUES (2, 'Q'), (3, 'r'))");
        assertTrue(session.sql("SELECT * FROM VALUES (1), (2)").physicalPlan().treeString().contains("LocalTableScan"));
        assertEquals(List.of("col1", "col2"), List.of(session.sql("VALUES (1, 'x')").columns()));
    }

    @Test
    void subqueries()
    {
        check("WITH big AS (SELECT dept, sum(salary) AS total FROM emp GROUP BY dept), named AS (SELECT * FROM big JOIN dept USING (dept))"
                + " SELECT dname, total FROM named ORDER BY total DESC");
        check("SELECT t.dept, t.n FROM (SELECT dept, count(*) AS n FROM emp GROUP BY dept) t WHERE t.n > 100 ORDER BY t.dept");
        check("SELECT id FROM emp WHERE salary > (SELECT avg(salary) FROM emp) AND id < 200 ORDER BY id");
        check("SELECT dname FROM dept WHERE dept IN (SELECT dept FROM emp WHERE salary > 990) ORDER BY dname");
        check("SELECT dname FROM dept WHERE dept NOT IN (SELECT dept FROM emp WHERE dept IS NOT NULL AND id < 100) ORDER BY dname");
        check("SELECT dname FROM dept WHERE dept NOT IN (SELECT dept FROM emp) ORDER BY dname");
        check("SELECT dname FROM dept d WHERE EXISTS (SELECT * FROM emp e WHERE e.dept = d.dept AND e.salary > 995) ORDER BY dname");
        check("SELECT dname FROM dept d WHERE NOT EXISTS (SELECT * FROM emp e WHERE e.dept = d.dept AND e.id < 40) ORDER BY dname");
        check("SELECT dname FROM dept d WHERE d.dname IN (SELECT e.name FROM emp e WHERE e.dept = d.dept) ORDER BY dname");
        check("SELECT id, salary FROM emp e WHERE salary > (SELECT avg(salary) * 1.5 FROM emp i WHERE i.dept = e.dept) ORDER BY id LIMIT 50");
        // a correlated count over no rows is 0, and a scalar subquery without rows is null
        check("SELECT dname FROM dept d WHERE (SELECT count(*) FROM emp e WHERE e.dept = d.dept AND e.id < 3) = 0 ORDER BY dname");
        check("SELECT id, (SELECT dname FROM dept WHERE dept > 100) AS nothing, (SELECT max(dept) FROM dept) AS top FROM emp WHERE id < 5 ORDER BY id");
        // EXISTS anywhere: in OR, in CASE, in the select list, correlated or not
        check("SELECT dname FROM dept d WHERE dept = 0 OR EXISTS (SELECT * FROM emp e WHERE e.dept = d.dept AND e.salary > 995) ORDER BY dname");
        check("SELECT dname, CASE WHEN EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.dept AND e.id < 40) THEN 'early' ELSE 'late' END AS era,"
                + " NOT EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.dept AND e.name LIKE 'dora%') AS no_dora FROM dept d ORDER BY dname");
        check("SELECT id, EXISTS (SELECT 1 FROM dept WHERE dept > 100) AS any_big FROM emp WHERE id < 3 ORDER BY id");
        // IN (subquery) anywhere, with SQL's nulls: dept holds a null, so NOT IN is null where there is no match
        check("SELECT id FROM emp WHERE id IN (1, 2) OR dept IN (SELECT dept FROM dept WHERE dname LIKE 'e%') ORDER BY id LIMIT 40");
        check("SELECT id, dept, dept IN (SELECT dept FROM dept WHERE dept > 2) AS big, dept NOT IN (SELECT dept FROM dept) AS unknown,"
                + " dept IN (SELECT dept FROM dept WHERE dept < 0) AS never FROM emp WHERE id < 30 ORDER BY id");
        // a subquery that is not an aggregate is checked to return one row: here it does
        check("SELECT id, (SELECT dname FROM dept WHERE dept = 2) AS two FROM emp WHERE id < 5 ORDER BY id");
        RuntimeException many = assertThrows(RuntimeException.class,
                () -> session.sql("SELECT id, (SELECT dname FROM dept WHERE dept < 3) AS d FROM emp WHERE id < 5").collect());
        assertTrue(many.getMessage().contains("more than one row returned by a subquery used as an expression"), many.getMessage());
    }

    @Test
    void windowFunctions()
    {
        check("SELECT id, dept, row_number() OVER (PARTITION BY dept ORDER BY id) AS rn,"
                + " sum(salary) OVER (PARTITION BY dept ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running"
                + " FROM emp WHERE id < 300 ORDER BY id");
        // windows over the groups of a GROUP BY, ranking and summing aggregates
        check("SELECT dept, sum(salary) AS total, rank() OVER (ORDER BY sum(salary) DESC) AS place,"
                + " sum(sum(salary)) OVER (ORDER BY dept ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running"
                + " FROM emp WHERE dept IS NOT NULL GROUP BY dept ORDER BY dept");
        check("SELECT dept, name, count(*) AS n, row_number() OVER (PARTITION BY dept ORDER BY count(*) DESC, name) AS r"
                + " FROM emp WHERE name IS NOT NULL GROUP BY dept, name ORDER BY dept, r");
    }

    @Test
    void viewsAndCommands()
    {
        session.sql("CREATE OR REPLACE TEMPORARY VIEW rich AS SELECT id, name FROM emp WHERE salary > 900");
        check("SELECT count(*) FROM emp WHERE salary > 900");
        assertEquals(session.sql("SELECT * FROM rich").count(), session.sql("SELECT id FROM emp WHERE salary > 900").count());
        fixture.read("dept").createOrReplaceTempView("dept_from_frame");
        assertEquals(7, session.sql("SELECT * FROM dept_from_frame").count());

        List<Row> tables = session.sql("SHOW TABLES").collect();
        assertTrue(tables.stream().anyMatch(r -> r.get(1).equals("rich")), tables.toString());
        List<Row> columns = session.sql("DESCRIBE emp").collect();
        assertEquals(List.of("id", "bigint"), List.of(columns.get(0).get(0), columns.get(0).get(1)));
        assertEquals("date", columns.get(4).get(1));

        String plan = (String) session.sql("EXPLAIN SELECT dept, count(*) FROM emp GROUP BY dept").collect().get(0).get(0);
        assertTrue(plan.startsWith("== Physical Plan =="), plan);
        String extended = (String) session.sql("EXPLAIN EXTENDED SELECT * FROM emp").collect().get(0).get(0);
        assertTrue(extended.contains("== Optimized Logical Plan =="), extended);
        String cost = (String) session.sql("explain cost select * from emp").collect().get(0).get(0);
        assertTrue(cost.contains("sizeInBytes") || cost.contains("rowCount"), cost);
        assertTrue(((String) session.sql("EXPLAIN FORMATTED SELECT * FROM emp").collect().get(0).get(0)).contains("Scan"));

        AnalysisException exists = assertThrows(AnalysisException.class, () -> session.sql("CREATE TEMPORARY VIEW rich AS SELECT 1 AS one FROM emp"));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
    }

    @Test
    void sqlAndDataFrameBuildTheSameOptimizedPlan()
    {
        DataFrame emp = session.table("emp");
        DataFrame fromFrame = emp.filter(col("salary").gt(100)).groupBy("dept").agg(sum("salary"));
        DataFrame fromSql = session.sql("SELECT dept, sum(salary) FROM emp WHERE salary > 100 GROUP BY dept");
        assertEquals(fromFrame.explainString("extended").split("== Optimized Logical Plan ==")[1],
                fromSql.explainString("extended").split("== Optimized Logical Plan ==")[1]);

        DataFrame dept = session.table("dept");
        DataFrame joinedFrame = emp.alias("e").join(dept.alias("d"), col("e.dept").equalTo(col("d.dept"))).select(col("e.id"), col("d.dname"))
                .orderBy(col("id"));
        DataFrame joinedSql = session.sql("SELECT e.id, d.dname FROM emp e JOIN dept d ON e.dept = d.dept ORDER BY id");
        assertEquals(joinedFrame.explainString("extended").split("== Optimized Logical Plan ==")[1],
                joinedSql.explainString("extended").split("== Optimized Logical Plan ==")[1]);
    }

    @Test
    void errorsNameWhatIsWrong()
    {
        ParseException syntax = assertThrows(ParseException.class, () -> session.sql("SELECT id FROM emp WHERE"));
        assertTrue(syntax.getMessage().startsWith("line 1:24: mismatched input '<EOF>' expecting"), syntax.getMessage());
        AnalysisException column = assertThrows(AnalysisException.class, () -> session.sql("SELECT salry FROM emp"));
        assertTrue(column.getMessage().startsWith("line 1:7: column 'salry' not found in [id, dept, salary, name, hired]; did you mean 'salary'?"),
                column.getMessage());
        AnalysisException inner = assertThrows(AnalysisException.class,
                () -> session.sql("SELECT id\nFROM emp e\nWHERE EXISTS (SELECT * FROM dept d WHERE d.dept = e.deptt)"));
        assertTrue(inner.getMessage().startsWith("line 3:50: column 'e.deptt' not found"), inner.getMessage());
        AnalysisException table = assertThrows(AnalysisException.class, () -> session.sql("SELECT * FROM emps"));
        assertTrue(table.getMessage().contains("table or view 'emps' not found") && table.getMessage().contains("did you mean 'emp'?"), table.getMessage());
        AnalysisException grouping = assertThrows(AnalysisException.class, () -> session.sql("SELECT dept, name FROM emp GROUP BY dept"));
        assertTrue(grouping.getMessage().contains("'name' is neither in GROUP BY nor inside an aggregate"), grouping.getMessage());
        AnalysisException filter = assertThrows(AnalysisException.class, () -> session.sql("SELECT upper(name) FILTER (WHERE id > 1) FROM emp"));
        assertTrue(filter.getMessage().contains("FILTER is allowed only after an aggregate function, not after upper"), filter.getMessage());
        AnalysisException ambiguous = assertThrows(AnalysisException.class, () -> session.sql("SELECT dept FROM emp e JOIN dept d ON e.dept = d.dept"));
        assertTrue(ambiguous.getMessage().contains("ambiguous"), ambiguous.getMessage());
    }

    @Test
    void mathAndNullFunctions()
    {
        check("SELECT id, abs(dept - 2), round(salary / 8, 2), round(salary / 4), round(dept * 25, -2), floor(salary / 7), ceiling(salary / 7),"
                        + " sqrt(salary), power(dept, 2), pow(dept - 3, 3), mod(id, 7), pmod(dept - 3, 4), sign(dept - 2), greatest(dept, 2, id % 3),"
                        + " least(salary, 500.0), nvl(dept, -1), ifnull(name, 'none'), nullif(dept, 0), nvl2(name, 1, 0), log(salary + 1),"
                        + " ln(salary), log10(salary + 1), log(2, salary + 1), exp(dept) FROM emp",
                // DuckDB: floor and ceil keep the double, sign is an integer, the logarithm of 0 fails, no pmod, nvl or nvl2
                "SELECT id, abs(dept - 2), round(salary / 8, 2), round(salary / 4), CAST(round(dept * 25, -2) AS INTEGER), CAST(floor(salary / 7) AS BIGINT),"
                        + " CAST(ceiling(salary / 7) AS BIGINT), sqrt(salary), power(dept, 2), pow(dept - 3, 3), id % 7,"
                        + " CASE WHEN (dept - 3) % 4 < 0 THEN ((dept - 3) % 4 + 4) % 4 ELSE (dept - 3) % 4 END, CAST(sign(dept - 2) AS DOUBLE),"
                        + " greatest(dept, 2, id % 3), least(salary, 500.0), coalesce(dept, -1), ifnull(name, 'none'), nullif(dept, 0),"
                        + " CASE WHEN name IS NOT NULL THEN 1 ELSE 0 END, ln(salary + 1), CASE WHEN salary > 0 THEN ln(salary) END, log10(salary + 1),"
                        + " ln(salary + 1) / ln(2), exp(dept) FROM emp");
    }

    @Test
    void stringFunctions()
    {
        check("SELECT id, replace(name, 'a', 'A'), replace(name, 'o'), regexp_replace(name, '[0-9]', '#'), regexp_extract(name, '([a-z]+)([0-9])', 1),"
                        + " lpad(name, 6, '.'), rpad(name, 6, '.'), lpad(name, 2), ltrim(concat('  ', name)), rtrim(concat(name, '  ')), instr(name, 'o'),"
                        + " locate('o', name), concat_ws('/', name, dept), initcap(name), reverse(name), repeat(name, 2), left(name, 2), right(name, 2)"
                        + " FROM emp",
                // DuckDB replaces every match with 'g', its concat skips nulls, and it has no initcap (a name is one lower-case word here)
                "SELECT id, replace(name, 'a', 'A'), replace(name, 'o', ''), regexp_replace(name, '[0-9]', '#', 'g'), regexp_extract(name, '([a-z]+)([0-9])', 1),"
                        + " lpad(name, 6, '.'), rpad(name, 6, '.'), lpad(name, 2, ' '), ltrim('  ' || name), rtrim(name || '  '), instr(name, 'o'),"
                        + " instr(name, 'o'), concat_ws('/', name, dept), upper(name[1]) || name[2:], reverse(name), repeat(name, 2), left(name, 2), right(name, 2)"
                        + " FROM emp");
    }

    @Test
    void dateFunctionsAndMonthIntervalsOnColumns()
    {
        check("SELECT id, hired + INTERVAL 1 MONTH, hired - INTERVAL '2' YEAR, hired + INTERVAL -3 MONTHS, hired - INTERVAL 1 WEEK, add_months(hired, dept),"
                        + " last_day(hired), trunc(hired, 'MM'), quarter(hired), dayofweek(hired), dayofyear(hired), weekofyear(hired),"
                        + " date_format(hired, 'yyyy-MM'), to_date(date_format(hired, 'MM/dd/yyyy'), 'MM/dd/yyyy'), datediff(current_date, hired) > 0,"
                        + " current_date() = current_date FROM emp WHERE hired + INTERVAL 1 MONTH < DATE '1996-03-01'",
                // DuckDB's date + interval is a timestamp, and its dayofweek counts from 0 for Sunday
                "SELECT id, CAST(hired + INTERVAL 1 MONTH AS DATE), CAST(hired - INTERVAL 2 YEAR AS DATE), CAST(hired - INTERVAL 3 MONTH AS DATE),"
                        + " CAST(hired - INTERVAL 7 DAY AS DATE), CAST(hired + to_months(dept) AS DATE), last_day(hired), CAST(date_trunc('month', hired) AS DATE),"
                        + " quarter(hired), dayofweek(hired) + 1, dayofyear(hired), weekofyear(hired), strftime(hired, '%Y-%m'), hired, true, true"
                        + " FROM emp WHERE hired + INTERVAL 1 MONTH < DATE '1996-03-01'");
        // January 31 in a common and a leap year, and the last of a 31-day month into a 30-day one
        check("SELECT DATE '1995-01-31' + INTERVAL 1 MONTH, add_months('1996-01-31', 1), add_months(DATE '1994-03-31', 1),"
                        + " add_months(DATE '1996-02-29', 12), add_months(hired, -1) FROM emp WHERE id = 1",
                "SELECT DATE '1995-02-28', DATE '1996-02-29', DATE '1994-04-30', DATE '1997-02-28', DATE '1993-12-02' FROM emp WHERE id = 1");
    }

    @Test
    void functionErrorsNameTheFunction()
    {
        AnalysisException unknown = assertThrows(AnalysisException.class, () -> session.sql("SELECT nvl3(dept, 1) FROM emp"));
        assertTrue(unknown.getMessage().startsWith("line 1:7: function 'nvl3' is not known; use one of sum, avg,"), unknown.getMessage());
        for (String name : List.of("nvl2", "date_format", "regexp_extract", "greatest", "weekofyear", "current_date", "ceiling", "left", "mod")) {
            assertTrue(unknown.getMessage().contains(" " + name + ",") || unknown.getMessage().endsWith(" " + name), name + " in " + unknown.getMessage());
        }
        AnalysisException arity = assertThrows(AnalysisException.class, () -> session.sql("SELECT nvl(dept) FROM emp"));
        assertEquals("nvl takes 2 arguments, not 1, in nvl(dept)", arity.getMessage());
        AnalysisException wide = assertThrows(AnalysisException.class, () -> session.sql("SELECT round(CAST(salary AS DECIMAL(20, 2)), 1) FROM emp"));
        assertTrue(wide.getMessage().startsWith("round of a decimal wider than 18 digits is not supported yet; cast it to double"), wide.getMessage());
        AnalysisException interval = assertThrows(AnalysisException.class, () -> session.sql("SELECT hired + INTERVAL 1 HOUR FROM emp"));
        assertTrue(interval.getMessage().contains("interval unit 'hour' is not supported; use day, week, month or year"), interval.getMessage());
        assertEquals(List.of(java.time.LocalDate.now()), session.sql("SELECT current_date FROM emp WHERE id = 1").collect().stream().map(r -> r.get(0)).toList());
    }
}
