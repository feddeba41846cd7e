package io.spindle.runtime.operators;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.testing.ListOperator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.drain;
import static io.spindle.runtime.testing.Batches.rows;
import static io.spindle.runtime.testing.Batches.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

class UnionOperatorTest
{
    @Test
    void readsEachInputToItsEndInTurnAndClosesThemAll()
    {
        ListOperator first = ListOperator.of(batch(vector(DataType.INT, 1, 2)), batch(vector(DataType.INT, 3)));
        ListOperator empty = ListOperator.of();
        ListOperator last = ListOperator.of(batch(vector(DataType.INT, 4)));
        UnionOperator union = new UnionOperator(List.of(first, empty, last));
        assertEquals(List.of(List.of(1), List.of(2), List.of(3), List.of(4)), rows(drain(union)));
        assertEquals(1, first.closes());
        assertEquals(1, empty.closes());
        assertEquals(1, last.closes());
    }
}
