package io.spindle.runtime.operators;

import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.expr.VectorExpression;
import io.spindle.runtime.testing.ListOperator;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.spindle.runtime.testing.Batches.batch;
import static io.spindle.runtime.testing.Batches.drain;
import static io.spindle.runtime.testing.Batches.rows;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Batches.vector;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.compare;
import static io.spindle.runtime.testing.Expressions.lit;
import static io.spindle.runtime.testing.Expressions.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class FilterOperatorTest
{
    private static final Schema SCHEMA = schema("n", DataType.INT, "s", DataType.STRING);

    private static VectorExpression greaterThanTwo()
    {
        return ExpressionCompiler.compile(resolve(compare(Comparison.Operator.GREATER_THAN, col("n"), lit(2)), SCHEMA));
    }

    @Test
    void keepsRowsWhereTheConditionIsTrueAndDropsNulls()
    {
        ListOperator source = ListOperator.of(batch(vector(DataType.INT, 1, 3, null, 5), vector(DataType.STRING, "a", "b", "c", null)));

        List<ColumnBatch> out = drain(new FilterOperator(source, greaterThanTwo()));

        assertEquals(List.of(Arrays.asList(3, "b"), Arrays.asList(5, null)), rows(out));
        assertEquals(1, source.closes());
    }

    @Test
    void skipsBatchesWithNoRowLeft()
    {
        ListOperator source = ListOperator.of(
                batch(vector(DataType.INT, 3), vector(DataType.STRING, "x")),
                batch(vector(DataType.INT, 1, 2, null), vector(DataType.STRING, "a", "b", "c")),
                batch(vector(DataType.INT, 4), vector(DataType.STRING, "y")));
        FilterOperator filter = new FilterOperator(source, greaterThanTwo());

        assertEquals(List.of(Arrays.asList(3, "x")), rows(filter.next()));
        assertEquals(List.of(Arrays.asList(4, "y")), rows(filter.next()));
        assertNull(filter.next());
    }

    @Test
    void passesABatchOnUntouchedWhenEveryRowQualifies()
    {
        ColumnBatch input = batch(vector(DataType.INT, 3, 4), vector(DataType.STRING, "a", "b"));

        assertSame(input, new FilterOperator(ListOperator.of(input), greaterThanTwo()).next());
    }
}
