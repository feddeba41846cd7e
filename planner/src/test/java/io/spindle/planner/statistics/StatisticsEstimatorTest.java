package io.spindle.planner.statistics;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.physical.BroadcastExchangeExec;
import io.spindle.planner.physical.PhysicalPlan;
import io.spindle.planner.physical.PhysicalPlanner;
import io.spindle.planner.source.ColumnStatistics;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.source.RowGroupStatistics;
import io.spindle.planner.source.TableStatistics;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatisticsEstimatorTest
{
    private static final long MB = 1024 * 1024;
    private static final Schema SCHEMA = Schema.of(new StructField("k", DataType.LONG, false), new StructField("g", DataType.INT, true),
            new StructField("s", DataType.STRING, true));

    /**
     * {@code groups} row groups of 1000 rows and {@code groupBytes} each, one per split; in group i, k runs over
     * [1000 i, 1000 i + 999], g over [0, 9] with 100 nulls, and s has no statistics.
     */
    private static FileRelation table(int groups, long groupBytes)
    {
        List<FileSplit> splits = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            RowGroupStatistics statistics = new RowGroupStatistics(1000, groupBytes, List.of(
                    new ColumnStatistics(1000L * i, 1000L * i + 999, 0), new ColumnStatistics(0, 9, 100), ColumnStatistics.UNKNOWN));
            splits.add(new FileSplit("/t/part-" + i, List.of(0), groupBytes, 1000, List.of("h"), List.of(statistics)));
        }
        return FileRelation.allColumns(new FileSource("parquet", List.of("/t"), SCHEMA, splits, groupBytes * groups, 1000L * groups));
    }

    private static ColumnRef k(int index)
    {
        return new ColumnRef(index, "k", DataType.LONG, false);
    }

    private static ColumnRef g(int index)
    {
        return new ColumnRef(index, "g", DataType.INT, true);
    }

    private static Expression compare(Comparison.Operator operator, Expression a, Object value)
    {
        return new Comparison(operator, a, Literal.of(value));
    }

    private static Statistics estimate(LogicalPlan plan)
    {
        return StatisticsEstimator.estimate(plan);
    }

    @Test
    void scanCountsRowsAndBytesOfTheRowGroupsItReadsAndTheColumnsItReads()
    {
        Statistics all = estimate(table(4, MB));
        assertEquals(4000, all.rowCount());
        assertEquals(4 * MB, all.sizeInBytes());
        assertEquals(new ColumnEstimate(0, 3999, 0, 4000), all.column(0));
        assertEquals(new ColumnEstimate(0, 9, 400, 10), all.column(1));
        assertEquals(ColumnEstimate.UNKNOWN.nullCount(), all.column(2).nullCount());

        // k is 8 of the row's 32 bytes by type
        assertEquals(MB, estimate(table(4, MB).withColumns(List.of(0))).sizeInBytes());

        FileRelation pruned = table(4, MB).withPushedFilters(List.of(compare(Comparison.Operator.GREATER_THAN_OR_EQUAL, k(0), 3000L)));
        assertEquals(1000, estimate(pruned).rowCount(), "three row groups are ruled out by their max");
        assertEquals(MB, estimate(pruned).sizeInBytes());
    }

    @Test
    void analyzedStatisticsWinOverTheFootersForTheColumnsTheyMeasured()
    {
        // ANALYZE found fewer rows than the footers claim (a deliberately different number), g with 3 distinct values in [2, 4]
        TableStatistics analyzed = new TableStatistics(3600, Map.of(1, new TableStatistics.Column(2, 4, 50, 3)));
        FileRelation table = table(4, MB).withAnalyzed(analyzed);
        Statistics all = estimate(table);
        assertEquals(3600, all.rowCount());
        assertEquals(4 * MB, all.sizeInBytes(), "bytes still come from the footers");
        assertEquals(new ColumnEstimate(2, 4, 50, 3), all.column(1));
        assertEquals(new ColumnEstimate(0, 3999, 0, 3600), all.column(0), "k was not measured: the footers' range, capped at the rows");

        AggregateCall count = new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty());
        assertEquals(4, estimate(new Aggregate(table, List.of(g(1)), List.of(count))).rowCount(), "three values and the null group");
        assertEquals(0, estimate(new Filter(table, compare(Comparison.Operator.EQUAL, g(1), 7))).rowCount(), "7 is outside the measured range");

        FileRelation pruned = table.withPushedFilters(List.of(compare(Comparison.Operator.GREATER_THAN_OR_EQUAL, k(0), 3000L)));
        assertEquals(900, estimate(pruned).rowCount(), 1e-9, "the measured rows, in the share of row groups the filters keep");
        assertEquals(estimate(table.withColumns(List.of(1))).column(0), new ColumnEstimate(2, 4, 50, 3), "pruning columns keeps the measurements");
    }

    @Test
    void filterSelectivityFromRangesDistinctValuesAndDefaults()
    {
        FileRelation table = table(4, MB);
        assertEquals(1000, estimate(new Filter(table, compare(Comparison.Operator.LESS_THAN, k(0), 1000L))).rowCount(), 1.0);
        assertEquals(0, estimate(new Filter(table, compare(Comparison.Operator.GREATER_THAN, k(0), 5000L))).rowCount());
        assertEquals(0, estimate(new Filter(table, compare(Comparison.Operator.EQUAL, k(0), -1L))).rowCount());
        assertEquals(1, estimate(new Filter(table, compare(Comparison.Operator.EQUAL, k(0), 17L))).rowCount(), 1e-9);
        // g = 3: 1 in 10 of the 90% non-null rows
        assertEquals(360, estimate(new Filter(table, compare(Comparison.Operator.EQUAL, g(1), 3))).rowCount(), 1e-6);
        Expression unknown = compare(Comparison.Operator.EQUAL, new ColumnRef(2, "s", DataType.STRING, true), "x");
        assertEquals(4000.0 / 3, estimate(new Filter(table, unknown)).rowCount(), 1e-6);
        Statistics filtered = estimate(new Filter(table, compare(Comparison.Operator.LESS_THAN, k(0), 1000L)));
        assertEquals(filtered.rowCount() * all(table).rowBytes(), filtered.sizeInBytes(), 1e-6);
    }

    /**
     * Two columns compared (TPC-H Q4's and Q21's {@code l_commitdate < l_receiptdate}): as Spark, 0 or all the
     * non-null rows when the ranges decide it, else 1/3, or 1/max(distinct values) for an equality.
     */
    @Test
    void twoColumnSelectivityFromTheirRanges()
    {
        FileRelation pruned = table(4, MB).withPushedFilters(List.of(compare(Comparison.Operator.GREATER_THAN_OR_EQUAL, k(0), 3000L)));
        // k in [3000, 3999], g in [0, 9] and null in 100 of the 1000 rows
        assertEquals(900, estimate(new Filter(pruned, new Comparison(Comparison.Operator.LESS_THAN, g(1), k(0)))).rowCount(), 1e-6);
        assertEquals(900, estimate(new Filter(pruned, new Comparison(Comparison.Operator.NOT_EQUAL, k(0), g(1)))).rowCount(), 1e-6);
        assertEquals(0, estimate(new Filter(pruned, new Comparison(Comparison.Operator.GREATER_THAN, g(1), k(0)))).rowCount());
        assertEquals(0, estimate(new Filter(pruned, new Comparison(Comparison.Operator.LESS_THAN_OR_EQUAL, k(0), g(1)))).rowCount());
        assertEquals(0, estimate(new Filter(pruned, new Comparison(Comparison.Operator.EQUAL, k(0), g(1)))).rowCount());

        FileRelation table = table(4, MB);
        // k in [0, 3999] overlaps g's [0, 9]
        assertEquals(4000 * 0.9 / 3, estimate(new Filter(table, new Comparison(Comparison.Operator.LESS_THAN, k(0), g(1)))).rowCount(), 1e-6);
        assertEquals(0.9, estimate(new Filter(table, new Comparison(Comparison.Operator.EQUAL, k(0), g(1)))).rowCount(), 1e-6);
        ColumnRef s = new ColumnRef(2, "s", DataType.STRING, true);
        assertEquals(4000.0 / 3, estimate(new Filter(table, new Comparison(Comparison.Operator.EQUAL, s, s))).rowCount(), 1e-6);
        assertEquals(4000.0 * 2 / 3, estimate(new Filter(table, new Comparison(Comparison.Operator.NOT_EQUAL, s, k(0)))).rowCount(), 1e-6);
    }

    private static Statistics all(LogicalPlan plan)
    {
        return estimate(plan);
    }

    @Test
    void aggregationRowsAreTheKeysDistinctValuesAtMostTheInputRows()
    {
        FileRelation table = table(4, MB);
        AggregateCall count = new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty());
        assertEquals(11, estimate(new Aggregate(table, List.of(g(1)), List.of(count))).rowCount(), "ten values and the null group");
        assertEquals(4000, estimate(new Aggregate(table, List.of(g(1), k(0)), List.of(count))).rowCount());
        assertEquals(1, estimate(new Aggregate(table, List.of(), List.of(count))).rowCount());
        assertEquals(4000, estimate(new Aggregate(table, List.of(new ColumnRef(2, "s", DataType.STRING, true)), List.of(count))).rowCount(),
                "unknown distinct values count as the input rows");
    }

    @Test
    void equiJoinRowsDivideByTheLargerDistinctCount()
    {
        FileRelation big = table(4, MB);
        Filter small = new Filter(table(4, MB), compare(Comparison.Operator.LESS_THAN, k(0), 100L));
        Join join = new Join(big, small, JoinType.INNER, Optional.of(new Comparison(Comparison.Operator.EQUAL, k(0), k(3))));
        assertEquals(100, estimate(join).rowCount(), 0.1);
        Join left = new Join(big, small, JoinType.LEFT_OUTER, Optional.of(new Comparison(Comparison.Operator.EQUAL, k(0), k(3))));
        assertEquals(4000, estimate(left).rowCount(), 1e-6);
        assertEquals(4000 * estimate(small).rowCount(), estimate(new Join(big, small, JoinType.CROSS, Optional.empty())).rowCount(), 1e-3);
    }

    @Test
    void broadcastDecisionSeesFiltersAndAggregations()
    {
        // 400 MB tables: a filter keeping 1% of one side, or an aggregation to ten groups, brings it under 10 MB
        FileRelation big = table(4, 100 * MB);
        Filter filtered = new Filter(table(4, 100 * MB), compare(Comparison.Operator.LESS_THAN, k(0), 40L));
        Join join = new Join(big, filtered, JoinType.INNER, Optional.of(new Comparison(Comparison.Operator.EQUAL, k(0), k(3))));
        PhysicalPlan plan = new PhysicalPlanner(8, 10 * MB).plan(join);
        assertTrue(plan.treeString().contains("BroadcastExchange"), plan.treeString());
        assertEquals(0, new PhysicalPlanner(8, 0).plan(join).treeString().split("BroadcastExchange", -1).length - 1);

        Aggregate groups = new Aggregate(table(4, 100 * MB), List.of(g(1)), List.of(new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty())));
        Join withGroups = new Join(big, groups, JoinType.INNER, Optional.of(new Comparison(Comparison.Operator.EQUAL,
                new io.spindle.planner.expressions.Cast(g(1), DataType.INT), g(3))));
        assertTrue(new PhysicalPlanner(8, 10 * MB).plan(withGroups).treeString().contains("BroadcastExchange"));

        Join bothBig = new Join(big, new Project(table(4, 100 * MB), List.of(k(0))), JoinType.INNER,
                Optional.of(new Comparison(Comparison.Operator.EQUAL, k(0), k(3))));
        assertEquals(0, count(new PhysicalPlanner(8, 10 * MB).plan(bothBig), BroadcastExchangeExec.class));
    }

    /**
     * Narrow columns of many rows compress to a few bytes a row, under the threshold, but take their types' width
     * in a hash table. Such a side is broadcast against a bigger stream (TPC-H Q9's orders against lineitem), not
     * against a smaller one (Q4's EXISTS side against a quarter's orders), and never when decoded it is over four
     * times the threshold.
     */
    @Test
    void broadcastDecisionCountsRowsAtTheirDecodedWidth()
    {
        long kb = 1024;
        // 4000 rows in 40 KB of files; decoded they take 8 + 4 + 20 bytes a row, 125 KB
        FileRelation compressed = table(4, 10 * kb);
        assertEquals(40 * kb, estimate(compressed).sizeInBytes(), 1e-6);
        assertEquals(4000 * 32, new StatisticsEstimator().decodedBytes(compressed), 1e-6);
        Expression keys = new Comparison(Comparison.Operator.EQUAL, k(0), k(3));
        PhysicalPlanner planner = new PhysicalPlanner(8, 64 * kb);

        Join againstBigStream = new Join(table(4, 100 * MB), compressed, JoinType.INNER, Optional.of(keys));
        assertEquals(1, count(planner.plan(againstBigStream), BroadcastExchangeExec.class));

        // 400 orders' keys, 3 KB decoded, probe the 125 KB side: both are shuffled
        LogicalPlan fewKeys = new Project(new Filter(table(4, 10 * kb), compare(Comparison.Operator.LESS_THAN, k(0), 400L)), List.of(k(0)));
        Join semi = new Join(fewKeys, compressed, JoinType.LEFT_SEMI, Optional.of(new Comparison(Comparison.Operator.EQUAL, k(0), k(1))));
        assertEquals(0, count(planner.plan(semi), BroadcastExchangeExec.class));
        // its key column alone decodes to 4000 * 8 bytes, 31 KB, under the threshold: broadcast
        Join keysOnly = new Join(fewKeys, new Project(compressed, List.of(k(0))), JoinType.LEFT_SEMI,
                Optional.of(new Comparison(Comparison.Operator.EQUAL, k(0), k(1))));
        assertEquals(1, count(planner.plan(keysOnly), BroadcastExchangeExec.class));

        // 8 KB of files under a 16 KB threshold, but 125 KB decoded, over four times it: never broadcast
        Join overLimit = new Join(table(4, 100 * MB), table(4, 2 * kb), JoinType.INNER, Optional.of(keys));
        assertEquals(0, count(new PhysicalPlanner(8, 16 * kb).plan(overLimit), BroadcastExchangeExec.class));
    }

    private static long count(PhysicalPlan plan, Class<?> kind)
    {
        return (kind.isInstance(plan) ? 1 : 0) + plan.children().stream().mapToLong(c -> count(c, kind)).sum();
    }

    @Test
    void printsAsSparkDoes()
    {
        assertEquals("Statistics(sizeInBytes=4.0 MiB, rowCount=4000)", estimate(table(4, MB)).toString());
        assertEquals("Statistics(sizeInBytes=unknown, rowCount=unknown)",
                new Statistics(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, List.of()).toString());
    }
}
