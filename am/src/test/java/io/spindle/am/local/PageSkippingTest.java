package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import io.spindle.sql.SqlConfig;
import io.spindle.sql.execution.StageSummary;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.max;
import static io.spindle.sql.functions.min;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Page skipping end to end: parquet-mr writes one row group sorted by id in pages of at most 500 rows, with its page
 * index, so row-group skipping cannot help and the page index must. With the page filter on, a selective filter reads
 * a few pages' rows; off, every row; both give DuckDB's answer.
 */
class PageSkippingTest
{
    private static final int ROWS = 60_000;
    private static final String ENABLED = SqlConfig.PARQUET_PAGE_INDEX_FILTER_ENABLED.name();

    @TempDir
    static java.nio.file.Path dir;

    private static LocalQueryFixture fixture;
    private static String file;

    @BeforeAll
    static void setUp()
            throws IOException
    {
        fixture = new LocalQueryFixture(dir, "128m", 2);
        file = dir.resolve("sorted.parquet").toString();
        MessageType schema = new MessageType("sorted",
                Types.required(PrimitiveTypeName.INT64).named("id"),
                Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("name"),
                Types.optional(PrimitiveTypeName.INT32).named("amount"),
                Types.optional(PrimitiveTypeName.DOUBLE).named("price"));
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new Path(file))
                .withConf(new Configuration())
                .withType(schema)
                .withPageRowCountLimit(500)
                .withPageSize(4096)
                .withRowGroupSize(64L << 20)
                .build()) {
            for (long id = 0; id < ROWS; id++) {
                Group group = groups.newGroup().append("id", id).append("name", String.format("key-%08d-", id) + "z".repeat((int) (id % 50)));
                if (id % 7 != 2) {
                    group.append("amount", (int) (id % 1000));
                }
                // prices missing for ids [10000, 12000): whole pages of nulls
                if (id < 10_000 || id >= 12_000) {
                    group.append("price", id * 0.5);
                }
                writer.write(group);
            }
        }
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    @AfterEach
    void turnPageSkippingBackOn()
    {
        fixture.session().conf().set(ENABLED, "true");
    }

    private static DataFrame t()
    {
        return fixture.session().read().parquet(file);
    }

    private static List<Row> duck(String sql)
    {
        return fixture.oracle().query(sql.replace("$t", "read_parquet('" + file + "')"));
    }

    private static StageSummary scanStage()
    {
        return fixture.session().lastJobSummary().stages().get(0);
    }

    /** Runs the query with page skipping on and off; asserts both give {@code expected} and returns the rows scanned with it on. */
    private static long rowsScanned(Supplier<List<Row>> query, List<Row> expected)
    {
        fixture.session().conf().set(ENABLED, "false");
        DuckDbOracle.assertSameRows(expected, query.get());
        assertEquals(ROWS, scanStage().rowsIn(), "rows scanned without page skipping");
        fixture.session().conf().set(ENABLED, "true");
        DuckDbOracle.assertSameRows(expected, query.get());
        assertEquals(ROWS, scanStage().rowsIn() + scanStage().rowsSkippedByPages(), "rows read and rows skipped make the whole file");
        assertTrue(fixture.session().lastJobSummary().format().contains("pages (" + scanStage().rowsSkippedByPages() + " rows) by the page index"),
                fixture.session().lastJobSummary().format());
        return scanStage().rowsIn();
    }

    @Test
    void aRangeOnTheSortColumnScansOnlyItsPages()
    {
        DataFrame selective = t().filter(col("id").between(30_250, 31_100)).agg(count("*"), sum("amount"), min("name"), max("price"));
        long scanned = rowsScanned(selective::collect,
                duck("SELECT count(*), sum(amount), min(name), max(price) FROM $t WHERE id BETWEEN 30250 AND 31100"));
        assertTrue(scanned >= 851 && scanned <= 1_500, "rows scanned " + scanned);
        // the filter stays above the scan: pages hold rows outside the range
        String plan = selective.explainString("simple");
        assertTrue(plan.contains("Filter ") && plan.contains("pushed=["), plan);
    }

    @Test
    void rowsOfSkippedAndKeptPagesOfEveryColumnLineUp()
    {
        DataFrame rows = t().filter(col("id").geq(44_990).and(col("id").lt(45_020))).select("name", "price", "amount", "id").orderBy("id");
        long scanned = rowsScanned(rows::collect,
                duck("SELECT name, price, amount, id FROM $t WHERE id >= 44990 AND id < 45020 ORDER BY id"));
        assertTrue(scanned <= 1_000, "rows scanned " + scanned);

        DataFrame byName = t().filter(col("name").geq("key-00059000")).agg(count("*"), sum("id"), min("amount"));
        scanned = rowsScanned(byName::collect, duck("SELECT count(*), sum(id), min(amount) FROM $t WHERE name >= 'key-00059000'"));
        assertTrue(scanned <= 1_500, "rows scanned " + scanned);
    }

    @Test
    void nullPagesAreSkippedForIsNullAndComparisons()
    {
        DataFrame nulls = t().filter(col("price").isNull()).agg(count("*"), min("id"), max("id"), sum("amount"));
        long scanned = rowsScanned(nulls::collect, duck("SELECT count(*), min(id), max(id), sum(amount) FROM $t WHERE price IS NULL"));
        assertTrue(scanned <= 3_000, "rows scanned " + scanned);

        DataFrame cheap = t().filter(col("price").lt(600.0)).agg(count("*"), max("name"));
        scanned = rowsScanned(cheap::collect, duck("SELECT count(*), max(name) FROM $t WHERE price < 600"));
        assertTrue(scanned <= 1_500, "rows scanned " + scanned);
    }
}
