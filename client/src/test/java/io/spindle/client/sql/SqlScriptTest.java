package io.spindle.client.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlScriptTest
{
    @Test
    void semicolonsEndStatementsOutsideQuotesAndComments()
    {
        String script = """
                -- a comment; not a statement end
                CREATE TEMPORARY VIEW t USING csv OPTIONS (path '/data/a;b.csv');
                SELECT 'it''s; here', "odd;name" FROM t /* ; */ WHERE x = 1;
                ;  -- nothing
                SELECT 2""";

        assertEquals(List.of(
                "-- a comment; not a statement end\nCREATE TEMPORARY VIEW t USING csv OPTIONS (path '/data/a;b.csv')",
                "SELECT 'it''s; here', \"odd;name\" FROM t /* ; */ WHERE x = 1",
                "-- nothing\nSELECT 2"), SqlScript.statements(script));
    }

    @Test
    void onlyCommentsAndBlanksMakeNoStatements()
    {
        assertEquals(List.of(), SqlScript.statements(" ; -- just this\n/* and this */ ;\n"));
    }
}
