package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.sql.AnalysisException;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.min;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code session.read().json(path)} in local mode: JSON Lines, schemas inferred and given, nested values, malformed lines. */
class JsonReadTest
{
    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "64k", 3);
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    @Test
    void infersSortedColumnsAndReadsNestedValuesAsText()
    {
        String path = fixture.writeText("events/part-0.json", "{\"user\": \"ann\", \"n\": 3, \"score\": 1.5, \"ok\": true, \"tags\": [\"a\", \"b\"]}\n"
                + "\n"
                + "{\"user\": \"bob\", \"n\": 4000000000, \"score\": 2, \"ok\": false, \"geo\": {\"lat\": 1.25, \"lon\": -3}}\n"
                + "{\"user\": null, \"score\": null, \"extra\": \"x\"}\n"
                + "{\"user\": \"dan\", \"n\": 7, \"ok\": \"yes\"}\n"
                + "{\"user\": \"broken\", \"n\": \n"
                + "[1, 2]\n");
        DataFrame events = fixture.session().read().json(path);

        // as Spark: fields sorted by name; 2 beside 1.5 is double; true beside "yes" is string
        assertArrayEquals(new String[] {"extra", "geo", "n", "ok", "score", "tags", "user"}, events.columns());
        assertEquals(List.of("string", "string", "bigint", "string", "double", "string", "string"),
                events.schema().fields().stream().map(f -> f.type().sqlName()).toList());
        List<Row> rows = events.collect();
        assertEquals(6, rows.size(), "blank lines skipped, malformed lines kept as nulls: " + rows);
        assertEquals(new Row(null, null, 3L, "true", 1.5, "[\"a\",\"b\"]", "ann"), rows.get(0));
        assertEquals(new Row(null, "{\"lat\":1.25,\"lon\":-3}", 4000000000L, "false", 2.0, null, "bob"), rows.get(1));
        assertEquals(new Row("x", null, null, null, null, null, null), rows.get(2));
        assertEquals(new Row(null, null, 7L, "yes", null, null, "dan"), rows.get(3));
        assertEquals(new Row(null, null, null, null, null, null, null), rows.get(4));
        assertEquals(new Row(null, null, null, null, null, null, null), rows.get(5));
    }

    @Test
    void aGivenSchemaPicksFieldsByNameAndTypesWhatFits()
    {
        String path = fixture.writeText("orders.json", "{\"id\": 1, \"amount\": 12.345, \"day\": \"2024-02-29\", \"note\": 5}\n"
                + "{\"amount\": \"7\", \"id\": 2.5, \"day\": \"2024-02-30\", \"ignored\": {\"deep\": [1]}}\n"
                + "{\"id\": 3, \"amount\": 123456789, \"day\": null, \"note\": \"ünï\"}\n");
        Schema schema = Schema.of(new StructField("id", DataType.INT, true), new StructField("amount", DataType.decimal(6, 2), true),
                new StructField("day", DataType.DATE, true), new StructField("note", DataType.STRING, true));
        List<Row> rows = fixture.session().read().schema(schema).json(path).collect();

        assertEquals(List.of(
                new Row(1, new BigDecimal("12.35"), LocalDate.of(2024, 2, 29), "5"),
                new Row(null, new BigDecimal("7.00"), null, null),
                new Row(3, null, null, "ünï")), rows);
    }

    @Test
    void manyFilesAgreeWithDuckDbAndReadThroughSql()
    {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            StringBuilder target = i % 2 == 0 ? a : b;
            target.append("{\"k\": ").append(i % 17).append(", \"v\": ").append(i % 5 == 0 ? "null" : String.valueOf(i * 0.5))
                    .append(", \"s\": \"s").append(i % 9).append("\"}\n");
        }
        String directory = dir.resolve("many").toString();
        fixture.writeText("many/a.json", a.toString());
        fixture.writeText("many/b.json", b.toString());
        fixture.writeText("many/_SUCCESS", "");
        DataFrame many = fixture.session().read().json(directory);

        DuckDbOracle.assertSameRowsUnordered(
                fixture.duck("SELECT k, count(*), sum(v), min(s) FROM read_json_auto('" + directory + "/*.json') GROUP BY k"),
                many.groupBy("k").agg(count("*"), sum("v"), min("s")).collect());
        fixture.session().sql("CREATE OR REPLACE TEMPORARY VIEW many USING json OPTIONS (path '" + directory + "')");
        DuckDbOracle.assertSameRows(
                fixture.duck("SELECT count(*), count(v), count(DISTINCT s) FROM read_json_auto('" + directory + "/*.json') WHERE k % 2 = 0"),
                fixture.session().sql("SELECT count(*), count(v), count(DISTINCT s) FROM many WHERE k % 2 = 0").collect());

        AnalysisException multiLine = assertThrows(AnalysisException.class,
                () -> fixture.session().read().option("multiLine", "true").json(directory));
        assertTrue(multiLine.getMessage().contains("Spindle reads JSON Lines"), multiLine.getMessage());
        String empty = fixture.writeText("empty/part-0.json", "\n\n");
        AnalysisException nothing = assertThrows(AnalysisException.class, () -> fixture.session().read().json(empty));
        assertTrue(nothing.getMessage().contains("give one with schema(...)"), nothing.getMessage());
    }
}
