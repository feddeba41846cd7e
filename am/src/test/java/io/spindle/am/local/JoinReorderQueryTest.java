package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A three-way inner join reordered by the tables' sizes from their footers, its rows checked against DuckDB's either way. */
class JoinReorderQueryTest
{
    private static final String REORDER = "spindle.sql.cbo.joinReorder.enabled";

    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "16k", 3);
        fixture.writeTable("big", "SELECT CAST(i AS BIGINT) AS b_id, CAST(i % 500 AS BIGINT) AS b_mid, CAST(i AS DOUBLE) AS b_v FROM range(0, 20000) t(i)", 2048);
        fixture.writeTable("mid", "SELECT CAST(i AS BIGINT) AS m_id, CAST(i % 40 AS INTEGER) AS m_sid, 'm' || CAST(i AS VARCHAR) AS m_name"
                + " FROM range(0, 500) t(i)", 2048);
        fixture.writeTable("small", "SELECT CAST(i AS INTEGER) AS s_id, 'seg' || CAST(i % 3 AS VARCHAR) AS s_seg FROM range(0, 10) t(i)", 2048);
    }

    @AfterEach
    void restore()
    {
        fixture.session().conf().set(REORDER, "true");
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    private static DataFrame bigFirst()
    {
        return fixture.read("big").join(fixture.read("mid"), col("b_mid").equalTo(col("m_id")))
                .join(fixture.read("small"), col("m_sid").equalTo(col("s_id")));
    }

    /** The tables in the order the physical plan reads them, left to right. */
    private static List<String> scanOrder(DataFrame query)
    {
        return Arrays.stream(query.physicalPlan().treeString().split("\n"))
                .filter(line -> line.contains("FileScan"))
                .map(line -> line.contains("/big]") ? "big" : line.contains("/mid]") ? "mid" : line.contains("/small]") ? "small" : line)
                .toList();
    }

    private static void assertBothWays(List<Row> expected, Supplier<DataFrame> query, List<String> reorderedScans)
    {
        assertEquals(reorderedScans, scanOrder(query.get()), query.get().explainString("cost"));
        DuckDbOracle.assertSameRowsUnordered(expected, query.get().collect());
        fixture.session().conf().set(REORDER, "false");
        assertEquals(List.of("big", "mid", "small"), scanOrder(query.get()));
        DuckDbOracle.assertSameRowsUnordered(expected, query.get().collect());
        fixture.session().conf().set(REORDER, "true");
    }

    @Test
    void threeWayJoinStartsWithTheSmallestTableAndKeepsItsColumns()
    {
        List<Row> expected = fixture.duck("SELECT * FROM $big b JOIN $mid m ON b.b_mid = m.m_id JOIN $small s ON m.m_sid = s.s_id");
        assertTrue(expected.size() > 1000, expected.size() + " rows");
        assertBothWays(expected, JoinReorderQueryTest::bigFirst, List.of("small", "mid", "big"));
        assertEquals(List.of("b_id", "b_mid", "b_v", "m_id", "m_sid", "m_name", "s_id", "s_seg"), List.of(bigFirst().columns()));
    }

    @Test
    void reorderedJoinUnderAnAggregation()
    {
        List<Row> expected = fixture.duck("SELECT s_seg, count(*), sum(b_v) FROM $big b JOIN $mid m ON b.b_mid = m.m_id"
                + " JOIN $small s ON m.m_sid = s.s_id GROUP BY s_seg");
        assertBothWays(expected, () -> bigFirst().groupBy("s_seg").agg(count("*"), sum("b_v")), List.of("small", "mid", "big"));
    }
}
