package io.spindle.runtime.operators;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.physical.ExchangeExec;
import io.spindle.planner.physical.HashAggregateExec;
import io.spindle.planner.physical.PhysicalPlanner;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.TypeKind;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.memory.TaskMemoryManager;
import io.spindle.runtime.memory.UnifiedMemoryManager;
import io.spindle.runtime.testing.DuckDb;
import io.spindle.runtime.testing.ListOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.batches;
import static io.spindle.runtime.testing.Batches.drain;
import static io.spindle.runtime.testing.Batches.rows;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Batches.vector;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Partial then final aggregation, planned by {@link PhysicalPlanner} as a query would be, checked against DuckDB
 * running the same query over the same rows.
 */
class HashAggregationOperatorTest
{
    private static final Schema SCHEMA = schema(
            "ks", DataType.STRING,
            "ki", DataType.INT,
            "l", DataType.LONG,
            "d", DataType.DOUBLE,
            "m", DataType.decimal(12, 2),
            "s", DataType.STRING,
            "dt", DataType.DATE);

    /** The table both engines aggregate. Doubles are multiples of 1/64, so every sum is exact in any order. */
    private static final String CREATE_TABLE = """
            CREATE TABLE t AS
            SELECT i AS id,
                CASE WHEN i % 17 = 0 THEN NULL ELSE list_element(['k', '\u00e9', 'K'], (i % 3)::INTEGER + 1) || (i % 7)::VARCHAR END AS ks,
                CASE WHEN i % 13 = 0 THEN NULL ELSE (i % 5)::INTEGER END AS ki,
                CASE WHEN i % 7 = 0 THEN NULL ELSE ((i * 2654435761) % 1000003 - 500000)::BIGINT END AS l,
                CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 40503) % 100000 - 50000)::DOUBLE / 64 END AS d,
                CASE WHEN i % 9 = 0 THEN NULL ELSE (((i * 7919) % 2000001 - 1000000)::DOUBLE / 100)::DECIMAL(12,2) END AS m,
                CASE WHEN i % 8 = 0 THEN NULL
                    ELSE list_element(['a', 'Z', '\u00e9', '', 'zz', '\u00ff', '\ud83d\ude00'], (i % 7)::INTEGER + 1) || (i % 100)::VARCHAR END AS s,
                CASE WHEN i % 10 = 0 THEN NULL ELSE DATE '2000-01-01' + ((i * 97) % 20000)::INTEGER END AS dt
            FROM range(30000) r(i)
            UNION ALL
            SELECT 30000 + i, 'only-nulls', 1, NULL, NULL, NULL, NULL, NULL FROM range(5) r(i)
            """;

    private static final String[] FUNCTIONS_SQL = {
            "sum(l)::BIGINT", "count(l)", "count(*)", "min(l)", "max(l)",
            "sum(d)", "count(d)", "min(d)", "max(d)",
            "sum(m)", "count(m)", "min(m)", "max(m)",
            "min(s)", "max(s)", "count(s)",
            "CAST(min(dt) AS VARCHAR)", "CAST(max(dt) AS VARCHAR)", "count(dt)"};

    private static DuckDb duck;
    private static List<List<Object>> tableRows;

    @BeforeAll
    static void createTable()
    {
        duck = new DuckDb();
        duck.execute(CREATE_TABLE);
        tableRows = new ArrayList<>();
        for (List<Object> row : duck.query("SELECT ks, ki, l, d, m, s, CAST(dt AS VARCHAR) FROM t ORDER BY id")) {
            List<Object> converted = new ArrayList<>(row);
            converted.set(6, row.get(6) == null ? null : LocalDate.parse((String) row.get(6)));
            tableRows.add(converted);
        }
    }

    @AfterAll
    static void closeDuckDb()
    {
        duck.close();
    }

    /** The partial and final aggregations the physical planner makes for a query over {@code schema}. */
    record Plan(HashAggregateExec partial, HashAggregateExec finalAggregation)
    {
    }

