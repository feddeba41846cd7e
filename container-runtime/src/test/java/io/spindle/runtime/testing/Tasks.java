package io.spindle.runtime.testing;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.physical.PhysicalPlanner;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.stages.Stage;
import io.spindle.planner.stages.StageGraph;
import io.spindle.planner.stages.StagePlanner;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.task.MapOutput;
import io.spindle.runtime.task.TaskDescription;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.spindle.runtime.testing.Expressions.and;
import static io.spindle.runtime.testing.Expressions.arithmetic;
import static io.spindle.runtime.testing.Expressions.cast;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.compare;
import static io.spindle.runtime.testing.Expressions.isNull;
import static io.spindle.runtime.testing.Expressions.lit;
import static io.spindle.runtime.testing.Expressions.not;
import static io.spindle.runtime.testing.Expressions.nullOf;
import static io.spindle.runtime.testing.Expressions.or;
import static io.spindle.runtime.testing.Expressions.resolve;

/** Task descriptions shaped like the ones the driver sends, planned by the real planner. */
public final class Tasks
{
    public static final Schema ORDERS = Batches.schema(
            "o_orderkey", DataType.LONG,
            "o_status", DataType.STRING,
            "o_price", DataType.DOUBLE,
            "o_amount", DataType.decimal(15, 2),
            "o_date", DataType.DATE,
            "o_quantity", DataType.INT,
            "o_urgent", DataType.BOOLEAN,
            "o_shipped", DataType.TIMESTAMP);

    private Tasks()
    {
    }

    public static FileSource ordersSource(List<String> files)
    {
        List<FileSplit> splits = files.stream()
                .map(file -> new FileSplit(file, List.of(0, 1), 4_000_000, 100_000, List.of("worker-1.example.com", "worker-2.example.com")))
                .toList();
        return new FileSource("parquet", List.of("hdfs://namenode:8020/warehouse/orders"), ORDERS, splits, 4_000_000L * files.size(),
                100_000L * files.size());
    }

    /** A filter that uses a literal of every type Spindle has, and every kind of scalar expression. */
    public static Expression everyLiteralFilter()
    {
        Expression condition = and(
                and(compare(Comparison.Operator.GREATER_THAN, col("o_quantity"), lit(5)),
                        or(compare(Comparison.Operator.NOT_EQUAL, col("o_orderkey"), lit(5_000_000_000L)),
                                and(compare(Comparison.Operator.GREATER_THAN_OR_EQUAL, col("o_price"), lit(1.5)),
                                        compare(Comparison.Operator.LESS_THAN, col("o_amount"), lit(new BigDecimal("100.25")))))),
                and(and(compare(Comparison.Operator.GREATER_THAN_OR_EQUAL, col("o_date"), lit(LocalDate.of(2024, 2, 29))),
                                compare(Comparison.Operator.EQUAL, col("o_status"), lit("F\u00e9"))),
                        and(compare(Comparison.Operator.EQUAL, col("o_urgent"), lit(true)),
                                or(not(isNull(col("o_shipped"))),
                                        compare(Comparison.Operator.LESS_THAN,
                                                arithmetic(Arithmetic.Operator.MULTIPLY, cast(col("o_quantity"), DataType.LONG), lit(3L)),
                                                nullOf(DataType.LONG))))));
        return resolve(condition, ORDERS);
    }

    /** The stages of {@code SELECT o_status, o_date, sum(o_amount), count(*), avg(o_price), max(o_shipped) ... WHERE everyLiteralFilter GROUP BY 1, 2}. */
    public static StageGraph aggregationStages(FileSource source, int shufflePartitions)
    {
        return aggregationStages(source, shufflePartitions, everyLiteralFilter());
    }

    /** The same aggregation with another resolved {@code condition}. */
    public static StageGraph aggregationStages(FileSource source, int shufflePartitions, Expression condition)
    {
        FileRelation scan = FileRelation.allColumns(source);
        Filter filter = new Filter(scan, condition);
        List<Expression> keys = List.of(resolve(col("o_status"), ORDERS), resolve(col("o_date"), ORDERS));
        List<Expression> aggregates = List.of(
                new Alias(new AggregateCall(AggregateFunction.SUM, Optional.of(resolve(col("o_amount"), ORDERS))), "revenue"),
                new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty()),
                new Alias(new AggregateCall(AggregateFunction.AVG, Optional.of(resolve(col("o_price"), ORDERS))), "avg_price"),
                new AggregateCall(AggregateFunction.MAX, Optional.of(resolve(col("o_shipped"), ORDERS))));
        return StagePlanner.plan(new PhysicalPlanner(shufflePartitions).plan(new Aggregate(filter, keys, aggregates)));
    }

    /** Attempt 1 of map task 2 of the scan stage: a partial aggregation over a filter over a scan. */
    public static TaskDescription scanStageTask()
    {
        StageGraph graph = aggregationStages(ordersSource(List.of(
                "hdfs://namenode:8020/warehouse/orders/part-00000.parquet",
                "hdfs://namenode:8020/warehouse/orders/part-00001.parquet",
                "hdfs://namenode:8020/warehouse/orders/part-00002.parquet")), 8);
        Stage scanStage = graph.stages().get(0);
        return new TaskDescription(42, 3, scanStage.id(), 2, 1, scanStage.fragment(),
                Optional.of(new TaskDescription.ShuffleOutput(scanStage.shuffleId().orElseThrow(), scanStage.outputPartitioning().orElseThrow())),
                Map.of(7, List.of(
                        new MapOutput(7, 0, "exec-2", "worker-2.example.com", 7337, new long[] {10, 0, 20}),
                        new MapOutput(7, 1, "exec-3", "worker-3.example.com", 7337, new long[] {0, 0, 0}))));
    }
}
