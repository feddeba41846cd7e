package io.spindle.runtime.operators.aggregation;

import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.ColumnVector;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.spindle.runtime.testing.Batches.values;
import static io.spindle.runtime.testing.Batches.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FirstAccumulatorTest
{
    @Test
    void keepsTheFirstValueEvenWhenNull()
    {
        FirstAccumulator first = new FirstAccumulator(DataType.STRING);
        first.ensureCapacity(3);
        first.add(new int[] {0, 1, 0, 1}, vector(DataType.STRING, Arrays.asList(null, "ü", "a", "b")), 4);
        first.add(new int[] {2, 0}, vector(DataType.STRING, Arrays.asList("late", "c")), 2);
        assertEquals(Arrays.asList(null, "ü", "late"), values(first.result(0, 3)));
    }

    @Test
    void mergeTakesTheFirstPartialThatSawARow()
    {
        FirstAccumulator partialA = new FirstAccumulator(DataType.LONG);
        partialA.ensureCapacity(3);
        partialA.add(new int[] {0, 2}, vector(DataType.LONG, Arrays.asList(null, 7L)), 2);
        FirstAccumulator partialB = new FirstAccumulator(DataType.LONG);
        partialB.ensureCapacity(3);
        partialB.add(new int[] {0, 1, 2}, vector(DataType.LONG, Arrays.asList(5L, 6L, 8L)), 3);

        List<ColumnVector> a = partialA.intermediate(0, 3);
        assertEquals(Arrays.asList(true, false, true), values(a.get(1)));
        FirstAccumulator merged = new FirstAccumulator(DataType.LONG);
        merged.ensureCapacity(3);
        merged.merge(new int[] {0, 1, 2}, a, 3);
        merged.merge(new int[] {0, 1, 2}, partialB.intermediate(0, 3), 3);
        assertEquals(Arrays.asList(null, 6L, 7L), values(merged.result(0, 3)));
    }

    @Test
    void doublesBooleansAndDates()
    {
        FirstAccumulator doubles = new FirstAccumulator(DataType.DOUBLE);
        doubles.ensureCapacity(2);
        doubles.add(new int[] {1, 0, 1}, vector(DataType.DOUBLE, Arrays.asList(1.5, -0.0, 2.0)), 3);
        assertEquals(Arrays.asList(-0.0, 1.5), values(doubles.result(0, 2)));
        FirstAccumulator booleans = new FirstAccumulator(DataType.BOOLEAN);
        booleans.ensureCapacity(2);
        booleans.add(new int[] {0, 1}, vector(DataType.BOOLEAN, Arrays.asList(false, true)), 2);
        assertEquals(Arrays.asList(false, true), values(booleans.result(0, 2)));
        FirstAccumulator dates = new FirstAccumulator(DataType.DATE);
        dates.ensureCapacity(1);
        dates.add(new int[] {0}, vector(DataType.DATE, List.of(java.time.LocalDate.of(2020, 1, 2))), 1);
        assertEquals(List.of(java.time.LocalDate.of(2020, 1, 2)), values(dates.result(0, 1)));
    }
}
