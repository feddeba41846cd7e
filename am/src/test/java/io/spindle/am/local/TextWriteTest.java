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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static io.spindle.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code write().csv(path)} and {@code write().json(path)} in local mode: read back by Spindle and by DuckDB. */
class TextWriteTest
{
    private static final Schema SCHEMA = Schema.of(
            new StructField("id", DataType.INT, false),
            new StructField("name", DataType.STRING, true),
            new StructField("score", DataType.DOUBLE, true),
            new StructField("amount", DataType.decimal(10, 2), true),
            new StructField("born", DataType.DATE, true),
            new StructField("seen", DataType.TIMESTAMP, true),
            new StructField("active", DataType.BOOLEAN, true),
            new StructField("visits", DataType.LONG, true));

    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;
    private static List<Row> rows;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "64k", 3);
        rows = new ArrayList<>(List.of(
                new Row(1, "Smith, Anna", 1.5, new BigDecimal("12.34"), LocalDate.of(2001, 2, 3), Instant.parse("2024-02-29T12:00:00.123456Z"), true, 9000000000L),
                new Row(2, "say \"hi\"\nnext line", null, new BigDecimal("-7.00"), null, null, false, null),
                new Row(3, "", -0.25, null, LocalDate.of(1969, 12, 31), Instant.parse("1999-12-31T23:59:59Z"), null, -1L),
                new Row(4, null, null, null, null, null, null, null),
                new Row(5, "ünïcödé 日本", 1.0E10, new BigDecimal("99999999.99"), LocalDate.of(2024, 2, 29), Instant.parse("2024-03-01T00:00:00Z"), true, 0L)));
        for (int i = 6; i < 200; i++) {
            rows.add(new Row(i, "n" + i, i / 8.0, new BigDecimal(i).movePointLeft(2), LocalDate.of(2000, 1, 1).plusDays(i), null, i % 2 == 0, (long) i * i));
        }
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    private static DataFrame frame()
    {
        return fixture.session().createDataFrame(rows, SCHEMA).repartition(2);
    }

    private static List<Row> sorted(List<Row> in)
    {
        return in.stream().sorted(Comparator.comparing(r -> (Integer) r.get(0))).toList();
    }

    private static long files(Path path, String suffix)
    {
        try (Stream<Path> list = Files.list(path)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void csvWithAHeaderReadsBackTheSameRows()
    {
        Path out = dir.resolve("people-csv");
        frame().write().option("header", "true").csv(out.toString());

        assertEquals(2, files(out, ".csv"));
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        List<Row> back = fixture.session().read().option("header", "true").schema(SCHEMA).csv(out.toString()).collect();
        // the CSV reader reads an empty quoted field as a null, as Spark's does by default
        List<Row> expected = new ArrayList<>(rows);
        expected.set(2, new Row(3, null, -0.25, null, LocalDate.of(1969, 12, 31), Instant.parse("1999-12-31T23:59:59Z"), null, -1L));
        assertEquals(sorted(expected), sorted(back));
        DuckDbOracle.assertSameRowsUnordered(
                // the empty string stays one: DuckDB would read a quoted empty field as null
                fixture.duck("SELECT id, name, amount, born, active FROM read_csv('" + out + "/*.csv', header = true, allow_quoted_nulls = false,"
                        + " columns = {'id': 'INTEGER', 'name': 'VARCHAR', 'score': 'DOUBLE', 'amount': 'DECIMAL(10,2)', 'born': 'DATE',"
                        + " 'seen': 'VARCHAR', 'active': 'BOOLEAN', 'visits': 'BIGINT'})"),
                frame().select("id", "name", "amount", "born", "active").collect());
    }

    @Test
    void csvWithAnotherDelimiterAndNoHeader()
    {
        Path out = dir.resolve("people-tsv");
        frame().select("id", "name").filter(col("id").lt(6)).write().option("sep", "\\t").csv(out.toString());

        List<Row> back = fixture.session().read().option("delimiter", "\\t")
                .schema(Schema.of(new StructField("id", DataType.INT, true), new StructField("name", DataType.STRING, true))).csv(out.toString()).collect();
        assertEquals(List.of(new Row(1, "Smith, Anna"), new Row(2, "say \"hi\"\nnext line"), new Row(3, null), new Row(4, null),
                new Row(5, "ünïcödé 日本")), sorted(back));
    }

    @Test
    void jsonLinesLeaveNullsOutAndReadBackTheSameRows()
    {
        Path out = dir.resolve("people-json");
        frame().write().json(out.toString());

        assertEquals(2, files(out, ".json"));
        List<Row> back = fixture.session().read().schema(SCHEMA).json(out.toString()).collect();
        assertEquals(sorted(rows), sorted(back));
        DuckDbOracle.assertSameRowsUnordered(
                fixture.duck("SELECT id, name, score, visits FROM read_json_auto('" + out + "/*.json')"),
                frame().select("id", "name", "score", "visits").collect());
    }

    @Test
    void badOptionsAndExistingPathsFailWithoutTouchingTheOutput()
    {
        Path out = dir.resolve("kept");
        frame().filter(col("id").lt(3)).write().json(out.toString());
        AnalysisException exists = assertThrows(AnalysisException.class, () -> frame().write().json(out.toString()));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
        AnalysisException option = assertThrows(AnalysisException.class, () -> frame().write().option("quote", "'").csv(dir.resolve("x").toString()));
        assertTrue(option.getMessage().contains("CSV writer option 'quote' is not known"), option.getMessage());
        assertEquals(2, fixture.session().read().json(out.toString()).count());
        frame().filter(col("id").lt(5)).write().mode("overwrite").json(out.toString());
        assertEquals(4, fixture.session().read().json(out.toString()).count());
    }
}