    static Plan plan(Schema schema, List<String> keys, List<AggregateCall> calls)
    {
        FileSource source = new FileSource("parquet", List.of("/test/t"), schema,
                // two splits, so that the rows are not in one partition already and the plan keeps its exchange
                List.of(new FileSplit("/test/t/part-0.parquet", List.of(0), 1, 1, List.of()), new FileSplit("/test/t/part-1.parquet", List.of(0), 1, 1, List.of())),
                2, 2);
        FileRelation relation = FileRelation.allColumns(source);
        List<Expression> keyExpressions = keys.stream().map(k -> resolve(col(k), schema)).toList();
        List<Expression> aggregates = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            aggregates.add(new Alias(resolve(calls.get(i), schema), "a" + i));
        }
        HashAggregateExec finalAggregation = (HashAggregateExec) new PhysicalPlanner(4).plan(new Aggregate(relation, keyExpressions, aggregates));
        HashAggregateExec partial = (HashAggregateExec) ((ExchangeExec) finalAggregation.child()).child();
        assertEquals(HashAggregateExec.Mode.FINAL, finalAggregation.mode());
        assertEquals(HashAggregateExec.Mode.PARTIAL, partial.mode());
        return new Plan(partial, finalAggregation);
    }

    static AggregateCall call(AggregateFunction function, String column)
    {
        return new AggregateCall(function, Optional.of(col(column)));
    }

    static AggregateCall countStar()
    {
        return new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty());
    }

    /**
     * Runs one partial aggregation per map input, then one final aggregation over all their output, as a reduce
     * task does after the shuffle. Checks every batch's column types against the plan's schemas.
     */
    static List<ColumnBatch> partialThenFinal(Plan plan, List<List<ColumnBatch>> mapInputs)
    {
        List<ColumnBatch> partialOutput = new ArrayList<>();
        for (List<ColumnBatch> input : mapInputs) {
            for (ColumnBatch batch : drain(new HashAggregationOperator(new ListOperator(input), plan.partial()))) {
                assertTypes(plan.partial().schema(), batch);
                partialOutput.add(batch);
            }
        }
        List<ColumnBatch> out = drain(new HashAggregationOperator(new ListOperator(partialOutput), plan.finalAggregation()));
        for (ColumnBatch batch : out) {
            assertTypes(plan.finalAggregation().schema(), batch);
            assertTrue(batch.rowCount() > 0 && batch.rowCount() <= ColumnBatch.DEFAULT_ROWS, "batch of " + batch.rowCount() + " rows");
        }
        return out;
    }

    private static void assertTypes(Schema schema, ColumnBatch batch)
    {
        assertEquals(schema.size(), batch.columnCount(), schema.names().toString());
        for (int c = 0; c < schema.size(); c++) {
            assertEquals(schema.field(c).type(), batch.column(c).type(), "column " + schema.field(c).name());
        }
    }

    /** The table's rows as three map tasks' inputs of unequal sizes, in batches of 999 rows. */
    private static List<List<ColumnBatch>> mapInputs(List<List<Object>> rows)
    {
        int first = rows.size() / 5;
        int second = rows.size() / 2;
        return List.of(
                batches(SCHEMA, rows.subList(0, first), 999),
                batches(SCHEMA, rows.subList(first, second), 999),
                batches(SCHEMA, rows.subList(second, rows.size()), 999));
    }

    private static List<AggregateCall> everyFunction()
    {
        return List.of(
                call(AggregateFunction.SUM, "l"), call(AggregateFunction.COUNT, "l"), countStar(), call(AggregateFunction.AVG, "l"),
                call(AggregateFunction.MIN, "l"), call(AggregateFunction.MAX, "l"),
                call(AggregateFunction.SUM, "d"), call(AggregateFunction.AVG, "d"), call(AggregateFunction.MIN, "d"), call(AggregateFunction.MAX, "d"),
                call(AggregateFunction.SUM, "m"), call(AggregateFunction.AVG, "m"), call(AggregateFunction.MIN, "m"), call(AggregateFunction.MAX, "m"),
                call(AggregateFunction.MIN, "s"), call(AggregateFunction.MAX, "s"), call(AggregateFunction.COUNT, "s"),
                call(AggregateFunction.MIN, "dt"), call(AggregateFunction.MAX, "dt"), call(AggregateFunction.COUNT, "dt"));
    }

    /** DuckDB's answer in the shape of Spindle's output: the keys, then {@link #everyFunction()}'s values. */
    private static List<List<Object>> expectedFromDuckDb(List<String> keys, String where)
    {
        List<String> keySql = keys.stream()
                .map(k -> SCHEMA.field(SCHEMA.indexOf(k).orElseThrow()).type().kind() == TypeKind.DATE ? "CAST(" + k + " AS VARCHAR)" : k)
                .toList();
        String select = String.join(", ", keySql) + (keys.isEmpty() ? "" : ", ") + String.join(", ", FUNCTIONS_SQL);
        String sql = "SELECT " + select + " FROM t" + where + (keys.isEmpty() ? "" : " GROUP BY " + String.join(", ", keySql));
        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> row : duck.query(sql)) {
            List<Object> out = new ArrayList<>();
            for (int k = 0; k < keys.size(); k++) {
                Object key = row.get(k);
                out.add(key instanceof String text && keySql.get(k).startsWith("CAST") ? LocalDate.parse(text) : key);
            }
            List<Object> f = row.subList(keys.size(), row.size());
            Long sumL = (Long) f.get(0);
            long countL = (Long) f.get(1);
            Double sumD = (Double) f.get(5);
            long countD = (Long) f.get(6);
            BigDecimal sumM = (BigDecimal) f.get(9);
            long countM = (Long) f.get(10);
            out.addAll(Arrays.asList(
                    sumL, countL, f.get(2), countL == 0 ? null : (double) sumL / countL, f.get(3), f.get(4),
                    sumD, countD == 0 ? null : sumD / countD, f.get(7), f.get(8),
                    sumM == null ? null : sumM.setScale(2), countM == 0 ? null : sumM.divide(BigDecimal.valueOf(countM), 6, RoundingMode.HALF_UP),
                    f.get(11), f.get(12),
                    f.get(13), f.get(14), f.get(15),
                    f.get(16) == null ? null : LocalDate.parse((String) f.get(16)), f.get(17) == null ? null : LocalDate.parse((String) f.get(17)),
                    f.get(18)));
            expected.add(out);
        }
        return expected;
    }

    private static Map<List<Object>, List<Object>> byKey(List<List<Object>> rows, int keyCount)
    {
        Map<List<Object>, List<Object>> out = new HashMap<>();
        for (List<Object> row : rows) {
            List<Object> previous = out.put(row.subList(0, keyCount), row);
            assertNull(previous, "key " + row.subList(0, keyCount) + " came out twice");
        }
        return out;
    }

    private static void assertSameGroups(List<List<Object>> expected, List<List<Object>> actual, int keyCount)
    {
        Map<List<Object>, List<Object>> expectedByKey = byKey(expected, keyCount);
        Map<List<Object>, List<Object>> actualByKey = byKey(actual, keyCount);
        assertEquals(expectedByKey.keySet(), actualByKey.keySet());
        for (Map.Entry<List<Object>, List<Object>> entry : expectedByKey.entrySet()) {
            assertEquals(entry.getValue(), actualByKey.get(entry.getKey()), "group " + entry.getKey());
        }
    }

    private void assertMatchesDuckDb(List<String> keys)
    {
        Plan plan = plan(SCHEMA, keys, everyFunction());

        List<List<Object>> actual = rows(partialThenFinal(plan, mapInputs(tableRows)));

        assertSameGroups(expectedFromDuckDb(keys, ""), actual, keys.size());
    }

    /** A task's memory over a pool of {@code bytes}, spilling into {@code dir}. */
    private static TaskMemoryManager budget(long bytes, Path dir)
    {
        return new TaskMemoryManager(new UnifiedMemoryManager(bytes, 0.5), 1, List.of(dir));
    }

    @Test
    void finalAggregationSpillsUnderATinyBudgetAndEveryGroupStaysRight(@TempDir Path spillDir)
            throws IOException
    {
        List<String> keys = List.of("l", "s");
        Plan plan = plan(SCHEMA, keys, everyFunction());
        List<ColumnBatch> partialOutput = new ArrayList<>();
        for (List<ColumnBatch> input : mapInputs(tableRows)) {
            partialOutput.addAll(drain(new HashAggregationOperator(new ListOperator(input), plan.partial())));
        }
        TaskMemoryManager memory = budget(256 * 1024, spillDir);

        HashAggregationOperator finalAggregation = new HashAggregationOperator(new ListOperator(partialOutput), plan.finalAggregation(), memory);
        List<ColumnBatch> out = new ArrayList<>();
        ColumnBatch batch;
        while ((batch = finalAggregation.next()) != null) {
            out.add(batch);
        }
        boolean spillFilesWhileOpen;
        try (var files = Files.list(spillDir.resolve("spill"))) {
            spillFilesWhileOpen = files.findAny().isPresent();
        }
        finalAggregation.close();

        assertTrue(finalAggregation.spilled(), "30000 groups of 20 aggregates cannot fit in 256 KiB");
        assertTrue(memory.spilledBytes() > 0 && memory.spills() > 1, memory.spilledBytes() + " bytes in " + memory.spills() + " spills");
        assertTrue(spillFilesWhileOpen);
        try (var files = Files.list(spillDir.resolve("spill"))) {
            assertEquals(List.of(), files.toList(), "spill files are deleted on close");
        }
        assertEquals(0, memory.used(), "everything reserved is given back");
        assertSameGroups(expectedFromDuckDb(keys, ""), rows(out), keys.size());
    }

    @Test
    void partialAggregationHandsOnItsGroupsWhenMemoryRunsOutAndTheFinalOneStillMergesThem(@TempDir Path spillDir)
    {
        List<String> keys = List.of("s");
        Plan plan = plan(SCHEMA, keys, everyFunction());
        TaskMemoryManager memory = budget(32 * 1024, spillDir);
        List<ColumnBatch> partialOutput = new ArrayList<>();
        for (List<ColumnBatch> input : mapInputs(tableRows)) {
            partialOutput.addAll(drain(new HashAggregationOperator(new ListOperator(input), plan.partial(), memory)));
        }
        long partialRows = partialOutput.stream().mapToLong(ColumnBatch::rowCount).sum();
        List<List<Object>> expected = expectedFromDuckDb(keys, "");

        List<List<Object>> actual = rows(drain(new HashAggregationOperator(new ListOperator(partialOutput), plan.finalAggregation())));

        assertTrue(partialRows > expected.size() + 1000, "flushed partial groups repeat keys: " + partialRows + " rows for " + expected.size() + " groups");
        assertEquals(0, memory.spilledBytes(), "a partial aggregation flushes downstream instead of writing to disk");
        assertSameGroups(expected, actual, keys.size());
    }

    @Test
    void everyFunctionGroupedByNullableStringAndIntKeys()
    {
        assertMatchesDuckDb(List.of("ks", "ki"));
    }

    @Test
    void everyFunctionGroupedByAStringColumnWithManyValues()
    {
        assertMatchesDuckDb(List.of("s"));
    }

    @Test
    void everyFunctionGroupedByDecimalAndDateKeys()
    {
        assertMatchesDuckDb(List.of("m", "dt"));
    }

    @Test
    void everyFunctionWithoutGroupingKeys()
    {
        List<List<Object>> actual = rows(partialThenFinal(plan(SCHEMA, List.of(), everyFunction()), mapInputs(tableRows)));

        assertEquals(expectedFromDuckDb(List.of(), ""), actual);
    }

    @Test
    void groupWhoseArgumentsAreAllNullGivesNullsAndZeroCounts()
    {
        Plan plan = plan(SCHEMA, List.of("ks"), everyFunction());

        List<List<Object>> actual = rows(partialThenFinal(plan, mapInputs(tableRows)));

        List<Object> onlyNulls = actual.stream().filter(r -> "only-nulls".equals(r.get(0))).findFirst().orElseThrow();
        assertEquals(Arrays.asList("only-nulls",
                null, 0L, 5L, null, null, null,
                null, null, null, null,
                null, null, null, null,
                null, null, 0L,
                null, null, 0L), onlyNulls);
    }

    @Test
    void globalAggregationOverNoRowsReturnsOneRow()
    {
        Plan plan = plan(SCHEMA, List.of(), everyFunction());
        List<Object> expected = Arrays.asList(
                null, 0L, 0L, null, null, null,
                null, null, null, null,
                null, null, null, null,
                null, null, 0L,
                null, null, 0L);

        assertEquals(List.of(expected), rows(partialThenFinal(plan, List.of(List.of()))), "one map task with no rows");
        assertEquals(List.of(expected), rows(partialThenFinal(plan, List.of())), "no map task at all");
        assertEquals(List.of(expected), rows(partialThenFinal(plan, List.of(List.of(), List.of()))), "two map tasks with no rows");
        assertEquals(expectedFromDuckDb(List.of(), " WHERE id < 0"), List.of(expected), "DuckDB agrees");
    }

    @Test
    void groupedAggregationOverNoRowsReturnsNoRows()
    {
        Plan plan = plan(SCHEMA, List.of("ks"), everyFunction());

        assertEquals(List.of(), partialThenFinal(plan, List.of(List.of(), List.of())));
    }

    @Test
    void hundredThousandDistinctLongKeys()
    {
        Schema schema = schema("k", DataType.LONG, "v", DataType.LONG);
        List<List<Object>> input = new ArrayList<>();
        Map<Long, long[]> expected = new HashMap<>();
        long[] nullKey = new long[3];
        for (long i = 0; i < 250_000; i++) {
            Long key = i % 99_991 == 0 ? null : (i * 2_654_435_761L) % 100_003;
            Long value = i % 50 == 0 ? null : i % 1000 - 500;
            input.add(Arrays.asList(key, value));
            long[] stats = key == null ? nullKey : expected.computeIfAbsent(key, k -> new long[3]);
            stats[0]++;
            if (value != null) {
                stats[1] += value;
                stats[2]++;
            }
        }
        Plan plan = plan(schema, List.of("k"), List.of(countStar(), call(AggregateFunction.SUM, "v"), call(AggregateFunction.COUNT, "v")));

        List<ColumnBatch> out = partialThenFinal(plan, List.of(
                batches(schema, input.subList(0, 125_000), 4096), batches(schema, input.subList(125_000, 250_000), 3000)));

        List<List<Object>> actual = rows(out);
        assertEquals(expected.size() + 1, actual.size());
        assertTrue(out.size() >= 25, out.size() + " batches for " + actual.size() + " groups");
        Map<List<Object>, List<Object>> actualByKey = byKey(actual, 1);
        for (Map.Entry<Long, long[]> entry : expected.entrySet()) {
            long[] stats = entry.getValue();
            assertEquals(Arrays.asList(entry.getKey(), stats[0], stats[2] == 0 ? null : stats[1], stats[2]),
                    actualByKey.get(Arrays.asList(entry.getKey())), "key " + entry.getKey());
        }
        assertEquals(Arrays.asList(null, nullKey[0], nullKey[2] == 0 ? null : nullKey[1], nullKey[2]),
                actualByKey.get(Arrays.asList((Object) null)));
    }

    @Test
    void hundredThousandDistinctStringKeys()
    {
        Schema schema = schema("k", DataType.STRING, "v", DataType.DOUBLE);
        List<List<Object>> input = new ArrayList<>();
        Map<String, Long> counts = new HashMap<>();
        Map<String, Double> maxima = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            String key = i % 7 == 0 ? "\u00e9-" + (i * 31 % 100_000) : "key-" + (i * 31 % 100_000);
            double value = (i % 977) / 4.0;
            input.add(Arrays.asList(key, value));
            counts.merge(key, 1L, Long::sum);
            maxima.merge(key, value, Math::max);
        }
        Plan plan = plan(schema, List.of("k"), List.of(countStar(), call(AggregateFunction.MAX, "v"), call(AggregateFunction.MIN, "k")));

        List<List<Object>> actual = rows(partialThenFinal(plan, List.of(
                batches(schema, input.subList(0, 60_000), 4096), batches(schema, input.subList(60_000, 200_000), 4096))));

        assertTrue(counts.size() > 100_000, counts.size() + " keys");
        Map<List<Object>, List<Object>> actualByKey = byKey(actual, 1);
        assertEquals(counts.keySet(), actualByKey.keySet().stream().map(k -> (String) k.get(0)).collect(Collectors.toSet()));
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            String key = entry.getKey();
            assertEquals(Arrays.asList(key, entry.getValue(), maxima.get(key), key), actualByKey.get(List.of(key)), key);
        }
    }

    @Test
    void doubleKeysGroupNegativeZeroWithZeroAndNanWithNan()
    {
        Schema schema = schema("k", DataType.DOUBLE);
        Plan plan = plan(schema, List.of("k"), List.of(countStar()));
        ColumnBatch input = batch(vector(DataType.DOUBLE, 0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L), null, 1.5, -0.0, null));

        List<List<Object>> actual = rows(partialThenFinal(plan, List.of(List.of(input), List.of(input))));

        Map<Object, Object> counts = new HashMap<>();
        for (List<Object> row : actual) {
            Object key = row.get(0) instanceof Double d && d == 0.0 ? (Object) 0.0 : row.get(0);
            assertNull(counts.put(key, row.get(1)), "key " + row.get(0) + " came out twice in " + actual);
        }
        Map<Object, Object> expected = new HashMap<>();
        expected.put(0.0, 6L);
        expected.put(Double.NaN, 4L);
        expected.put(null, 4L);
        expected.put(1.5, 2L);
        assertEquals(expected, counts);
    }

    @Test
    void decimalSumOverflowFailsWithAnActionableMessage()
    {
        DataType widest = DataType.decimal(38, 0);
        Schema schema = schema("m", widest);
        List<List<Object>> input = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            input.add(List.of(new BigDecimal("90000000000000000000000000000000000000")));
        }
        Plan plan = plan(schema, List.of(), List.of(call(AggregateFunction.SUM, "m")));

        ArithmeticException e = assertThrows(ArithmeticException.class, () -> partialThenFinal(plan, List.of(batches(schema, input, 7))));

        assertTrue(e.getMessage().contains("decimal(38,0)"), e.getMessage());
        assertTrue(e.getMessage().contains("cast"), e.getMessage());
    }

    /** sum(decimal(18,0)) is decimal(28,0): sums past 64 bits are exact, and beyond 28 digits they fail naming the type. */
    @Test
    void decimalSumsPastSixtyFourBitsAreExactUpToTheirType()
    {
        DataType d18 = DataType.decimal(18, 0);
        Schema schema = schema("m", d18);
        List<List<Object>> input = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            input.add(List.of(new BigDecimal(i % 2 == 0 ? "900000000000000000" : "800000000000000000")));
        }
        Plan plan = plan(schema, List.of(), List.of(call(AggregateFunction.SUM, "m"), call(AggregateFunction.AVG, "m")));

        assertEquals(List.of(List.of(new BigDecimal("34000000000000000000"), new BigDecimal("850000000000000000.0000"))),
                rows(partialThenFinal(plan, List.of(batches(schema, input, 7), batches(schema, input, 3)))));
    }

    /** Negative sums wrap below -2^63 in the running 64-bit sum; the 128-bit result is still exact. */
    @Test
    void negativeDecimalSumsPastSixtyFourBitsAreExact()
    {
        DataType d18 = DataType.decimal(18, 2);
        Schema schema = schema("m", d18);
        List<List<Object>> input = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            input.add(Arrays.asList(i % 10 == 0 ? null : new BigDecimal("-9999999999999999.99")));
        }
        Plan plan = plan(schema, List.of(), List.of(call(AggregateFunction.SUM, "m"), call(AggregateFunction.AVG, "m")));

        assertEquals(List.of(List.of(new BigDecimal("-539999999999999999.46"), new BigDecimal("-9999999999999999.990000"))),
                rows(partialThenFinal(plan, List.of(batches(schema, input, 7), batches(schema, input, 30)))));
    }

    /**
     * Wide decimal keys (both signs, beyond 64 bits, a null) group apart from narrow sums that turn wide, and min, max,
     * first and avg of wide values come out exact, through a partial and a final aggregation.
     */
    @Test
    void groupsByWideDecimalKeysAndAggregatesWideValues()
    {
        DataType key = DataType.decimal(25, 2);
        DataType wide = DataType.decimal(38, 10);
        DataType price = DataType.decimal(18, 2);
        Schema schema = schema("k", key, "w", wide, "p", price);
        List<BigDecimal> keys = Arrays.asList(new BigDecimal("-1000000000000000000000.25"), new BigDecimal("1000000000000000000000.25"),
                new BigDecimal("0.25"), null);
        List<List<Object>> input = new ArrayList<>();
        Map<BigDecimal, List<BigDecimal>> widesByKey = new HashMap<>();
        Map<BigDecimal, BigDecimal> priceSums = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            BigDecimal k = keys.get(i % keys.size());
            BigDecimal w = i % 9 == 0 ? null : new BigDecimal(BigInteger.valueOf(i - 200).multiply(new BigInteger("98765432109876543210987")), 10);
            BigDecimal p = new BigDecimal("9999999999999999.99").subtract(BigDecimal.valueOf(i));
            input.add(Arrays.asList(k, w, p));
            BigDecimal group = k == null ? BigDecimal.ONE.negate() : k;
            if (w != null) {
                widesByKey.computeIfAbsent(group, g -> new ArrayList<>()).add(w);
            }
            priceSums.merge(group, p, BigDecimal::add);
        }
        Plan plan = plan(schema, List.of("k"), List.of(call(AggregateFunction.SUM, "w"), call(AggregateFunction.MIN, "w"),
                call(AggregateFunction.MAX, "w"), call(AggregateFunction.AVG, "w"), call(AggregateFunction.SUM, "p"),
                call(AggregateFunction.COUNT, "w")));

        List<List<Object>> actual = rows(partialThenFinal(plan, List.of(batches(schema, input.subList(0, 150), 64),
                batches(schema, input.subList(150, 400), 100))));

        assertEquals(keys.size(), actual.size());
        for (List<Object> row : actual) {
            BigDecimal group = row.get(0) == null ? BigDecimal.ONE.negate() : (BigDecimal) row.get(0);
            List<BigDecimal> ws = widesByKey.get(group);
            BigDecimal sum = ws.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(sum, row.get(1), "sum for " + group);
            assertEquals(ws.stream().min(BigDecimal::compareTo).orElseThrow(), row.get(2), "min for " + group);
            assertEquals(ws.stream().max(BigDecimal::compareTo).orElseThrow(), row.get(3), "max for " + group);
            assertEquals(sum.divide(BigDecimal.valueOf(ws.size()), 14, RoundingMode.HALF_UP), row.get(4), "avg for " + group);
            assertEquals(priceSums.get(group), row.get(5), "sum of prices for " + group);
            assertTrue(((BigDecimal) row.get(5)).unscaledValue().bitLength() > 63, "the price sums pass 64 bits");
            assertEquals((long) ws.size(), row.get(6));
        }
    }

    @Test
    void sumOfIntsIsABigintThatDoesNotOverflowAnInt()
    {
        Schema schema = schema("i", DataType.INT);
        Plan plan = plan(schema, List.of(), List.of(call(AggregateFunction.SUM, "i"), call(AggregateFunction.AVG, "i"),
                call(AggregateFunction.MIN, "i"), call(AggregateFunction.MAX, "i")));
        ColumnBatch input = batch(vector(DataType.INT, Integer.MAX_VALUE, Integer.MAX_VALUE, null, Integer.MIN_VALUE));

        assertEquals(List.of(Arrays.asList(2L * Integer.MAX_VALUE + Integer.MIN_VALUE, (2.0 * Integer.MAX_VALUE + Integer.MIN_VALUE) / 3,
                        Integer.MIN_VALUE, Integer.MAX_VALUE)),
                rows(partialThenFinal(plan, List.of(List.of(input)))));
    }

    @Test
    void closingTheAggregationClosesItsChild()
    {
        ListOperator source = ListOperator.of(batch(vector(DataType.STRING, "a")));
        Plan plan = plan(schema("ks", DataType.STRING), List.of("ks"), List.of(countStar()));

        drain(new HashAggregationOperator(source, plan.partial()));

        assertEquals(1, source.closes());
    }

    /**
     * avg(decimal(37,36)) is decimal(38,38): its running sum must stay at the argument's scale 36
     * ({@code AggregateFunction.avgSumType}), whatever scale the result has.
     */
    @Test
    void avgOfADecimalWhoseScaleIsAbove34()
    {
        DataType tiny = DataType.decimal(37, 36);
        Schema schema = schema("m", tiny);
        Plan plan = plan(schema, List.of(), List.of(call(AggregateFunction.AVG, "m"), call(AggregateFunction.SUM, "m")));
        ColumnBatch input = batch(vector(tiny, new BigDecimal("1E-36"), new BigDecimal("3E-36"), null));

        assertEquals(List.of(List.of(new BigDecimal("2E-36").setScale(38), new BigDecimal("4E-36").setScale(36))),
                rows(partialThenFinal(plan, List.of(List.of(input)))));
    }
}
