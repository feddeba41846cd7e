package io.spindle.runtime.operators.window;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.expressions.WindowExpression;
import io.spindle.planner.expressions.WindowFrame;
import io.spindle.planner.expressions.WindowFunction;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.testing.ListOperator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.spindle.runtime.testing.Batches.batches;
import static io.spindle.runtime.testing.Batches.drain;
import static io.spindle.runtime.testing.Batches.rows;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.lit;
import static io.spindle.runtime.testing.Expressions.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WindowOperatorTest
{
    private static final Schema SCHEMA = schema("g", DataType.STRING, "o", DataType.LONG, "v", DataType.LONG);

    /** Sorted by g (nulls first), then o (nulls first): partitions null, "a" (ties on o), "b" (one row). */
    private static final List<List<Object>> INPUT = List.of(
            Arrays.asList(null, 1L, 5L),
            Arrays.asList(null, 2L, null),
            Arrays.asList("a", null, 1L),
            Arrays.asList("a", 1L, 2L),
            Arrays.asList("a", 1L, 3L),
            Arrays.asList("a", 3L, null),
            Arrays.asList("a", 4L, 4L),
            Arrays.asList("b", 7L, 9L));

    private static final List<SortOrder> BY_O = List.of(SortOrder.ascending(col("o")));

    private static WindowExpression window(Expression function, List<SortOrder> orders, WindowFrame frame)
    {
        return (WindowExpression) resolve(new WindowExpression(function, List.of(col("g")), orders, frame), SCHEMA);
    }

    private static WindowExpression aggregate(AggregateFunction function, WindowFrame frame)
    {
        Optional<Expression> argument = function == AggregateFunction.COUNT_STAR ? Optional.empty() : Optional.of(col("v"));
        return window(new AggregateCall(function, argument), BY_O, frame);
    }

    /** The appended column of each window, for every batch size: one row per batch, a few, all. */
    private static List<List<Object>> compute(WindowExpression... windows)
    {
        List<List<Object>> expected = null;
        for (int batchRows : new int[] {1, 3, 100}) {
            List<List<Object>> out = rows(drain(new WindowOperator(new ListOperator(batches(SCHEMA, INPUT, batchRows)), List.of(windows), SCHEMA.size())));
            assertEquals(INPUT, out.stream().map(r -> r.subList(0, 3)).toList(), "input rows pass through in order");
            List<List<Object>> appended = new ArrayList<>();
            for (int w = 0; w < windows.length; w++) {
                int column = 3 + w;
                appended.add(out.stream().map(r -> r.get(column)).toList());
            }
            if (expected != null) {
                assertEquals(expected, appended, "batches of " + batchRows + " rows");
            }
            expected = appended;
        }
        return expected;
    }

    @Test
    void rankingsRestartPerPartitionAndShareRanksOnTies()
    {
        List<List<Object>> out = compute(
                window(WindowFunction.ranking(WindowFunction.Kind.ROW_NUMBER), BY_O, WindowFrame.RUNNING),
                window(WindowFunction.ranking(WindowFunction.Kind.RANK), BY_O, WindowFrame.RUNNING),
                window(WindowFunction.ranking(WindowFunction.Kind.DENSE_RANK), BY_O, WindowFrame.RUNNING));
        assertEquals(List.of(1, 2, 1, 2, 3, 4, 5, 1), out.get(0));
        assertEquals(List.of(1, 2, 1, 2, 2, 4, 5, 1), out.get(1));
        assertEquals(List.of(1, 2, 1, 2, 2, 3, 4, 1), out.get(2));
    }

    @Test
    void lagAndLeadStayInsideThePartition()
    {
        List<List<Object>> out = compute(
                window(WindowFunction.offset(WindowFunction.Kind.LAG, col("v"), 1, Optional.empty()), BY_O, WindowFrame.RUNNING),
                window(WindowFunction.offset(WindowFunction.Kind.LEAD, col("v"), 2, Optional.of(lit(-1L))), BY_O, WindowFrame.RUNNING),
                window(WindowFunction.offset(WindowFunction.Kind.LAG, col("g"), 1, Optional.of(lit("none"))), BY_O, WindowFrame.RUNNING));
        assertEquals(Arrays.asList(null, 5L, null, 1L, 2L, 3L, null, null), out.get(0));
        assertEquals(Arrays.asList(-1L, -1L, 3L, null, 4L, -1L, -1L, -1L), out.get(1));
        assertEquals(Arrays.asList("none", null, "none", "a", "a", "a", "a", "none"), out.get(2));
    }

    @Test
    void runningAggregatesIncludeTheCurrentRowsPeers()
    {
        List<List<Object>> out = compute(
                aggregate(AggregateFunction.SUM, WindowFrame.RUNNING),
                aggregate(AggregateFunction.COUNT, WindowFrame.RUNNING),
                aggregate(AggregateFunction.COUNT_STAR, WindowFrame.RUNNING),
                aggregate(AggregateFunction.AVG, WindowFrame.RUNNING),
                aggregate(AggregateFunction.MIN, WindowFrame.RUNNING),
                aggregate(AggregateFunction.MAX, WindowFrame.RUNNING));
        assertEquals(Arrays.asList(5L, 5L, 1L, 6L, 6L, 6L, 10L, 9L), out.get(0));
        assertEquals(Arrays.asList(1L, 1L, 1L, 3L, 3L, 3L, 4L, 1L), out.get(1));
        assertEquals(Arrays.asList(1L, 2L, 1L, 3L, 3L, 4L, 5L, 1L), out.get(2));
        assertEquals(Arrays.asList(5.0, 5.0, 1.0, 2.0, 2.0, 2.0, 2.5, 9.0), out.get(3));
        assertEquals(Arrays.asList(5L, 5L, 1L, 1L, 1L, 1L, 1L, 9L), out.get(4));
        assertEquals(Arrays.asList(5L, 5L, 1L, 3L, 3L, 3L, 4L, 9L), out.get(5));
    }

    @Test
    void rowFramesCountRowsNotPeers()
    {
        List<List<Object>> out = compute(
                aggregate(AggregateFunction.SUM, new WindowFrame(WindowFrame.Type.ROWS, WindowFrame.UNBOUNDED_PRECEDING, WindowFrame.CURRENT_ROW)),
                aggregate(AggregateFunction.SUM, new WindowFrame(WindowFrame.Type.ROWS, -1, 1)),
                aggregate(AggregateFunction.MAX, new WindowFrame(WindowFrame.Type.ROWS, WindowFrame.CURRENT_ROW, WindowFrame.UNBOUNDED_FOLLOWING)),
                aggregate(AggregateFunction.SUM, new WindowFrame(WindowFrame.Type.ROWS, -3, -2)),
                aggregate(AggregateFunction.SUM, WindowFrame.WHOLE_PARTITION),
                aggregate(AggregateFunction.COUNT, new WindowFrame(WindowFrame.Type.RANGE, WindowFrame.CURRENT_ROW, WindowFrame.UNBOUNDED_FOLLOWING)));
        assertEquals(Arrays.asList(5L, 5L, 1L, 3L, 6L, 6L, 10L, 9L), out.get(0));
        assertEquals(Arrays.asList(5L, 5L, 3L, 6L, 5L, 7L, 4L, 9L), out.get(1));
        assertEquals(Arrays.asList(5L, null, 4L, 4L, 4L, 4L, 4L, 9L), out.get(2));
        assertEquals(Arrays.asList(null, null, null, null, 1L, 3L, 5L, null), out.get(3));
        assertEquals(Arrays.asList(5L, 5L, 10L, 10L, 10L, 10L, 10L, 9L), out.get(4));
        assertEquals(Arrays.asList(1L, 0L, 4L, 3L, 3L, 1L, 1L, 1L), out.get(5));
    }

    @Test
    void returnsEachRunOfCompletePartitionsBeforeReadingFurther()
    {
        List<List<Object>> input = List.of(
                Arrays.asList("a", 1L, 1L), Arrays.asList("a", 2L, 2L),
                Arrays.asList("a", 3L, 3L), Arrays.asList("b", 1L, 4L),
                Arrays.asList("b", 2L, 5L), Arrays.asList("c", 1L, 6L),
                Arrays.asList("c", 2L, 7L));
        WindowExpression rowNumber = window(WindowFunction.ranking(WindowFunction.Kind.ROW_NUMBER), BY_O, WindowFrame.RUNNING);
        try (WindowOperator operator = new WindowOperator(new ListOperator(batches(SCHEMA, input, 2)), List.of(rowNumber), SCHEMA.size())) {
            assertEquals(List.of(List.of("a", 1L, 1L, 1), List.of("a", 2L, 2L, 2), List.of("a", 3L, 3L, 3)), rows(operator.next()));
            assertEquals(List.of(List.of("b", 1L, 4L, 1), List.of("b", 2L, 5L, 2)), rows(operator.next()));
            assertEquals(List.of(List.of("c", 1L, 6L, 1), List.of("c", 2L, 7L, 2)), rows(operator.next()));
            assertEquals(null, operator.next());
        }
    }

    @Test
    void decimalSumsFailOnOverflowInsteadOfWrapping()
    {
        Schema decimals = schema("g", DataType.STRING, "o", DataType.LONG, "v", DataType.decimal(38, 0));
        WindowExpression sum = (WindowExpression) resolve(new WindowExpression(new AggregateCall(AggregateFunction.SUM, Optional.of(col("v"))),
                List.of(col("g")), List.of(), WindowFrame.WHOLE_PARTITION), decimals);
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 1; i <= 11; i++) {
            rows.add(Arrays.asList("a", i, new java.math.BigDecimal("90000000000000000000000000000000000000")));
        }
        WindowOperator operator = new WindowOperator(new ListOperator(batches(decimals, rows, 4)), List.of(sum), 3);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> drain(operator));
        assertEquals("sum over a window overflowed its type decimal(38,0) (at most 38 digits); cast the argument to double to sum it",
                e.getMessage());
    }

    /** sum(decimal(18,0)) over a window is decimal(28,0): running sums past 64 bits are exact. */
    @Test
    void decimalSumsPastSixtyFourBitsAreExact()
    {
        Schema decimals = schema("g", DataType.STRING, "o", DataType.LONG, "v", DataType.decimal(18, 0));
        WindowExpression sum = (WindowExpression) resolve(new WindowExpression(new AggregateCall(AggregateFunction.SUM, Optional.of(col("v"))),
                List.of(col("g")), List.of(), WindowFrame.WHOLE_PARTITION), decimals);
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 1; i <= 11; i++) {
            rows.add(Arrays.asList("a", i, i == 5 ? null : new java.math.BigDecimal("-900000000000000000")));
        }
        WindowOperator operator = new WindowOperator(new ListOperator(batches(decimals, rows, 4)), List.of(sum), 3);
        for (List<Object> row : rows(drain(operator))) {
            assertEquals(new java.math.BigDecimal("-9000000000000000000"), row.get(3));
        }
    }
}
