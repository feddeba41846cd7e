package io.spindle.runtime.operators;

import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.memory.TaskMemoryManager;
import io.spindle.runtime.memory.UnifiedMemoryManager;
import io.spindle.runtime.testing.ListOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiPredicate;

import static io.spindle.runtime.testing.Batches.batches;
import static io.spindle.runtime.testing.Batches.drain;
import static io.spindle.runtime.testing.Batches.rows;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.compare;
import static io.spindle.runtime.testing.Expressions.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashJoinOperatorTest
{
    static final Schema LEFT = schema("lk", DataType.LONG, "ls", DataType.STRING, "lv", DataType.LONG);
    static final Schema RIGHT = schema("rk", DataType.LONG, "rs", DataType.STRING, "rv", DataType.LONG);
    static final Schema BOTH = Join.conditionSchema(LEFT, RIGHT);
    static final List<DataType> LEFT_TYPES = LEFT.fields().stream().map(StructField::type).toList();
    static final List<DataType> RIGHT_TYPES = RIGHT.fields().stream().map(StructField::type).toList();
    static final Expression LV_BELOW_RV = resolve(compare(Comparison.Operator.LESS_THAN, col("lv"), col("rv")), BOTH);
    static final List<JoinType> EQUI_TYPES = List.of(JoinType.INNER, JoinType.LEFT_OUTER, JoinType.RIGHT_OUTER, JoinType.FULL_OUTER,
            JoinType.LEFT_SEMI, JoinType.LEFT_ANTI);

    /** Rows with small keys (so keys repeat), a null key now and then, and two key columns. */
    static List<List<Object>> randomRows(Random random, int count)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Long key = random.nextInt(10) == 0 ? null : (long) random.nextInt(12);
            String s = random.nextInt(15) == 0 ? null : "s" + random.nextInt(3);
            rows.add(Arrays.asList(key, s, (long) random.nextInt(100)));
        }
        return rows;
    }

    /** The join by its definition, row by row: what the operators must produce, in any order. */
    static List<List<Object>> reference(List<List<Object>> left, List<List<Object>> right, JoinType type,
            BiPredicate<List<Object>, List<Object>> matches)
    {
        List<List<Object>> out = new ArrayList<>();
        boolean[] rightMatched = new boolean[right.size()];
        for (List<Object> l : left) {
            boolean matched = false;
            for (int r = 0; r < right.size(); r++) {
                if (matches.test(l, right.get(r))) {
                    matched = true;
                    rightMatched[r] = true;
                    if (type.outputsRight()) {
                        out.add(concat(l, right.get(r)));
                    }
                }
            }
            if (type == JoinType.LEFT_SEMI && matched || type == JoinType.LEFT_ANTI && !matched) {
                out.add(l);
            }
            if (type.keepsUnmatchedLeft() && !matched) {
                out.add(concat(l, Arrays.asList(null, null, null)));
            }
        }
        if (type.keepsUnmatchedRight()) {
            for (int r = 0; r < right.size(); r++) {
                if (!rightMatched[r]) {
                    out.add(concat(Arrays.asList(null, null, null), right.get(r)));
                }
            }
        }
        return sorted(out);
    }

    static boolean keysEqual(List<Object> l, List<Object> r, int keyColumns)
    {
        for (int k = 0; k < keyColumns; k++) {
            if (l.get(k) == null || r.get(k) == null || !l.get(k).equals(r.get(k))) {
                return false;
            }
        }
        return true;
    }

    static List<Object> concat(List<Object> a, List<Object> b)
    {
        List<Object> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static List<List<Object>> sorted(List<List<Object>> rows)
    {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Objects::toString));
        return copy;
    }

    private static List<List<Object>> hashJoin(List<List<Object>> left, List<List<Object>> right, JoinType type, boolean buildLeft,
            int keyColumns, Optional<Expression> residual, int batchRows)
    {
        return hashJoin(left, right, type, buildLeft, keyColumns, residual, batchRows, TaskMemoryManager.unbounded(), false);
    }

    private static List<List<Object>> hashJoin(List<List<Object>> left, List<List<Object>> right, JoinType type, boolean buildLeft,
            int keyColumns, Optional<Expression> residual, int batchRows, TaskMemoryManager memory, boolean mustOverflow)
    {
        List<Expression> leftKeys = new ArrayList<>();
        List<Expression> rightKeys = new ArrayList<>();
        for (int k = 0; k < keyColumns; k++) {
            leftKeys.add(resolve(col(LEFT.field(k).name()), LEFT));
            rightKeys.add(resolve(col(RIGHT.field(k).name()), RIGHT));
        }
        ListOperator leftInput = new ListOperator(batches(LEFT, left, batchRows));
        ListOperator rightInput = new ListOperator(batches(RIGHT, right, batchRows));
        HashJoinOperator join = buildLeft
                ? new HashJoinOperator(rightInput, leftInput, true, type, RIGHT_TYPES, LEFT_TYPES, rightKeys, leftKeys, residual, memory)
                : new HashJoinOperator(leftInput, rightInput, false, type, LEFT_TYPES, RIGHT_TYPES, leftKeys, rightKeys, residual, memory);
        List<ColumnBatch> out = drain(join);
        assertEquals(mustOverflow, join.overflowed(), type + (mustOverflow ? " should have" : " should not have") + " switched to a sort-merge join");
        assertTrue(out.stream().allMatch(b -> b.rowCount() > 0), "no empty batches");
        assertEquals(0, memory.used(), "everything is given back on close");
        assertEquals(1, leftInput.closes());
        assertEquals(1, rightInput.closes());
        return sorted(rows(out));
    }

    @Test
    void everyJoinTypeMatchesTheDefinitionWithNullAndDuplicateKeys()
    {
        Random random = new Random(7);
        List<List<Object>> left = randomRows(random, 300);
        List<List<Object>> right = randomRows(random, 200);
        for (JoinType type : EQUI_TYPES) {
            for (int keys = 1; keys <= 2; keys++) {
                int keyColumns = keys;
                List<List<Object>> expected = reference(left, right, type, (l, r) -> keysEqual(l, r, keyColumns));
                assertEquals(expected, hashJoin(left, right, type, false, keys, Optional.empty(), 64), type + " on " + keys + " keys");
                if (type == JoinType.INNER || type == JoinType.RIGHT_OUTER) {
                    assertEquals(expected, hashJoin(left, right, type, true, keys, Optional.empty(), 64), type + " building the left");
                }
            }
        }
    }

    @Test
    void residualConditionDecidesWhichCandidatePairsMatch()
    {
        Random random = new Random(11);
        List<List<Object>> left = randomRows(random, 250);
        List<List<Object>> right = randomRows(random, 150);
        BiPredicate<List<Object>, List<Object>> matches = (l, r) -> keysEqual(l, r, 1) && (Long) l.get(2) < (Long) r.get(2);
        for (JoinType type : EQUI_TYPES) {
            List<List<Object>> expected = reference(left, right, type, matches);
            assertEquals(expected, hashJoin(left, right, type, false, 1, Optional.of(LV_BELOW_RV), 100), type.toString());
        }
        assertEquals(reference(left, right, JoinType.RIGHT_OUTER, matches),
                hashJoin(left, right, JoinType.RIGHT_OUTER, true, 1, Optional.of(LV_BELOW_RV), 100), "residual with the left built");
    }

    @Test
    void emptySides()
    {
        List<List<Object>> rows = randomRows(new Random(3), 50);
        for (JoinType type : EQUI_TYPES) {
            assertEquals(reference(rows, List.of(), type, (l, r) -> keysEqual(l, r, 1)), hashJoin(rows, List.of(), type, false, 1, Optional.empty(), 16));
            assertEquals(reference(List.of(), rows, type, (l, r) -> keysEqual(l, r, 1)), hashJoin(List.of(), rows, type, false, 1, Optional.empty(), 16));
        }
        assertEquals(50, hashJoin(rows, List.of(), JoinType.LEFT_ANTI, false, 1, Optional.empty(), 16).size());
        assertEquals(50, hashJoin(List.of(), rows, JoinType.RIGHT_OUTER, true, 1, Optional.empty(), 16).size());
    }

    @Test
    void nullKeysNeverMatchEachOther()
    {
        List<List<Object>> left = List.of(Arrays.asList(null, "a", 1L), Arrays.asList(1L, "a", 2L));
        List<List<Object>> right = List.of(Arrays.asList(null, "a", 3L), Arrays.asList(1L, "a", 4L));
        assertEquals(List.of(List.of(1L, "a", 2L, 1L, "a", 4L)), hashJoin(left, right, JoinType.INNER, false, 1, Optional.empty(), 10));
        assertEquals(sorted(List.of(List.of(1L, "a", 2L, 1L, "a", 4L), Arrays.asList(null, "a", 1L, null, null, null),
                Arrays.asList(null, null, null, null, "a", 3L))), hashJoin(left, right, JoinType.FULL_OUTER, false, 1, Optional.empty(), 10));
        assertEquals(List.of(Arrays.asList(null, "a", 1L)), hashJoin(left, right, JoinType.LEFT_ANTI, false, 1, Optional.empty(), 10));
    }

    @Test
    void aManyToManyKeyMakesEveryPair()
    {
        List<List<Object>> left = new ArrayList<>();
        List<List<Object>> right = new ArrayList<>();
        for (long i = 0; i < 5000; i++) {
            left.add(Arrays.asList(1L, "a", i));
        }
        for (long i = 0; i < 3; i++) {
            right.add(Arrays.asList(1L, "b", i));
        }
        assertEquals(15000, hashJoin(left, right, JoinType.INNER, false, 1, Optional.empty(), 4096).size());
    }

    @Test
    void aSemiJoinCannotBuildItsLeft()
    {
        assertThrows(IllegalArgumentException.class, () -> new HashJoinOperator(ListOperator.of(), ListOperator.of(), true, JoinType.LEFT_SEMI,
                RIGHT_TYPES, LEFT_TYPES, List.of(resolve(col("rk"), RIGHT)), List.of(resolve(col("lk"), LEFT)), Optional.empty()));
    }

    /** Keys 0 to 199 with a null now and then, and on the build side ({@code skewed}) four rows in ten on key 5. */
    private static List<List<Object>> keyedRows(Random random, int count, boolean skewed)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int dice = random.nextInt(100);
            Long key = dice < 8 ? null : (skewed && dice < 48) || (!skewed && dice < 9) ? 5L : (long) random.nextInt(200);
            String s = random.nextInt(15) == 0 ? null : "s" + random.nextInt(2);
            rows.add(Arrays.asList(key, s, (long) random.nextInt(1000)));
        }
        return rows;
    }

    private static TaskMemoryManager tinyBudget(Path spillDir)
    {
        return new TaskMemoryManager(new UnifiedMemoryManager(40_000, 0.5), 1, List.of(spillDir));
    }

    private static void assertNoSpillFilesLeft(Path spillDir)
            throws IOException
    {
        try (var files = Files.list(spillDir.resolve("spill"))) {
            assertEquals(List.of(), files.toList(), "spill files are deleted on close");
        }
    }

    @Test
    void underATinyBudgetEveryJoinTypeSwitchesToASortMergeJoinAndStillMatchesTheDefinition(@TempDir Path spillDir)
            throws IOException
    {
        Random random = new Random(19);
        List<List<Object>> left = keyedRows(random, 2000, false);
        List<List<Object>> right = keyedRows(random, 1500, true);
        BiPredicate<List<Object>, List<Object>> withResidual = (l, r) -> keysEqual(l, r, 1) && (Long) l.get(2) < (Long) r.get(2);
        for (JoinType type : EQUI_TYPES) {
            for (int keys = 1; keys <= 2; keys++) {
                int keyColumns = keys;
                List<List<Object>> expected = reference(left, right, type, (l, r) -> keysEqual(l, r, keyColumns));
                TaskMemoryManager memory = tinyBudget(spillDir);
                assertEquals(expected, hashJoin(left, right, type, false, keys, Optional.empty(), 250, memory, true), type + " on " + keys + " keys");
                assertTrue(memory.spilledBytes() > 0 && memory.spills() > 0, type + " spilled nothing");
                assertNoSpillFilesLeft(spillDir);
            }
            TaskMemoryManager memory = tinyBudget(spillDir);
            assertEquals(reference(left, right, type, withResidual),
                    hashJoin(left, right, type, false, 1, Optional.of(LV_BELOW_RV), 250, memory, true), type + " with a residual");
            assertNoSpillFilesLeft(spillDir);
        }
    }

    @Test
    void underATinyBudgetAJoinBuildingItsLeftKeepsTheLeftColumnsFirst(@TempDir Path spillDir)
            throws IOException
    {
        Random random = new Random(23);
        List<List<Object>> left = keyedRows(random, 1500, true);
        List<List<Object>> right = keyedRows(random, 2000, false);
        BiPredicate<List<Object>, List<Object>> withResidual = (l, r) -> keysEqual(l, r, 1) && (Long) l.get(2) < (Long) r.get(2);
        for (JoinType type : List.of(JoinType.INNER, JoinType.LEFT_OUTER, JoinType.RIGHT_OUTER, JoinType.FULL_OUTER)) {
            TaskMemoryManager memory = tinyBudget(spillDir);
            assertEquals(hashJoin(left, right, type, true, 1, Optional.empty(), 250),
                    hashJoin(left, right, type, true, 1, Optional.empty(), 250, memory, true), type + " building the left");
            assertTrue(memory.spilledBytes() > 0, type + " spilled nothing");
            assertEquals(reference(left, right, type, withResidual),
                    hashJoin(left, right, type, true, 1, Optional.of(LV_BELOW_RV), 250, tinyBudget(spillDir), true), type + " with a residual");
            assertNoSpillFilesLeft(spillDir);
        }
    }

    @Test
    void theProbeSideIsSortedInRunsAsLargeAsThePoolOnceTheBuildSideHasGivenItsMemoryBack(@TempDir Path spillDir)
            throws IOException
    {
        Random random = new Random(31);
        List<List<Object>> left = keyedRows(random, 20_000, false);
        List<List<Object>> right = keyedRows(random, 1500, false);
        int probeBatches = 20_000 / 250;
        TaskMemoryManager memory = tinyBudget(spillDir);

        assertEquals(hashJoin(left, right, JoinType.LEFT_OUTER, false, 1, Optional.empty(), 250),
                hashJoin(left, right, JoinType.LEFT_OUTER, false, 1, Optional.empty(), 250, memory, true));
        assertTrue(memory.spills() < probeBatches / 2, memory.spills() + " runs for " + probeBatches + " probe batches:"
                + " the probe side's sort was starved of memory");
        assertNoSpillFilesLeft(spillDir);
    }

    @Test
    void aBuildSideWithinItsBudgetStaysAHashJoinAndIsCounted(@TempDir Path spillDir)
    {
        Random random = new Random(29);
        List<List<Object>> left = keyedRows(random, 3000, false);
        List<List<Object>> right = keyedRows(random, 3000, true);
        TaskMemoryManager memory = new TaskMemoryManager(new UnifiedMemoryManager(64 << 20, 0.5), 1, List.of(spillDir));

        assertEquals(reference(left, right, JoinType.FULL_OUTER, (l, r) -> keysEqual(l, r, 1)),
                hashJoin(left, right, JoinType.FULL_OUTER, false, 1, Optional.empty(), 500, memory, false));
        assertEquals(0, memory.spilledBytes());
        assertTrue(memory.peak() > 0, "the build side was counted");
        assertFalse(Files.exists(spillDir.resolve("spill")), "no spill file was made");
    }

    @Test
    void keysTheMergeCannotOrderAlikeFailWithWhatToChange(@TempDir Path spillDir)
    {
        Schema probeSchema = schema("pk", DataType.DOUBLE);
        Schema buildSchema = schema("bk", DataType.LONG);
        List<List<Object>> probeRows = new ArrayList<>();
        List<List<Object>> buildRows = new ArrayList<>();
        for (long i = 0; i < 20_000; i++) {
            probeRows.add(List.of((double) i));
            buildRows.add(List.of(i));
        }
        HashJoinOperator join = new HashJoinOperator(new ListOperator(batches(probeSchema, probeRows, 1000)),
                new ListOperator(batches(buildSchema, buildRows, 1000)), false, JoinType.INNER, List.of(DataType.DOUBLE), List.of(DataType.LONG),
                List.of(resolve(col("pk"), probeSchema)), List.of(resolve(col("bk"), buildSchema)), Optional.empty(), tinyBudget(spillDir));

        IllegalStateException e = assertThrows(IllegalStateException.class, join::next);
        join.close();

        assertTrue(e.getMessage().contains("hash join") && e.getMessage().contains("spindle.executor.memory")
                && e.getMessage().contains("spindle.memory."), e.getMessage());
    }
}
