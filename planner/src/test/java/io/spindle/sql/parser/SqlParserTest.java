package io.spindle.sql.parser;

import io.spindle.sql.parser.SpindleSqlParser.CreateViewAsContext;
import io.spindle.sql.parser.SpindleSqlParser.CreateViewUsingContext;
import io.spindle.sql.parser.SpindleSqlParser.DescribeContext;
import io.spindle.sql.parser.SpindleSqlParser.ExplainContext;
import io.spindle.sql.parser.SpindleSqlParser.QueryStatementContext;
import io.spindle.sql.parser.SpindleSqlParser.ShowTablesContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlParserTest
{
    @Test
    void parsesQueriesWithEveryClause()
    {
        String sql = """
                WITH t AS (SELECT a, b FROM x)
                SELECT DISTINCT t.a AS k, count(*) c, sum(DISTINCT b), CASE WHEN a > 1 THEN 'x' ELSE NULL END,
                       CAST(a AS decimal(10, 2)), EXTRACT(YEAR FROM d), substring(s FROM 1 FOR 2), -a, a || 'z',
                       row_number() OVER (PARTITION BY a ORDER BY b DESC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                FROM t JOIN y ON t.a = y.a LEFT OUTER JOIN z USING (a) CROSS JOIN w, (SELECT 1 FROM v) AS q (one)
                WHERE a BETWEEN 1 AND 2 AND b NOT IN (1, 2) AND s NOT LIKE 'a%' AND d >= DATE '1994-01-01' + INTERVAL '3' MONTH
                  AND EXISTS (SELECT * FROM u WHERE u.a = t.a) AND b IS NOT NULL AND a IN (SELECT a FROM u)
                  AND c > (SELECT max(c) FROM u)
                GROUP BY 1, b HAVING count(*) > 1
                ORDER BY k ASC NULLS FIRST, 2 DESC
                LIMIT 10;
                """;
        assertInstanceOf(QueryStatementContext.class, SqlParser.parse(sql).statement());
    }

    @Test
    void keywordsAreCaseInsensitiveAndSomeAreNames()
    {
        assertInstanceOf(QueryStatementContext.class, SqlParser.parse("sElEcT date, year, `select` FrOm tables").statement());
    }

    @Test
    void parsesSetOperationsWithIntersectBindingTighter()
    {
        SpindleSqlParser.QueryContext query = ((QueryStatementContext) SqlParser.parse(
                "SELECT a FROM x UNION SELECT a FROM y INTERSECT SELECT a FROM z").statement()).query();
        SpindleSqlParser.SetOperationContext top = (SpindleSqlParser.SetOperationContext) query.queryTerm();
        assertEquals("UNION", top.operator.getText());
        assertEquals("INTERSECT", ((SpindleSqlParser.SetOperationContext) top.right).operator.getText());
    }

    @Test
    void parsesStatements()
    {
        assertInstanceOf(CreateViewUsingContext.class,
                SqlParser.parse("CREATE OR REPLACE TEMPORARY VIEW v USING parquet OPTIONS (path '/data/v')").statement());
        assertInstanceOf(CreateViewAsContext.class, SqlParser.parse("create temp view v as select * from w").statement());
        assertEquals("COST", ((ExplainContext) SqlParser.parse("EXPLAIN COST SELECT * FROM v").statement()).explainMode.getText());
        assertInstanceOf(ShowTablesContext.class, SqlParser.parse("SHOW TABLES").statement());
        assertInstanceOf(DescribeContext.class, SqlParser.parse("DESCRIBE TABLE v").statement());
    }

    @Test
    void parsesTableStatements()
    {
        SpindleSqlParser.CreateTableContext ctas = (SpindleSqlParser.CreateTableContext) SqlParser.parse(
                "CREATE TABLE t USING parquet LOCATION '/data/t' AS SELECT a FROM v").statement();
        assertEquals("'/data/t'", ctas.location.getText());
        assertTrue(ctas.query() != null);
        SpindleSqlParser.CreateTableContext files = (SpindleSqlParser.CreateTableContext) SqlParser.parse(
                "create table t using parquet location \"/data/t\"").statement();
        assertEquals(null, files.query());

        SpindleSqlParser.InsertContext overwrite = (SpindleSqlParser.InsertContext) SqlParser.parse("INSERT OVERWRITE TABLE t SELECT * FROM v").statement();
        assertTrue(overwrite.OVERWRITE() != null);
        SpindleSqlParser.InsertContext into = (SpindleSqlParser.InsertContext) SqlParser.parse(
                "insert into t with w AS (SELECT 1 AS one) SELECT one FROM w").statement();
        assertEquals(null, into.OVERWRITE());
        assertEquals("t", into.tableName.getText());

        SpindleSqlParser.AnalyzeContext plain = (SpindleSqlParser.AnalyzeContext) SqlParser.parse("ANALYZE TABLE t COMPUTE STATISTICS").statement();
        assertTrue(plain.identifier().isEmpty() && plain.ALL() == null);
        SpindleSqlParser.AnalyzeContext some = (SpindleSqlParser.AnalyzeContext) SqlParser.parse(
                "analyze table t compute statistics for columns a, `b c`").statement();
        assertEquals(2, some.identifier().size());
        assertTrue(((SpindleSqlParser.AnalyzeContext) SqlParser.parse("ANALYZE TABLE t COMPUTE STATISTICS FOR ALL COLUMNS").statement()).ALL() != null);

        assertTrue(((DescribeContext) SqlParser.parse("DESCRIBE EXTENDED t").statement()).EXTENDED() != null);
        assertTrue(((DescribeContext) SqlParser.parse("DESC TABLE EXTENDED t").statement()).EXTENDED() != null);
        assertEquals(null, ((DescribeContext) SqlParser.parse("DESCRIBE t").statement()).EXTENDED());
        // the new keywords still name columns and tables
        assertInstanceOf(QueryStatementContext.class, SqlParser.parse("SELECT location, statistics, columns FROM insert").statement());
        assertThrows(ParseException.class, () -> SqlParser.parse("ANALYZE TABLE t COMPUTE STATISTICS FOR COLUMNS"));
    }

    @Test
    void parsesEveryTpchQuery()
            throws IOException
    {
        for (int q = 1; q <= 22; q++) {
            try (InputStream in = getClass().getResourceAsStream("/tpch/q" + q + ".sql")) {
                String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertInstanceOf(QueryStatementContext.class, SqlParser.parse(sql).statement(), "q" + q);
            }
        }
    }

    @Test
    void misspelledKeywordNamesLineColumnAndExpected()
    {
        ParseException e = assertThrows(ParseException.class, () -> SqlParser.parse("SELECT a, b FORM t"));
        assertEquals(1, e.line());
        assertEquals(17, e.column());
        assertTrue(e.getMessage().startsWith("line 1:17: extraneous input 't' expecting"), e.getMessage());
        assertTrue(e.getMessage().endsWith("SELECT a, b FORM t\n                 ^"), e.getMessage());
    }

    @Test
    void errorOnALaterLine()
    {
        ParseException e = assertThrows(ParseException.class, () -> SqlParser.parse("SELECT a\nFROM t\nWHERE a = "));
        assertEquals(3, e.line());
        assertEquals(10, e.column());
        assertTrue(e.getMessage().contains("mismatched input '<EOF>' expecting"), e.getMessage());
    }

    @Test
    void missingParenthesis()
    {
        ParseException e = assertThrows(ParseException.class, () -> SqlParser.parse("SELECT count(a FROM t"));
        assertEquals(1, e.line());
        assertEquals(15, e.column());
        assertTrue(e.getMessage().contains("'FROM'"), e.getMessage());
    }

    @Test
    void strayCharacter()
    {
        ParseException e = assertThrows(ParseException.class, () -> SqlParser.parse("SELECT a FROM t WHERE a = 1 $"));
        assertEquals(28, e.column());
    }

    @Test
    void reservedWordIsNoTableName()
    {
        ParseException e = assertThrows(ParseException.class, () -> SqlParser.parse("SELECT * FROM select"));
        assertEquals(14, e.column());
    }
}
