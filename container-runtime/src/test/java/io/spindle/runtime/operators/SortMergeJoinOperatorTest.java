package io.spindle.runtime.operators;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.testing.ListOperator;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiPredicate;

import static io.spindle.runtime.operators.HashJoinOperatorTest.EQUI_TYPES;
import static io.spindle.runtime.operators.HashJoinOperatorTest.LEFT;
import static io.spindle.runtime.operators.HashJoinOperatorTest.LEFT_TYPES;
import static io.spindle.runtime.operators.HashJoinOperatorTest.LV_BELOW_RV;
import static io.spindle.runtime.operators.HashJoinOperatorTest.RIGHT;
import static io.spindle.runtime.operators.HashJoinOperatorTest.RIGHT_TYPES;
import static io.spindle.runtime.operators.HashJoinOperatorTest.keysEqual;
import static io.spindle.runtime.operators.HashJoinOperatorTest.randomRows;
import static io.spindle.runtime.operators.HashJoinOperatorTest.reference;
import static io.spindle.runtime.operators.HashJoinOperatorTest.sorted;
import static io.spindle.runtime.testing.Batches.batches;
import static io.spindle.runtime.testing.Batches.drain;
import static io.spindle.runtime.testing.Batches.rows;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SortMergeJoinOperatorTest
{
    /** Left and right input of the merge, each sorted on its keys by the sort the planner puts under a sort-merge join. */
    private record Inputs(ListOperator left, ListOperator right, Operator sortedLeft, Operator sortedRight) {}

    private static Inputs inputs(Schema leftSchema, List<List<Object>> left, Schema rightSchema, List<List<Object>> right,
            List<Expression> leftKeys, List<Expression> rightKeys, int batchRows)
    {
        ListOperator leftInput = new ListOperator(batches(leftSchema, left, batchRows));
        ListOperator rightInput = new ListOperator(batches(rightSchema, right, batchRows));
        return new Inputs(leftInput, rightInput,
                new SortOperator(leftInput, leftKeys.stream().map(SortOrder::ascending).toList(), leftSchema.size()),
                new SortOperator(rightInput, rightKeys.stream().map(SortOrder::ascending).toList(), rightSchema.size()));
    }

    private static List<Expression> keys(Schema schema, int... columns)
    {
        return Arrays.stream(columns).mapToObj(c -> resolve(col(schema.field(c).name()), schema)).toList();
    }

    private static List<DataType> types(Schema schema)
    {
        return schema.fields().stream().map(StructField::type).toList();
    }

    /** The merge's output batches, in order, after checking it closed both inputs and returned no empty batch. */
    private static List<ColumnBatch> mergeBatches(Schema leftSchema, List<List<Object>> left, Schema rightSchema, List<List<Object>> right,
            JoinType type, int[] keyColumns, Optional<Expression> residual, int batchRows)
    {
        List<Expression> leftKeys = keys(leftSchema, keyColumns);
        List<Expression> rightKeys = keys(rightSchema, keyColumns);
        Inputs in = inputs(leftSchema, left, rightSchema, right, leftKeys, rightKeys, batchRows);
        List<ColumnBatch> out = drain(new SortMergeJoinOperator(in.sortedLeft(), in.sortedRight(), type, types(leftSchema), types(rightSchema),
                leftKeys, rightKeys, residual));
        assertTrue(out.stream().allMatch(b -> b.rowCount() > 0 && b.rowCount() <= ColumnBatch.DEFAULT_ROWS), "batches of 1 to 4096 rows");
        assertEquals(1, in.left().closes());
        assertEquals(1, in.right().closes());
        return out;
    }

    private static List<List<Object>> merge(List<List<Object>> left, List<List<Object>> right, JoinType type, int keyColumns,
            Optional<Expression> residual, int batchRows)
    {
        int[] columns = keyColumns == 1 ? new int[] {0} : new int[] {0, 1};
        return sorted(rows(mergeBatches(LEFT, left, RIGHT, right, type, columns, residual, batchRows)));
    }

    @Test
    void everyJoinTypeMatchesTheDefinitionWithNullAndDuplicateKeysAcrossBatchBoundaries()
    {
        Random random = new Random(17);
        List<List<Object>> left = randomRows(random, 300);
        List<List<Object>> right = randomRows(random, 200);
        for (JoinType type : EQUI_TYPES) {
            for (int keys = 1; keys <= 2; keys++) {
                int keyColumns = keys;
                List<List<Object>> expected = reference(left, right, type, (l, r) -> keysEqual(l, r, keyColumns));
                // one-row batches put every run of equal keys across batch boundaries on both sides
                for (int batchRows : new int[] {1, 7, 64, 4096}) {
                    assertEquals(expected, merge(left, right, type, keys, Optional.empty(), batchRows), type + " on " + keys + " keys, batches of " + batchRows);
                }
            }
        }
    }

    @Test
    void residualConditionDecidesWhichCandidatePairsMatch()
    {
        Random random = new Random(19);
        List<List<Object>> left = randomRows(random, 250);
        List<List<Object>> right = randomRows(random, 150);
        BiPredicate<List<Object>, List<Object>> matches = (l, r) -> keysEqual(l, r, 1) && (Long) l.get(2) < (Long) r.get(2);
        for (JoinType type : EQUI_TYPES) {
            List<List<Object>> expected = reference(left, right, type, matches);
            for (int batchRows : new int[] {3, 100}) {
                assertEquals(expected, merge(left, right, type, 1, Optional.of(LV_BELOW_RV), batchRows), type + ", batches of " + batchRows);
            }
        }
    }

    @Test
    void emptySides()
    {
        List<List<Object>> rows = randomRows(new Random(3), 50);
        for (JoinType type : EQUI_TYPES) {
            assertEquals(reference(rows, List.of(), type, (l, r) -> keysEqual(l, r, 1)), merge(rows, List.of(), type, 1, Optional.empty(), 16), type.toString());
            assertEquals(reference(List.of(), rows, type, (l, r) -> keysEqual(l, r, 1)), merge(List.of(), rows, type, 1, Optional.empty(), 16), type.toString());
            assertEquals(List.of(), merge(List.of(), List.of(), type, 1, Optional.empty(), 16));
        }
        assertEquals(50, merge(rows, List.of(), JoinType.LEFT_ANTI, 1, Optional.empty(), 16).size());
        assertEquals(50, merge(List.of(), rows, JoinType.RIGHT_OUTER, 1, Optional.empty(), 16).size());
        assertEquals(50, merge(rows, List.of(), JoinType.FULL_OUTER, 1, Optional.empty(), 16).size());
    }

    @Test
    void nullKeysNeverMatchButOuterJoinsKeepTheirRows()
    {
        List<List<Object>> left = List.of(Arrays.asList(null, "a", 1L), Arrays.asList(1L, "a", 2L), Arrays.asList(1L, null, 5L));
        List<List<Object>> right = List.of(Arrays.asList(null, "a", 3L), Arrays.asList(1L, "a", 4L), Arrays.asList(1L, null, 6L));
        assertEquals(sorted(List.of(List.of(1L, "a", 2L, 1L, "a", 4L), Arrays.asList(1L, "a", 2L, 1L, null, 6L),
                Arrays.asList(1L, null, 5L, 1L, "a", 4L), Arrays.asList(1L, null, 5L, 1L, null, 6L))),
                merge(left, right, JoinType.INNER, 1, Optional.empty(), 10));
        assertEquals(sorted(List.of(List.of(1L, "a", 2L, 1L, "a", 4L), Arrays.asList(null, "a", 1L, null, null, null),
                Arrays.asList(1L, null, 5L, null, null, null), Arrays.asList(null, null, null, null, "a", 3L),
                Arrays.asList(null, null, null, 1L, null, 6L))),
                merge(left, right, JoinType.FULL_OUTER, 2, Optional.empty(), 10), "a null in the second key column also never matches");
        assertEquals(sorted(List.of(Arrays.asList(null, "a", 1L), Arrays.asList(1L, null, 5L))), merge(left, right, JoinType.LEFT_ANTI, 2, Optional.empty(), 1));
        assertEquals(List.of(List.of(1L, "a", 2L)), merge(left, right, JoinType.LEFT_SEMI, 2, Optional.empty(), 1));
    }

    @Test
    void skewedKeysOnEitherSideMakeEveryPairInBoundedBatches()
    {
        List<List<Object>> many = new ArrayList<>();
        List<List<Object>> few = new ArrayList<>();
        for (long i = 0; i < 9000; i++) {
            many.add(Arrays.asList(i % 500 == 0 ? 2L : 1L, "m", i));
        }
        for (long i = 0; i < 3; i++) {
            few.add(Arrays.asList(1L, "f", i));
        }
        few.add(Arrays.asList(0L, "f", 9L));
        assertEquals(8982 * 3, merge(many, few, JoinType.INNER, 1, Optional.empty(), 1000).size(), "skew on the left, streamed");
        assertEquals(8982 * 3, merge(few, many, JoinType.INNER, 1, Optional.empty(), 1000).size(), "skew on the right, held as one run");
        assertEquals(8982 * 3 + 18, merge(few, many, JoinType.RIGHT_OUTER, 1, Optional.empty(), 1000).size(), "the unmatched rows of key 2");
        assertEquals(8982 * 3 + 18 + 1, merge(few, many, JoinType.FULL_OUTER, 1, Optional.empty(), 1000).size());
        assertEquals(3, merge(few, many, JoinType.LEFT_SEMI, 1, Optional.empty(), 1000).size());
        assertEquals(8982, merge(many, few, JoinType.LEFT_SEMI, 1, Optional.empty(), 1000).size());
        assertEquals(18, merge(many, few, JoinType.LEFT_ANTI, 1, Optional.empty(), 1000).size());
        // a residual over a run of thousands of pairs per left row is weighed in bounded slices
        List<List<Object>> pairs = merge(few, many, JoinType.INNER, 1, Optional.of(LV_BELOW_RV), 700);
        assertEquals(3 * 8982 - 1 - 2, pairs.size(), "lv 0 pairs with all, lv 1 misses rv 1, lv 2 misses rv 1 and 2");
    }

    @Test
    void outputComesOrderedByTheKeysOfTheSideThatIsNeverNullExtended()
    {
        Random random = new Random(23);
        List<List<Object>> left = randomRows(random, 400);
        List<List<Object>> right = randomRows(random, 300);
        for (JoinType type : List.of(JoinType.INNER, JoinType.LEFT_OUTER, JoinType.RIGHT_OUTER, JoinType.LEFT_SEMI, JoinType.LEFT_ANTI)) {
            List<List<Object>> out = rows(mergeBatches(LEFT, left, RIGHT, right, type, new int[] {0}, Optional.of(LV_BELOW_RV), 16));
            int keyColumn = type == JoinType.RIGHT_OUTER ? 3 : 0;
            Long previous = null;
            boolean seenValue = false;
            for (List<Object> row : out) {
                Long key = (Long) row.get(keyColumn);
                if (key == null) {
                    assertFalse(seenValue, type + ": null keys come first, as the sort put them");
                    continue;
                }
                assertTrue(previous == null || previous <= key, type + ": " + previous + " before " + key);
                previous = key;
                seenValue = true;
            }
        }
    }

    @Test
    void keysOfEveryTypeMatchAsTheHashJoinMatchesThem()
    {
        Schema left = schema("li", DataType.INT, "ll", DataType.LONG, "ld", DataType.DOUBLE, "lm", DataType.decimal(10, 2), "lt", DataType.DATE,
                "lts", DataType.TIMESTAMP, "ls", DataType.STRING, "lb", DataType.BOOLEAN, "lv", DataType.LONG);
        Schema right = schema("ri", DataType.INT, "rl", DataType.LONG, "rd", DataType.DOUBLE, "rm", DataType.decimal(10, 2), "rt", DataType.DATE,
                "rts", DataType.TIMESTAMP, "rs", DataType.STRING, "rb", DataType.BOOLEAN, "rv", DataType.LONG);
        Random random = new Random(29);
        List<List<Object>> leftRows = typedRows(random, 120);
        List<List<Object>> rightRows = typedRows(random, 90);
        for (int column = 0; column < 8; column++) {
            for (int[] keyColumns : new int[][] {{column}, {column, 7}, {6, column}}) {
                List<Expression> leftKeys = keys(left, keyColumns);
                List<Expression> rightKeys = keys(right, keyColumns);
                for (JoinType type : EQUI_TYPES) {
                    List<List<Object>> merged = sorted(rows(mergeBatches(left, leftRows, right, rightRows, type, keyColumns, Optional.empty(), 50)));
                    Operator hash = new HashJoinOperator(new ListOperator(batches(left, leftRows, 50)), new ListOperator(batches(right, rightRows, 50)), false,
                            type, types(left), types(right), leftKeys, rightKeys, Optional.empty());
                    assertEquals(sorted(rows(drain(hash))), merged, type + " on " + Arrays.toString(keyColumns));
                }
            }
        }
        // -0.0 meets 0.0 and NaN meets NaN, as in Spark; a string sorts by its UTF-8 bytes, so 'é' after 'z'
        List<List<Object>> doubles = List.of(typedRow(0, 0L, -0.0, "z", true), typedRow(1, 1L, Double.NaN, "é", false));
        List<List<Object>> others = List.of(typedRow(2, 0L, 0.0, "é", true), typedRow(3, 1L, Double.NaN, "z", false));
        assertEquals(2, rows(mergeBatches(left, doubles, right, others, JoinType.INNER, new int[] {2}, Optional.empty(), 1)).size());
        assertEquals(2, rows(mergeBatches(left, doubles, right, others, JoinType.INNER, new int[] {6}, Optional.empty(), 1)).size());
        assertEquals(0, rows(mergeBatches(left, doubles, right, others, JoinType.INNER, new int[] {2, 6}, Optional.empty(), 1)).size());
    }

    private static List<List<Object>> typedRows(Random random, int count)
    {
        double[] doubles = {Double.NaN, -0.0, 0.0, 1.5, -2.0, Double.POSITIVE_INFINITY};
        String[] strings = {"", "a", "ab", "b", "z", "é"};
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Object> row = new ArrayList<>();
            row.add(maybeNull(random, random.nextInt(4) - 1));
            row.add(maybeNull(random, (long) random.nextInt(4) * 3_000_000_000L));
            row.add(maybeNull(random, doubles[random.nextInt(doubles.length)]));
            row.add(maybeNull(random, BigDecimal.valueOf(random.nextInt(4) - 2, 2)));
            row.add(maybeNull(random, LocalDate.of(1970, 1, 1).plusDays(random.nextInt(4) * 400 - 500)));
            row.add(maybeNull(random, Instant.ofEpochSecond(random.nextInt(4) * 86_400L - 100_000L)));
            row.add(maybeNull(random, strings[random.nextInt(strings.length)]));
            row.add(maybeNull(random, random.nextBoolean()));
            row.add((long) i);
            rows.add(row);
        }
        return rows;
    }

    private static List<Object> typedRow(int id, long l, double d, String s, boolean b)
    {
        return Arrays.asList(id, l, d, BigDecimal.ONE.setScale(2), LocalDate.of(2000, 1, 1), Instant.EPOCH, s, b, (long) id);
    }

    private static Object maybeNull(Random random, Object value)
    {
        return random.nextInt(9) == 0 ? null : value;
    }

    @Test
    void stopsReadingTheLeftOnceTheRightCanMatchNothingMore()
    {
        List<List<Object>> left = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            left.add(Arrays.asList(i, "l", i));
        }
        List<List<Object>> right = List.of(Arrays.asList(5L, "r", 0L));
        List<Expression> leftKeys = keys(LEFT, 0);
        List<Expression> rightKeys = keys(RIGHT, 0);
        ListOperator leftInput = new ListOperator(batches(LEFT, left, 10));
        ListOperator rightInput = new ListOperator(batches(RIGHT, right, 10));
        List<ColumnBatch> out = drain(new SortMergeJoinOperator(leftInput, rightInput, JoinType.INNER, LEFT_TYPES, RIGHT_TYPES, leftKeys, rightKeys,
                Optional.empty()));
        assertEquals(1, rows(out).size());
        assertTrue(leftInput.pulls() < 5, "the inner join read " + leftInput.pulls() + " left batches of 100");
    }

    @Test
    void needsAsManyKeysOnEachSide()
    {
        assertThrows(IllegalArgumentException.class, () -> new SortMergeJoinOperator(ListOperator.of(), ListOperator.of(), JoinType.INNER,
                LEFT_TYPES, RIGHT_TYPES, keys(LEFT, 0, 1), keys(RIGHT, 0), Optional.empty()));
    }
}
