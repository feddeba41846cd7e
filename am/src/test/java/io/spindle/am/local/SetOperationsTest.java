package io.spindle.am.local;

import io.spindle.am.testing.DuckDbOracle;
import io.spindle.am.testing.LocalQueryFixture;
import io.spindle.planner.stages.Stage;
import io.spindle.sql.AnalysisException;
import io.spindle.sql.DataFrame;
import io.spindle.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.spindle.sql.functions.col;
import static io.spindle.sql.functions.count;
import static io.spindle.sql.functions.lit;
import static io.spindle.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** union, unionByName, repartition and coalesce in local mode, checked against DuckDB. */
class SetOperationsTest
{
    @TempDir
    static Path dir;

    private static LocalQueryFixture fixture;

    @BeforeAll
    static void setUp()
    {
        fixture = new LocalQueryFixture(dir, "32k", 3);
        fixture.writeTable("a", "SELECT i AS id, CASE WHEN i % 6 = 0 THEN NULL ELSE CAST(i % 4 AS INTEGER) END AS k,"
                + " CASE WHEN i % 5 = 0 THEN NULL ELSE (['ä', 'b', '日本'])[i % 3 + 1] END AS s FROM range(0, 12000) r(i)", 2048);
        fixture.writeTable("b", "SELECT CASE WHEN i % 9 = 0 THEN NULL ELSE (['ä', 'z', '😀'])[i % 3 + 1] END AS s,"
                + " CAST(i + 100000 AS BIGINT) AS id, CASE WHEN i % 4 = 0 THEN NULL ELSE CAST(i % 7 AS BIGINT) END AS k FROM range(0, 5000) r(i)", 2048);
    }

    @AfterAll
    static void tearDown()
    {
        fixture.close();
    }

    private static DataFrame a()
    {
        return fixture.read("a");
    }

    private static DataFrame b()
    {
        return fixture.read("b");
    }

    private static List<Row> duck(String sql)
    {
        return fixture.duck(sql);
    }

