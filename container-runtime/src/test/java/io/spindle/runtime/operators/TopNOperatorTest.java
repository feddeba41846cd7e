package io.spindle.runtime.operators;

import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.testing.ListOperator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.spindle.runtime.testing.Batches.batches;
import static io.spindle.runtime.testing.Batches.drain;
import static io.spindle.runtime.testing.Batches.rows;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopNOperatorTest
{
    private static final Schema SCHEMA = schema("id", DataType.LONG, "s", DataType.STRING, "n", DataType.LONG, "d", DataType.DOUBLE);

    private static List<List<Object>> randomRows(Random random, int count)
    {
        double[] doubles = {Double.NaN, -0.0, 0.0, 2.5, -1.0};
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Arrays.asList((long) i, random.nextInt(10) == 0 ? null : "s" + random.nextInt(20),
                    random.nextInt(8) == 0 ? null : (long) random.nextInt(50), random.nextInt(9) == 0 ? null : doubles[random.nextInt(doubles.length)]));
        }
        return rows;
    }

    private static SortOrder order(String column, boolean ascending, boolean nullsFirst)
    {
        return new SortOrder(resolve(col(column), SCHEMA), ascending, nullsFirst);
    }

    /** The first {@code limit} rows of the whole input sorted: what the top-N must give, row for row. */
    private static List<List<Object>> sortThenLimit(List<List<Object>> input, List<SortOrder> orders, long limit)
    {
        Operator sorted = new SortOperator(new ListOperator(batches(SCHEMA, input, 100)), orders, SCHEMA.size());
        return rows(drain(new LimitOperator(sorted, limit)));
    }

    @Test
    void givesTheSameRowsInTheSameOrderAsASortFollowedByALimit()
    {
        Random random = new Random(5);
        List<List<Object>> input = randomRows(random, 20_000);
        List<List<SortOrder>> orderings = List.of(
                List.of(order("n", true, true)),
                List.of(order("n", false, false), order("s", true, false)),
                List.of(order("d", true, true), order("s", false, true)),
                List.of(order("s", true, true), order("d", false, false), order("n", true, true)));
        for (List<SortOrder> orders : orderings) {
            for (long limit : new long[] {0, 1, 7, 100, 5000, 25_000}) {
                for (int batchRows : new int[] {1000, 4096}) {
                    List<ColumnBatch> out = drain(new TopNOperator(new ListOperator(batches(SCHEMA, input, batchRows)), orders, limit, SCHEMA.size()));
                    assertTrue(out.stream().allMatch(b -> b.rowCount() > 0 && b.rowCount() <= ColumnBatch.DEFAULT_ROWS));
                    assertEquals(sortThenLimit(input, orders, limit), rows(out), "top " + limit + " by " + orders);
                }
            }
        }
    }

    @Test
    void keepsAtMostTwiceTheLimitByCompactingAsRowsArrive()
    {
        List<List<Object>> input = randomRows(new Random(9), 50_000);
        List<SortOrder> orders = List.of(order("n", false, false), order("id", true, true));
        TopNOperator topN = new TopNOperator(new ListOperator(batches(SCHEMA, input, 1000)), orders, 10, SCHEMA.size());
        List<List<Object>> out = rows(drain(topN));
        assertEquals(sortThenLimit(input, orders, 10), out);
        // the 10 kept rows and five batches of 1000 pass 4106 rows, so every 5000 rows are cut back to 10
        assertEquals(10, topN.compactions());

        TopNOperator large = new TopNOperator(new ListOperator(batches(SCHEMA, input, 1000)), orders, 20_000, SCHEMA.size());
        assertEquals(sortThenLimit(input, orders, 20_000), rows(drain(large)));
        assertEquals(1, large.compactions(), "at 40,000 rows, once");
    }

    @Test
    void emptyInputAndClose()
    {
        ListOperator empty = new ListOperator(List.of());
        assertEquals(List.of(), drain(new TopNOperator(empty, List.of(order("n", true, true)), 5, SCHEMA.size())));
        assertEquals(1, empty.closes());
        assertThrows(IllegalArgumentException.class, () -> new TopNOperator(empty, List.of(order("n", true, true)), -1, SCHEMA.size()));
    }
}
