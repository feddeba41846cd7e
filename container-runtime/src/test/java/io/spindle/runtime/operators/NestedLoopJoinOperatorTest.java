package io.spindle.runtime.operators;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.JoinType;
import io.spindle.runtime.testing.ListOperator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
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
import static io.spindle.runtime.operators.HashJoinOperatorTest.randomRows;
import static io.spindle.runtime.operators.HashJoinOperatorTest.reference;
import static io.spindle.runtime.operators.HashJoinOperatorTest.sorted;
import static io.spindle.runtime.testing.Batches.batches;
import static io.spindle.runtime.testing.Batches.drain;
import static io.spindle.runtime.testing.Batches.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NestedLoopJoinOperatorTest
{
    private static List<List<Object>> nestedLoopJoin(List<List<Object>> left, List<List<Object>> right, JoinType type, boolean buildLeft,
            Optional<Expression> condition)
    {
        ListOperator leftInput = new ListOperator(batches(LEFT, left, 50));
        ListOperator rightInput = new ListOperator(batches(RIGHT, right, 50));
        Operator join = buildLeft
                ? new NestedLoopJoinOperator(rightInput, leftInput, true, type, RIGHT_TYPES, LEFT_TYPES, condition)
                : new NestedLoopJoinOperator(leftInput, rightInput, false, type, LEFT_TYPES, RIGHT_TYPES, condition);
        return sorted(rows(drain(join)));
    }

    @Test
    void everyJoinTypeWithANonEquiCondition()
    {
        Random random = new Random(5);
        List<List<Object>> left = randomRows(random, 120);
        List<List<Object>> right = randomRows(random, 90);
        BiPredicate<List<Object>, List<Object>> below = (l, r) -> (Long) l.get(2) < (Long) r.get(2);
        for (JoinType type : EQUI_TYPES) {
            assertEquals(reference(left, right, type, below), nestedLoopJoin(left, right, type, false, Optional.of(LV_BELOW_RV)), type.toString());
        }
        assertEquals(reference(left, right, JoinType.RIGHT_OUTER, below), nestedLoopJoin(left, right, JoinType.RIGHT_OUTER, true, Optional.of(LV_BELOW_RV)));
    }

    @Test
    void crossJoinPairsEveryRowAcrossSlices()
    {
        Random random = new Random(9);
        // 300 x 400 pairs exceed one slice of candidates, so the probe batches are paired a slice at a time
        List<List<Object>> left = randomRows(random, 300);
        List<List<Object>> right = randomRows(random, 400);
        List<List<Object>> expected = reference(left, right, JoinType.CROSS, (l, r) -> true);
        assertEquals(120_000, expected.size());
        assertEquals(expected, nestedLoopJoin(left, right, JoinType.CROSS, false, Optional.empty()));
        assertEquals(expected, nestedLoopJoin(left, right, JoinType.INNER, true, Optional.empty()));
        assertEquals(new ArrayList<>(), nestedLoopJoin(left, List.of(), JoinType.CROSS, false, Optional.empty()));
    }
}
