package io.spindle.runtime.operators;

import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.memory.TaskMemoryManager;
import io.spindle.runtime.memory.UnifiedMemoryManager;
import io.spindle.runtime.testing.Batches;
import io.spindle.runtime.testing.ListOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static io.spindle.runtime.testing.Batches.batches;
import static io.spindle.runtime.testing.Batches.drain;
import static io.spindle.runtime.testing.Batches.rows;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Expressions.arithmetic;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.lit;
import static io.spindle.runtime.testing.Expressions.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SortOperatorTest
{
    private static final Schema SCHEMA = schema("id", DataType.LONG, "s", DataType.STRING, "n", DataType.LONG, "d", DataType.DOUBLE);

    private static SortOrder order(Expression unresolved, boolean ascending, boolean nullsFirst)
    {
        return new SortOrder(resolve(unresolved, SCHEMA), ascending, nullsFirst);
    }

    private static List<List<Object>> sort(List<List<Object>> input, int batchRows, List<SortOrder> orders)
    {
        return rows(drain(new SortOperator(new ListOperator(batches(SCHEMA, input, batchRows)), orders, SCHEMA.size())));
    }

    private static List<Object> row(long id, String s, Long n, Double d)
    {
        return Arrays.asList(id, s, n, d);
    }

    private static List<Object> ids(List<List<Object>> rows)
    {
        return rows.stream().map(r -> r.get(0)).toList();
    }

    /** Orders one column's values the way SQL orders a key, independently of the operator under test. */
    private static <T> Comparator<List<Object>> key(int column, Comparator<T> values, boolean ascending, boolean nullsFirst)
    {
        @SuppressWarnings("unchecked")
        Function<List<Object>, T> value = r -> (T) r.get(column);
        Comparator<T> directed = ascending ? values : values.reversed();
        Comparator<T> withNulls = nullsFirst ? Comparator.nullsFirst(directed) : Comparator.nullsLast(directed);
        return Comparator.comparing(value, withNulls);
    }

    private static int compareCodePoints(String a, String b)
    {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    @Test
    void multiKeySortMatchesAStableSortOfTheSameRows()
    {
        Random random = new Random(42);
        String[] words = {"apple", "Apple", "banana", "", "\u00e9clair", "zebra", "\uff71", "\ud83d\ude00", "ap"};
        List<List<Object>> input = new ArrayList<>();
        for (long id = 0; id < 10_000; id++) {
            String s = random.nextInt(10) == 0 ? null : words[random.nextInt(words.length)];
            Long n = random.nextInt(10) == 0 ? null : (long) random.nextInt(7) - 3;
            Double d = random.nextInt(10) == 0 ? null : (double) random.nextInt(5) / 2;
            input.add(row(id, s, n, d));
        }
        List<SortOrder> orders = List.of(order(col("s"), true, false), order(col("n"), false, true), order(col("d"), true, true));

        List<List<Object>> expected = new ArrayList<>(input);
        expected.sort(key(1, SortOperatorTest::compareCodePoints, true, false)
                .thenComparing(key(2, Comparator.<Long>naturalOrder(), false, true))
                .thenComparing(key(3, Comparator.<Double>naturalOrder(), true, true)));

        assertEquals(expected, sort(input, 1000, orders));
    }

    @Test
    void spillsSortedRunsUnderATinyBudgetAndMergesThemIntoAStableSort(@TempDir Path spillDir)
            throws IOException
    {
        Random random = new Random(7);
        String[] words = {"apple", "Apple", "banana", "", "\u00e9clair", "zebra", "\uff71", "\ud83d\ude00", "ap"};
        List<List<Object>> input = new ArrayList<>();
        for (long id = 0; id < 50_000; id++) {
            String s = random.nextInt(10) == 0 ? null : words[random.nextInt(words.length)] + random.nextInt(50);
            Long n = random.nextInt(10) == 0 ? null : (long) random.nextInt(7) - 3;
            Double d = random.nextInt(10) == 0 ? null : (double) random.nextInt(5) / 2;
            input.add(row(id, s, n, d));
        }
        List<SortOrder> orders = List.of(order(col("n"), false, true), order(col("s"), true, false), order(col("d"), true, true));
        List<List<Object>> expected = new ArrayList<>(input);
        expected.sort(key(2, Comparator.<Long>naturalOrder(), false, true)
                .thenComparing(key(1, SortOperatorTest::compareCodePoints, true, false))
                .thenComparing(key(3, Comparator.<Double>naturalOrder(), true, true)));
        TaskMemoryManager memory = new TaskMemoryManager(new UnifiedMemoryManager(200_000, 0.5), 1, List.of(spillDir));

        SortOperator sort = new SortOperator(new ListOperator(batches(SCHEMA, input, 1000)), orders, SCHEMA.size(), memory);
        List<ColumnBatch> out = new ArrayList<>();
        ColumnBatch batch;
        while ((batch = sort.next()) != null) {
            out.add(batch);
        }
        int runs = sort.spilledRuns();
        sort.close();

        assertTrue(runs > 5, "a 200 KB pool holds a few 1000-row batches, so 50000 rows make many runs, not " + runs);
        assertTrue(memory.spilledBytes() > 0);
        assertEquals(expected, rows(out));
        assertTrue(out.stream().allMatch(b -> b.rowCount() > 0 && b.rowCount() <= ColumnBatch.DEFAULT_ROWS));
        try (var files = Files.list(spillDir.resolve("spill"))) {
            assertEquals(List.of(), files.toList(), "runs are deleted on close");
        }
        assertEquals(0, memory.used());
    }

    @Test
    void aSortWithinItsBudgetWritesNothing(@TempDir Path spillDir)
    {
        List<List<Object>> input = new ArrayList<>();
        for (long id = 0; id < 5000; id++) {
            input.add(row(id, "x", id % 10, null));
        }
        TaskMemoryManager memory = new TaskMemoryManager(new UnifiedMemoryManager(64 << 20, 0.5), 1, List.of(spillDir));

        SortOperator sort = new SortOperator(new ListOperator(batches(SCHEMA, input, 1000)), List.of(order(col("n"), true, true)), 4, memory);
        List<List<Object>> out = rows(drain(sort));

        assertEquals(5000, out.size());
        assertEquals(0, sort.spilledRuns());
        assertEquals(0, memory.spilledBytes());
        assertTrue(memory.peak() > 0, "the buffered rows were counted");
    }

    @Test
    void everyDirectionAndNullPlacement()
    {
        List<List<Object>> input = List.of(row(0, null, 3L, null), row(1, null, null, null), row(2, null, 1L, null),
                row(3, null, 2L, null), row(4, null, null, null));

        assertEquals(List.of(1L, 4L, 2L, 3L, 0L), ids(sort(input, 2, List.of(order(col("n"), true, true)))));
        assertEquals(List.of(2L, 3L, 0L, 1L, 4L), ids(sort(input, 2, List.of(order(col("n"), true, false)))));
        assertEquals(List.of(1L, 4L, 0L, 3L, 2L), ids(sort(input, 2, List.of(order(col("n"), false, true)))));
        assertEquals(List.of(0L, 3L, 2L, 1L, 4L), ids(sort(input, 2, List.of(order(col("n"), false, false)))));
    }

    @Test
    void equalKeysKeepTheirInputOrderAcrossBatches()
    {
        List<List<Object>> input = new ArrayList<>();
        for (long id = 0; id < 20_000; id++) {
            input.add(row(id, null, (id * 7) % 3, null));
        }

        List<List<Object>> sorted = sort(input, 777, List.of(order(col("n"), false, false)));

        List<Object> expected = new ArrayList<>();
        for (long key = 2; key >= 0; key--) {
            for (List<Object> r : input) {
                if ((Long) r.get(2) == key) {
                    expected.add(r.get(0));
                }
            }
        }
        assertEquals(expected, ids(sorted));
    }

    @Test
    void stringsSortByUnsignedByteOrder()
    {
        // UTF-16 order (String.compareTo) would put the emoji's surrogates before U+FF71
        List<String> strings = List.of("b", "a", "\u00ff", "\u00e9", "Z", "", "ab", "\ud83d\ude00", "\uff71", "\u007f");
        List<List<Object>> input = new ArrayList<>();
        for (int i = 0; i < strings.size(); i++) {
            input.add(row(i, strings.get(i), null, null));
        }

        List<Object> sorted = sort(input, 3, List.of(order(col("s"), true, true))).stream().map(r -> r.get(1)).toList();

        assertEquals(List.of("", "Z", "a", "ab", "b", "\u007f", "\u00e9", "\u00ff", "\uff71", "\ud83d\ude00"), sorted);
    }

    @Test
    void decimalAndDateKeys()
    {
        Schema schema = schema("p", DataType.decimal(10, 2), "day", DataType.DATE);
        List<List<Object>> input = List.of(
                Arrays.asList(new BigDecimal("1.50"), LocalDate.of(2024, 1, 2)),
                Arrays.asList(new BigDecimal("-1.50"), LocalDate.of(1969, 12, 31)),
                Arrays.asList(new BigDecimal("1.50"), LocalDate.of(2023, 12, 31)),
                Arrays.asList(null, LocalDate.of(2000, 1, 1)),
                Arrays.asList(new BigDecimal("0.99"), null));
        List<SortOrder> orders = List.of(
                new SortOrder(resolve(col("p"), schema), false, false),
                new SortOrder(resolve(col("day"), schema), true, true));

        List<List<Object>> sorted = rows(drain(new SortOperator(new ListOperator(batches(schema, input, 2)), orders, 2)));

        assertEquals(List.of(input.get(2), input.get(0), input.get(4), input.get(1), input.get(3)), sorted);
    }

    @Test
    void sortsByAComputedKeyAndKeepsTheInputColumns()
    {
        List<List<Object>> input = new ArrayList<>();
        for (long id = 0; id < 9; id++) {
            input.add(row(id, "r" + id, id, null));
        }

        List<List<Object>> sorted = sort(input, 4, List.of(order(arithmetic(Arithmetic.Operator.MODULO, col("n"), lit(3L)), true, true)));

        assertEquals(List.of(0L, 3L, 6L, 1L, 4L, 7L, 2L, 5L, 8L), ids(sorted));
        assertEquals(row(3, "r3", 3L, null), sorted.get(1));
    }

    @Test
    void returnsBatchesOfAtMostTheDefaultSize()
    {
        List<List<Object>> input = new ArrayList<>();
        for (long id = 0; id < 10_000; id++) {
            input.add(row(id, null, -id, null));
        }

        List<ColumnBatch> out = drain(new SortOperator(new ListOperator(batches(SCHEMA, input, 3000)), List.of(order(col("n"), true, true)), 4));

        assertEquals(List.of(4096, 4096, 1808), out.stream().map(ColumnBatch::rowCount).toList());
        assertEquals(9999L, out.get(0).column(0).getObject(0));
        assertEquals(0L, out.get(2).column(0).getObject(1807));
    }

    @Test
    void emptyInputGivesNoRowsAndClosesTheChild()
    {
        ListOperator source = new ListOperator(List.of());
        SortOperator sort = new SortOperator(source, List.of(order(col("n"), true, true)), 4);

        assertNull(sort.next());
        assertNull(sort.next());
        sort.close();
        assertEquals(1, source.closes());
    }

    @Test
    void nanSortsAfterEveryNumber()
    {
        List<List<Object>> input = List.of(row(0, null, null, Double.NaN), row(1, null, null, Double.POSITIVE_INFINITY),
                row(2, null, null, 1.0), row(3, null, null, null), row(4, null, null, Double.NEGATIVE_INFINITY));

        assertEquals(List.of(4L, 2L, 1L, 0L, 3L), ids(sort(input, 10, List.of(order(col("d"), true, false)))));
    }

    /** -0.0 and 0.0 are one value to SQL (and to grouping, see RowHasher.normalizedBits), so a stable sort keeps their order. */
    @Test
    void negativeZeroAndZeroAreTies()
    {
        List<List<Object>> input = List.of(row(0, null, null, 0.0), row(1, null, null, -0.0), row(2, null, null, 0.0), row(3, null, null, -1.0));

        assertEquals(List.of(3L, 0L, 1L, 2L), ids(sort(input, 10, List.of(order(col("d"), true, true)))));
    }

    @Test
    void closingTheSortClosesItsChildOnce()
    {
        ListOperator source = ListOperator.of(Batches.batch(SCHEMA, List.of(row(1, "a", 1L, 1.0))));
        SortOperator sort = new SortOperator(source, List.of(order(col("id"), true, true)), 4);

        assertEquals(1, sort.next().rowCount());
        sort.close();

        assertEquals(1, source.closes());
    }
}
