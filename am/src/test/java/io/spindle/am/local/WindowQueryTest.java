package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.sql.AnalysisException;
import io.spindle.sql.DataFrame;
import io.spindle.sql.expressions.Window;
import io.spindle.sql.expressions.WindowSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.spindle.sql.functions.avg;
import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.dense_rank;
import static io.spindle.sql.functions.lag;
import static io.spindle.sql.functions.lead;
import static io.spindle.sql.functions.max;
import static io.spindle.sql.functions.min;
import static io.spindle.sql.functions.rank;
import static io.spindle.sql.functions.row_number;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Window functions in local mode over several Parquet files, with ties and nulls in partition and order keys,
 * each checked against DuckDB's standard window SQL (spelling out Spark's null ordering: first when ascending,
 * last when descending).
 */
class WindowQueryTest
{
    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "16k", 3);
        fixture.writeTable("w", "SELECT i AS id,"
                + " CASE WHEN i % 23 = 0 THEN NULL ELSE 'g' || (i % 7) END AS grp,"
                + " CASE WHEN i % 19 = 0 THEN NULL ELSE CAST(i % 50 AS INTEGER) END AS k,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE CAST((i * 37) % 101 AS BIGINT) END AS v,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(i AS DOUBLE) / 8 END AS d,"
                + " CAST((i % 1000) * 0.25 AS DECIMAL(15, 2)) AS m"
                + " FROM range(0, 6000) r(i)", 512);
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    private static DataFrame w()
    {
        return fixture.read("w");
    }

    private static void check(DataFrame actual, String expectedSql)
    {
        DuckDbOracle.assertSameRowsUnordered(fixture.duck(expectedSql), actual.collect());
    }

    @Test
    void rankingsWithTiesNullKeysAndDescendingOrders()
    {
        WindowSpec byGroup = Window.partitionBy("grp");
        check(w().select(col("id"),
                        row_number().over(byGroup.orderBy(col("k"), col("id"))).as("rn"),
                        rank().over(byGroup.orderBy("k")).as("r"),
                        dense_rank().over(byGroup.orderBy(col("k").desc())).as("dr"),
                        rank().over(Window.partitionBy(col("k")).orderBy(col("v").desc(), col("d"))).as("r2")),
                "SELECT id,"
                        + " row_number() OVER (PARTITION BY grp ORDER BY k ASC NULLS FIRST, id ASC NULLS FIRST),"
                        + " rank() OVER (PARTITION BY grp ORDER BY k ASC NULLS FIRST),"
                        + " dense_rank() OVER (PARTITION BY grp ORDER BY k DESC NULLS LAST),"
                        + " rank() OVER (PARTITION BY k ORDER BY v DESC NULLS LAST, d ASC NULLS FIRST)"
                        + " FROM $w");
    }

    @Test
    void lagAndLeadWithAndWithoutDefaults()
    {
        WindowSpec byK = Window.partitionBy("grp").orderBy(col("k"), col("id"));
        check(w().select(col("id"),
                        lag("v", 1).over(byK),
                        lead(col("v"), 2, -1).over(byK),
                        lag(col("d"), 3, 0).over(Window.partitionBy("k").orderBy(col("id").desc())),
                        lead("grp", 1, "none").over(Window.partitionBy("k").orderBy(col("id").desc())),
                        lag("m", 1).over(Window.orderBy("id"))),
                "SELECT id,"
                        + " lag(v, 1) OVER (PARTITION BY grp ORDER BY k ASC NULLS FIRST, id),"
                        + " lead(v, 2, -1) OVER (PARTITION BY grp ORDER BY k ASC NULLS FIRST, id),"
                        + " lag(d, 3, 0) OVER (PARTITION BY k ORDER BY id DESC),"
                        + " lead(grp, 1, 'none') OVER (PARTITION BY k ORDER BY id DESC),"
                        + " lag(m, 1) OVER (ORDER BY id)"
                        + " FROM $w");
    }

    @Test
    void runningAggregatesShareTheFrameOfTies()
    {
        WindowSpec running = Window.partitionBy("grp").orderBy("k");
        check(w().select(col("id"),
                        sum("v").over(running),
                        avg("v").over(running),
                        min("v").over(running),
                        max("d").over(running),
                        count("v").over(running),
                        count("*").over(running),
                        sum("m").over(running),
                        max("grp").over(Window.partitionBy("k").orderBy(col("v").desc()))),
                "SELECT id,"
                        + " sum(v) OVER r, avg(v) OVER r, min(v) OVER r, max(d) OVER r, count(v) OVER r, count(*) OVER r, sum(m) OVER r,"
                        + " max(grp) OVER (PARTITION BY k ORDER BY v DESC NULLS LAST)"
                        + " FROM $w WINDOW r AS (PARTITION BY grp ORDER BY k ASC NULLS FIRST)");
    }

    @Test
    void withoutAnOrderingTheFrameIsTheWholePartition()
    {
        check(w().withColumn("total", sum("v").over(Window.partitionBy("grp")))
                        .withColumn("everyone", count("*").over(Window.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)))
                        .withColumn("top", max("d").over(Window.partitionBy("k", "grp")))
                        .select("id", "total", "everyone", "top"),
                "SELECT id, sum(v) OVER (PARTITION BY grp), count(*) OVER (), max(d) OVER (PARTITION BY k, grp) FROM $w");
    }

    @Test
    void explicitRowAndRangeFrames()
    {
        WindowSpec byId = Window.partitionBy("grp").orderBy("id");
        WindowSpec byKDesc = Window.partitionBy("grp").orderBy(col("k").desc(), col("id"));
        check(w().select(col("id"),
                        sum("d").over(byId.rowsBetween(-2, 1)),
                        sum("v").over(byId.rowsBetween(Window.unboundedPreceding, -1)),
                        min("v").over(byKDesc.rowsBetween(Window.currentRow, Window.unboundedFollowing)),
                        avg("v").over(byKDesc.rowsBetween(1, 3)),
                        count("v").over(Window.partitionBy("grp").orderBy("k").rangeBetween(Window.currentRow, Window.unboundedFollowing)),
                        max("v").over(Window.partitionBy("grp").orderBy("k").rangeBetween(Window.currentRow, Window.currentRow)),
                        sum("v").over(byId.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing))),
                "SELECT id,"
                        + " sum(d) OVER (PARTITION BY grp ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING),"
                        + " sum(v) OVER (PARTITION BY grp ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),"
                        + " min(v) OVER (PARTITION BY grp ORDER BY k DESC NULLS LAST, id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING),"
                        + " avg(v) OVER (PARTITION BY grp ORDER BY k DESC NULLS LAST, id ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING),"
                        + " count(v) OVER (PARTITION BY grp ORDER BY k ASC NULLS FIRST RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING),"
                        + " max(v) OVER (PARTITION BY grp ORDER BY k ASC NULLS FIRST RANGE BETWEEN CURRENT ROW AND CURRENT ROW),"
                        + " sum(v) OVER (PARTITION BY grp)"
                        + " FROM $w");
    }

    @Test
    void windowResultsFeedFiltersAndExpressions()
    {
        DataFrame ranked = w().withColumn("r", rank().over(Window.partitionBy("grp").orderBy(col("v").desc())))
                .filter(col("r").leq(3))
                .select(col("id"), col("grp"), col("r"), col("v").minus(lag("v", 1, 0).over(Window.partitionBy("grp").orderBy("id"))).as("delta"));
        check(ranked,
                "SELECT id, grp, r, v - lag(v, 1, 0) OVER (PARTITION BY grp ORDER BY id) FROM"
                        + " (SELECT *, rank() OVER (PARTITION BY grp ORDER BY v DESC NULLS LAST) AS r FROM $w) WHERE r <= 3");
    }

    @Test
    void misuseFailsWhereItIsWritten()
    {
        AnalysisException bare = assertThrows(AnalysisException.class, () -> w().select(row_number()));
        assertEquals("row_number() needs a window: write row_number(...).over(Window.partitionBy(...).orderBy(...))", bare.getMessage());
        AnalysisException inOrderBy = assertThrows(AnalysisException.class,
                () -> w().orderBy(row_number().over(Window.orderBy("id"))));
        assertTrue(inOrderBy.getMessage().contains("is not allowed in orderBy"), inOrderBy.getMessage());
        AnalysisException filtered = assertThrows(AnalysisException.class,
                () -> w().filter(row_number().over(Window.orderBy("id")).leq(3)));
        assertTrue(filtered.getMessage().endsWith("is not allowed in filter; compute it as a column with select or withColumn first"), filtered.getMessage());
        AnalysisException unordered = assertThrows(AnalysisException.class, () -> w().select(rank().over(Window.partitionBy("grp"))));
        assertTrue(unordered.getMessage().startsWith("window function rank() needs an ordered window"), unordered.getMessage());
    }
}
