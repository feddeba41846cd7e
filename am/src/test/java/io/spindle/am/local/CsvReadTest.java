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
import java.util.List;

import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code session.read().csv(path)} in local mode: options, schemas given and inferred, nulls, quoting, one task per file. */
class CsvReadTest
{
    private static final Schema PEOPLE = Schema.of(
            new StructField("id", DataType.INT, true),
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
    void readsWithAGivenSchemaQuotingAndPermissiveNulls()
    {
        String path = fixture.writeText("people.csv", "id,name,score,amount,born,seen,active,visits\r\n"
                + "1,\"Smith, Anna\",1.5,12.34,2001-02-03,2024-02-29 12:00:00.123456,true,9000000000\r\n"
                + "2,\"say \"\"hi\"\"\nnext line\",,7,1999-12-31,2024-03-01T00:00:01Z,FALSE,\r\n"
                + "x3,,NaNa,1.005,2001-02-30,not a time,maybe,12abc\r\n"
                + "\r\n"
                + "4,short\n");
        DataFrame people = fixture.session().read().option("header", "true").option("delimiter", ",").schema(PEOPLE).csv(path);

        assertEquals(PEOPLE, people.schema());
        assertArrayEquals(new String[] {"id", "name", "score", "amount", "born", "seen", "active", "visits"}, people.columns());
        // ascending order puts the null id first, as in Spark
        DuckDbOracle.assertSameRows(List.of(
                new Row(null, null, null, new BigDecimal("1.01"), null, null, null, null),
                new Row(1, "Smith, Anna", 1.5, new BigDecimal("12.34"), LocalDate.of(2001, 2, 3),
                        Instant.parse("2024-02-29T12:00:00.123456Z"), true, 9_000_000_000L),
                new Row(2, "say \"hi\"\nnext line", null, new BigDecimal("7.00"), LocalDate.of(1999, 12, 31),
                        Instant.parse("2024-03-01T00:00:01Z"), false, null),
                new Row(4, "short", null, null, null, null, null, null)),
                people.orderBy(col("amount").isNull(), col("id")).collect());
        assertEquals(4, people.count());
        assertEquals(List.of(new Row(3L)), people.filter(col("amount").isNotNull()).agg(count("*")).collect());
    }

    /** Decimals of more than 18 digits: exact past 64 bits, rounded half up to the scale, null when they do not fit. */
    @Test
    void readsDecimalsWiderThanEighteenDigits()
    {
        String path = fixture.writeText("wide.csv", "id,big,k\n"
                + "1,-98765432109876543210987654.0123456789,1000000000000000000000.25\n"
                + "2,12345678901234567890.00000000005,-0.005\n"
                + "3,,123456789012345678901234.5\n"
                + "4,not a number,99999999999999999999999.99\n");
        Schema schema = Schema.of(new StructField("id", DataType.INT, true), new StructField("big", DataType.decimal(38, 10), true),
                new StructField("k", DataType.decimal(25, 2), true));
        DataFrame frame = fixture.session().read().option("header", "true").schema(schema).csv(path);

        DuckDbOracle.assertSameRows(List.of(
                new Row(1, new BigDecimal("-98765432109876543210987654.0123456789"), new BigDecimal("1000000000000000000000.25")),
                new Row(2, new BigDecimal("12345678901234567890.0000000001"), new BigDecimal("-0.01")),
                new Row(3, null, null),
                new Row(4, null, new BigDecimal("99999999999999999999999.99"))),
                frame.orderBy(col("id")).collect());
        assertEquals(List.of(new Row(new BigDecimal("-98765432109876543210987654.0123456789")
                        .add(new BigDecimal("12345678901234567890.0000000001")))),
                frame.agg(sum("big")).collect());
    }

    @Test
    void infersTypesFromTheFirstFile()
    {
        String path = fixture.writeText("infer/a.csv", "i;l;d;dt;b;s;empty\n"
                + "1;5000000000;1;2020-01-01;true;x;\n"
                + "-2;3;2.5;2020-01-02;False;\"a;b\";\n"
                + ";;;;;;\n");
        DataFrame frame = fixture.session().read().option("header", "true").option("delimiter", ";").option("inferSchema", "true").csv(path);

        assertEquals(Schema.of(
                new StructField("i", DataType.INT, true),
                new StructField("l", DataType.LONG, true),
                new StructField("d", DataType.DOUBLE, true),
                new StructField("dt", DataType.DATE, true),
                new StructField("b", DataType.BOOLEAN, true),
                new StructField("s", DataType.STRING, true),
                new StructField("empty", DataType.STRING, true)), frame.schema());
        DuckDbOracle.assertSameRows(List.of(
                new Row(-2, 3L, 2.5, LocalDate.of(2020, 1, 2), false, "a;b", null),
                new Row(1, 5_000_000_000L, 1.0, LocalDate.of(2020, 1, 1), true, "x", null),
                new Row(null, null, null, null, null, null, null)),
                frame.orderBy(col("i").isNull(), col("i")).collect());
        frame.printSchema();
    }

    @Test
    void withoutHeaderOrSchemaEveryColumnIsAStringNamedByPosition()
    {
        String path = fixture.writeText("plain.csv", "1,a\n2,b,extra\n");
        DataFrame frame = fixture.session().read().csv(path);

        assertArrayEquals(new String[] {"_c0", "_c1"}, frame.columns());
        assertEquals(DataType.STRING, frame.schema().field(0).type());
        DuckDbOracle.assertSameRows(List.of(new Row("1", "a"), new Row("2", "b")), frame.orderBy(col("_c0")).collect());
    }

    @Test
    void readsEveryFileOfADirectoryInATaskEachLikeDuckDb()
    {
        Path out = dir.resolve("orders");
        fixture.oracle().execute("COPY (SELECT i AS id, i % 7 AS k, CASE WHEN i % 5 = 0 THEN NULL ELSE i * 0.5 END AS v,"
                + " 'name ' || i || CASE WHEN i % 3 = 0 THEN ', quoted' ELSE '' END AS s FROM range(0, 20000) r(i))"
                + " TO '" + out + "' (FORMAT CSV, HEADER, PER_THREAD_OUTPUT true)");
        long files;
        try (var list = Files.list(out)) {
            files = list.count();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DataFrame orders = fixture.session().read().option("header", "true").option("inferSchema", "true").csv(out.toString());

        assertEquals(DataType.INT, orders.schema().field(0).type());
        assertEquals(DataType.DOUBLE, orders.schema().field(2).type());
        DuckDbOracle.assertSameRowsUnordered(
                fixture.oracle().query("SELECT k, count(*), sum(v), count(s) FROM read_csv('" + out + "/*.csv', header = true) GROUP BY k"),
                orders.groupBy("k").agg(count("*"), sum("v"), count("s")).collect());
        assertEquals(files, fixture.session().lastJobSummary().stages().get(0).tasks());
        assertTrue(orders.filter(col("s").contains(", quoted")).count() > 0);
    }

    @Test
    void everyFileIsReadWhetherOrNotAFilterIsPushed()
    {
        fixture.writeText("two/part-0.csv", "id,v\n1,10\n2,20\n");
        fixture.writeText("two/part-1.csv", "id,v\n3,30\n4,40\n5,50\n");
        DataFrame two = fixture.session().read().option("header", "true").option("inferSchema", "true").csv(dir.resolve("two").toString());

        assertEquals(5, two.count());
        assertEquals(2, fixture.session().lastJobSummary().stages().get(0).tasks());
        assertEquals(List.of(new Row(3, 30), new Row(4, 40), new Row(5, 50)), two.filter(col("id").gt(2)).orderBy(col("id")).collect());
    }

    @Test
    void badOptionsFailWithTheirName()
    {
        String path = fixture.writeText("opts.csv", "1\n");
        AnalysisException unknown = assertThrows(AnalysisException.class, () -> fixture.session().read().option("mode", "FAILFAST").csv(path));
        assertTrue(unknown.getMessage().contains("'mode'"), unknown.getMessage());
        AnalysisException delimiter = assertThrows(AnalysisException.class, () -> fixture.session().read().option("delimiter", "ab").csv(path));
        assertTrue(delimiter.getMessage().contains("'ab'"), delimiter.getMessage());
    }
}