    @Test
    void unionByPositionWidensNumbersAndKeepsDuplicates()
    {
        DataFrame union = a().select("k", "id", "s").union(b().select("k", "id", "s"));
        assertEquals("bigint", union.schema().field(0).type().sqlName());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT k, id, s FROM $a UNION ALL SELECT k, id, s FROM $b"), union.collect());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT s, count(*), sum(k) FROM (SELECT k, s FROM $a UNION ALL SELECT k, s FROM $b UNION ALL SELECT k, s FROM $a) GROUP BY s"),
                a().select("k", "s").unionAll(b().select("k", "s")).union(a().select("k", "s")).groupBy("s").agg(count("*"), sum("k")).collect());
    }

    @Test
    void unionByNameMatchesColumnsByName()
    {
        DataFrame union = a().unionByName(b());
        assertArrayEquals(new String[] {"id", "k", "s"}, union.columns());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT id, k, s FROM $a UNION ALL SELECT id, k, s FROM $b"), union.collect());
        assertEquals(17000, union.count());
        assertEquals(duck("SELECT count(*) FROM $b WHERE s = 'ä'").get(0).getLong(0) + duck("SELECT count(*) FROM $a WHERE s = 'ä'").get(0).getLong(0),
                union.filter(col("s").equalTo("ä")).count());
    }

    @Test
    void unionOfAnAggregateAndAFilteredScan()
    {
        DataFrame totals = a().groupBy("s").agg(count("*").as("n"));
        DataFrame rows = b().filter(col("k").equalTo(3)).select(col("s"), lit(1L).as("n"));
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT s, count(*) FROM $a GROUP BY s UNION ALL SELECT s, 1 FROM $b WHERE k = 3"),
                totals.union(rows).collect());
        assertTrue(totals.union(rows).explainString("simple").contains("Union 2 inputs"));
    }

    @Test
    void mismatchedUnionsFailNamingTheColumns()
    {
        AnalysisException types = assertThrows(AnalysisException.class, () -> a().select("id", "s").union(b().select("id", "k")));
        assertTrue(types.getMessage().contains("union column 2 is 's' (string) in the first input but 'k' (bigint) in the second"), types.getMessage());
        AnalysisException width = assertThrows(AnalysisException.class, () -> a().union(b().select("id")));
        assertTrue(width.getMessage().contains("the first has 3 [id, k, s] and the second 1 [id]"), width.getMessage());
        AnalysisException names = assertThrows(AnalysisException.class, () -> a().unionByName(b().withColumnRenamed("k", "kk")));
        assertTrue(names.getMessage().contains("column 'k' of the first input is not in the second [s, id, kk]"), names.getMessage());
    }

    @Test
    void repartitionAndCoalesceKeepEveryRow()
    {
        DataFrame spread = a().repartition(5);
        assertEquals(5, resultStage(spread).numTasks());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT id, k, s FROM $a"), spread.collect());
        DataFrame hashed = a().repartition(4, col("k"));
        assertEquals(4, resultStage(hashed).numTasks());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT k, count(*) FROM $a GROUP BY k"), hashed.groupBy("k").agg(count("*")).collect());
        DataFrame one = a().filter(col("k").equalTo(1)).coalesce(1);
        assertEquals(1, resultStage(one).numTasks());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT id, k, s FROM $a WHERE k = 1"), one.collect());
        assertTrue(one.explainString("extended").contains("RoundRobinPartitioning(1)"));
    }

    private static Stage resultStage(DataFrame df)
    {
        List<Stage> stages = df.stageGraph().stages();
        return stages.get(stages.size() - 1);
    }

    @Test
    void intersectAndExceptKeepOrDropDuplicatesAsSparkDoes()
    {
        DataFrame left = a().filter(col("id").lt(3000)).select("k", "s");
        DataFrame right = b().filter(col("id").lt(102000)).select("k", "s");
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT k, s FROM $a WHERE id < 3000 INTERSECT SELECT k, s FROM $b WHERE id < 102000"),
                left.intersect(right).collect());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT k, s FROM $a WHERE id < 3000 INTERSECT ALL SELECT k, s FROM $b WHERE id < 102000"),
                left.intersectAll(right).collect());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT k, s FROM $a WHERE id < 3000 EXCEPT SELECT k, s FROM $b WHERE id < 102000"),
                left.except(right).collect());
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT k, s FROM $a WHERE id < 3000 EXCEPT ALL SELECT k, s FROM $b WHERE id < 102000"),
                left.exceptAll(right).collect());
        // nullable columns match null to null through keys, not a nested loop comparing every pair
        String plan = left.intersectAll(right).explainString("simple");
        assertTrue(!plan.contains("NestedLoop") && (plan.contains("SortMergeJoin") || plan.contains("HashJoin")), plan);
        // the ALL forms really keep copies: more rows than the distinct forms here
        assertTrue(left.intersectAll(right).count() > left.intersect(right).count());
        AnalysisException widths = assertThrows(AnalysisException.class, () -> left.intersectAll(b().select("k")));
        assertTrue(widths.getMessage().contains("INTERSECT needs the same number of columns on both sides, not 2 and 1"), widths.getMessage());
    }

    @Test
    void offsetSkipsTheFirstRowsInOrder()
    {
        DuckDbOracle.assertSameRows(duck("SELECT id, s FROM $a ORDER BY id DESC LIMIT 4 OFFSET 10"),
                a().orderBy(col("id").desc()).limit(14).offset(10).select("id", "s").collect());
        assertEquals(11990, a().offset(10).count());
    }

    @Test
    void createDataFrameJoinsFilesAndChecksValues()
    {
        Schema schema = new Schema(List.of(new StructField("k", DataType.INT, true), new StructField("label", DataType.STRING, false),
                new StructField("weight", DataType.decimal(5, 2), true), new StructField("since", DataType.DATE, true)));
        List<Row> rows = List.of(new Row(0, "zero", new BigDecimal("1.5"), LocalDate.of(2020, 1, 31)), new Row(1, "one", null, null),
                new Row(null, "none", new BigDecimal("-2.25"), LocalDate.of(1999, 12, 31)), new Row(3, "three", new BigDecimal("0.125"), null));
        DataFrame labels = fixture.session().createDataFrame(rows, schema);
        assertEquals(List.of("zero", "one", "none", "three"), labels.collect().stream().map(r -> r.getString(1)).toList());
        DataFrame joined = a().join(labels.withColumnRenamed("k", "lk"), col("k").equalTo(col("lk"))).groupBy("label").agg(count("*"), sum("weight"));
        DuckDbOracle.assertSameRowsUnordered(duck("SELECT label, count(*), sum(weight) FROM $a a JOIN (VALUES (0, 'zero', 1.50::DECIMAL(5,2)),"
                + " (1, 'one', NULL), (NULL, 'none', -2.25::DECIMAL(5,2)), (3, 'three', 0.13::DECIMAL(5,2))) l(k, label, weight) ON a.k = l.k GROUP BY label"),
                joined.collect());
        assertEquals(4, labels.filter(col("k").isNull().or(col("k").geq(0))).count());
        AnalysisException wrongType = assertThrows(AnalysisException.class,
                () -> fixture.session().createDataFrame(List.of(new Row("7", "seven", null, null)), schema));
        assertEquals("row 0 has a String (7) for column 'k' of type int; give a Integer", wrongType.getMessage());
        AnalysisException nullLabel = assertThrows(AnalysisException.class,
                () -> fixture.session().createDataFrame(List.of(new Row(7, null, null, null)), schema));
        assertTrue(nullLabel.getMessage().contains("null for column 'label', which is not nullable"), nullLabel.getMessage());
        AnalysisException tooWide = assertThrows(AnalysisException.class,
                () -> fixture.session().createDataFrame(List.of(new Row(7, "x", new BigDecimal("1234.5"), null)), schema));
        assertTrue(tooWide.getMessage().contains("holds at most 3 digits before the point"), tooWide.getMessage());
    }
}
