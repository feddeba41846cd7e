package io.spindle.runtime.task;

import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Sort;
import io.spindle.planner.physical.BroadcastReadExec;
import io.spindle.planner.physical.FileScanExec;
import io.spindle.planner.physical.HashJoinExec;
import io.spindle.planner.physical.Partitioning;
import io.spindle.planner.physical.PhysicalPlan;
import io.spindle.planner.physical.PhysicalPlanner;
import io.spindle.planner.physical.ShuffleReadExec;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.ParquetSource;
import io.spindle.planner.stages.Stage;
import io.spindle.planner.stages.StageGraph;
import io.spindle.planner.stages.StagePlanner;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.serde.BatchSerde;
import io.spindle.runtime.shuffle.ShuffleWriter;
import io.spindle.runtime.testing.Batches;
import io.spindle.runtime.testing.DuckDb;
import io.spindle.runtime.testing.ListOperator;
import io.spindle.runtime.testing.Tasks;
import io.spindle.shuffle.ShuffleLayout;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.spindle.runtime.testing.Batches.batches;
import static io.spindle.runtime.testing.Batches.rows;
import static io.spindle.runtime.testing.Expressions.arithmetic;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.compare;
import static io.spindle.runtime.testing.Expressions.lit;
import static io.spindle.runtime.testing.Expressions.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskRunnerTest
{
    /** The orders table, its columns drawn independently by hashing the row number, so the filter keeps a few percent of rows. */
    private static final String CREATE_ORDERS = """
            CREATE TABLE orders AS
            SELECT CASE WHEN i = 77 THEN 5000000000 ELSE i * 1000003 END::BIGINT AS o_orderkey,
                CASE WHEN i % 19 = 0 THEN NULL ELSE list_element(['F\u00e9', 'O', 'P', 'F'], (hash(i) % 4)::INTEGER + 1) END AS o_status,
                CASE WHEN i % 23 = 0 THEN NULL ELSE (hash(i + 1000000) % 400)::DOUBLE / 4 END AS o_price,
                CASE WHEN i % 29 = 0 THEN NULL ELSE (((i * 7919) % 20000)::DOUBLE / 100)::DECIMAL(15,2) END AS o_amount,
                CASE WHEN i % 31 = 0 THEN NULL ELSE DATE '2024-02-20' + (hash(i + 2000000) % 20)::INTEGER END AS o_date,
                CASE WHEN i % 37 = 0 THEN NULL ELSE (hash(i + 3000000) % 12)::INTEGER END AS o_quantity,
                CASE WHEN i % 41 = 0 THEN NULL ELSE hash(i + 4000000) % 3 <> 0 END AS o_urgent,
                CASE WHEN i % 5 = 0 THEN NULL ELSE make_timestamp(1704067200000000 + i * 1000001) END AS o_shipped
            FROM range(20000) r(i)
            """;

    /** {@link Tasks#everyLiteralFilter()} in DuckDB's SQL. */
    private static final String EVERY_LITERAL_WHERE = """
             WHERE (o_quantity > 5 AND (o_orderkey <> 5000000000 OR (o_price >= 1.5 AND o_amount < 100.25)))
               AND ((o_date >= DATE '2024-02-29' AND o_status = 'F\u00e9')
                    AND (o_urgent = true AND (NOT (o_shipped IS NULL) OR (CAST(o_quantity AS BIGINT) * 3 < NULL))))
            """;

    private static final int SOURCE_SHUFFLE = 100;

    private static DuckDb duck;
    private static List<List<Object>> orders;

    @TempDir
    Path tempDir;

    private ExecutorEnvironment env;
    private long nextTaskId;

    @BeforeAll
    static void createOrders()
    {
        duck = new DuckDb();
        duck.execute(CREATE_ORDERS);
        orders = new ArrayList<>();
        for (List<Object> row : duck.query("SELECT o_orderkey, o_status, o_price, o_amount, CAST(o_date AS VARCHAR), o_quantity, o_urgent, "
                + "epoch_us(o_shipped) FROM orders ORDER BY o_orderkey")) {
            List<Object> converted = new ArrayList<>(row);
            converted.set(4, row.get(4) == null ? null : LocalDate.parse((String) row.get(4)));
            orders.add(converted);
        }
    }

    @AfterAll
    static void closeDuckDb()
    {
        duck.close();
    }

    @BeforeEach
    void createEnvironment()
    {
        env = new ExecutorEnvironment("application_1_0001", "exec-7", "worker-7", -1, new Configuration(),
                List.of(tempDir.resolve("local")), null, true);
    }

    /** What DuckDB says the aggregation of {@link Tasks#aggregationStages} returns, in Spindle's output shape. */
    private static List<List<Object>> expected(String where)
    {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : duck.query("SELECT o_status, CAST(o_date AS VARCHAR), sum(o_amount), count(*), sum(o_price), count(o_price), "
                + "epoch_us(max(o_shipped)) FROM orders " + where + " GROUP BY o_status, o_date")) {
            Double priceSum = (Double) row.get(4);
            long priceCount = (Long) row.get(5);
            Long shipped = (Long) row.get(6);
            out.add(Arrays.asList(
                    row.get(0),
                    row.get(1) == null ? null : LocalDate.parse((String) row.get(1)),
                    row.get(2) == null ? null : ((BigDecimal) row.get(2)).setScale(2),
                    row.get(3),
                    priceCount == 0 ? null : priceSum / priceCount,
                    shipped == null ? null : Instant.EPOCH.plus(shipped, ChronoUnit.MICROS)));
        }
        return out;
    }

    private static Map<List<Object>, List<Object>> byKey(List<List<Object>> rows)
    {
        Map<List<Object>, List<Object>> out = new HashMap<>();
        for (List<Object> row : rows) {
            assertNull(out.put(row.subList(0, 2), row), "group " + row.subList(0, 2) + " came out twice");
        }
        return out;
    }

    private TaskDescription task(Stage stage, PhysicalPlan fragment, int partition, Map<Integer, List<MapOutput>> inputs)
    {
        Optional<TaskDescription.ShuffleOutput> output = stage.shuffleId()
                .map(id -> new TaskDescription.ShuffleOutput(id, stage.outputPartitioning().orElseThrow()));
        return new TaskDescription(nextTaskId++, 0, stage.id(), partition, 0, fragment, output, inputs);
    }

    /**
     * Runs every stage in order as a driver would, each task through {@link TaskRunner}, and returns the rows the
     * result stage's tasks send back. {@code sourceInputs} are map outputs that stage 0 reads besides files.
     */
    private List<List<Object>> runStages(List<Stage> stages, int stage0Tasks, Map<Integer, List<MapOutput>> sourceInputs)
    {
        Map<Integer, List<MapOutput>> outputsByShuffle = new HashMap<>(sourceInputs);
        List<List<Object>> result = new ArrayList<>();
        for (Stage stage : stages) {
            Map<Integer, List<MapOutput>> inputs = new HashMap<>();
            if (stage.id() == 0) {
                inputs.putAll(sourceInputs);
            }
            for (int parent : stage.parents()) {
                int shuffle = stages.get(parent).shuffleId().orElseThrow();
                inputs.put(shuffle, outputsByShuffle.get(shuffle));
            }
            int tasks = stage.id() == 0 ? stage0Tasks : stage.numTasks();
            List<MapOutput> outputs = new ArrayList<>();
            for (int partition = 0; partition < tasks; partition++) {
                TaskDescription task = task(stage, stage.fragment(), partition, inputs);
                TaskResult taskResult = TaskRunner.run(task, env);
                assertTrue(taskResult.succeeded(), taskResult.error());
                assertEquals(task.taskId(), taskResult.taskId());
                assertEquals("exec-7", taskResult.executorId());
                if (stage.isResult()) {
                    assertTrue(taskResult.mapOutput().isEmpty());
                    List<ColumnBatch> batches = BatchSerde.decodeAll(taskResult.resultFrames(), 0, taskResult.resultFrames().length);
                    assertEquals(taskResult.metrics().rowsOut, batches.stream().mapToLong(ColumnBatch::rowCount).sum());
                    assertEquals(taskResult.resultFrames().length, taskResult.metrics().bytesOut);
                    result.addAll(rows(batches));
                }
                else {
                    MapOutput mapOutput = taskResult.mapOutput().orElseThrow();
                    assertEquals(partition, mapOutput.mapId());
                    assertEquals(stage.shuffleId().orElseThrow(), mapOutput.shuffleId());
                    assertEquals(mapOutput.totalBytes(), taskResult.metrics().shuffleBytesWritten);
                    outputs.add(mapOutput);
                }
            }
            stage.shuffleId().ifPresent(id -> outputsByShuffle.put(id, outputs));
        }
        return result;
    }

    /** Stage 0 reads the orders from shuffle {@link #SOURCE_SHUFFLE} instead of files, so no Parquet is involved. */
    private static PhysicalPlan readSourceShuffleInsteadOfFiles(PhysicalPlan plan)
    {
        if (plan instanceof FileScanExec scan) {
            return new ShuffleReadExec(SOURCE_SHUFFLE, scan.schema(), 2);
        }
        return plan.replaceChildren(plan.children().stream().map(TaskRunnerTest::readSourceShuffleInsteadOfFiles).toList());
    }

    /** The orders as three map outputs of shuffle {@link #SOURCE_SHUFFLE}, hash-partitioned by key into two partitions. */
    private List<MapOutput> writeSourceShuffle()
    {
        List<MapOutput> source = new ArrayList<>();
        Partitioning byKey = new Partitioning.Hash(List.of(resolve(col("o_orderkey"), Tasks.ORDERS)), 2);
        int third = orders.size() / 3;
        List<List<List<Object>>> slices = List.of(orders.subList(0, third), orders.subList(third, 2 * third), orders.subList(2 * third, orders.size()));
        for (int map = 0; map < slices.size(); map++) {
            source.add(ShuffleWriter.write(new ListOperator(batches(Tasks.ORDERS, slices.get(map), 1500)), SOURCE_SHUFFLE, byKey, map,
                    Tasks.ORDERS.size(), env, new TaskMetrics()));
        }
        return source;
    }

    private List<List<Object>> runOverSourceShuffle(Expression condition)
    {
        List<MapOutput> source = writeSourceShuffle();
        // two files, so that the rows are not in one partition already and the aggregation shuffles
        StageGraph graph = Tasks.aggregationStages(Tasks.ordersSource(List.of("/unused/orders-0.parquet", "/unused/orders-1.parquet")), 4, condition);
        assertEquals(2, graph.stages().size());
        Stage scanStage = graph.stages().get(0);
        List<Stage> stages = List.of(
                new Stage(0, readSourceShuffleInsteadOfFiles(scanStage.fragment()), List.of(), 2, scanStage.shuffleId(), scanStage.outputPartitioning()),
                graph.stages().get(1));
        return runStages(stages, 2, Map.of(SOURCE_SHUFFLE, source));
    }

    @Test
    void mapAndResultTasksComputeTheFilteredAggregationLikeDuckDb()
    {
        List<List<Object>> actual = runOverSourceShuffle(Tasks.everyLiteralFilter());

        List<List<Object>> expected = expected(EVERY_LITERAL_WHERE);
        assertTrue(expected.size() >= 5, "the filter should keep several groups, kept " + expected.size());
        assertEquals(byKey(expected), byKey(actual));
    }

    @Test
    void mapAndResultTasksComputeTheUnfilteredAggregationLikeDuckDb()
    {
        List<List<Object>> actual = runOverSourceShuffle(Literal.of(true));

        List<List<Object>> expected = expected("");
        assertTrue(expected.size() > 80, expected.size() + " groups");
        assertEquals(byKey(expected), byKey(actual));
    }

    @Test
    void scanOfParquetFilesWrittenByDuckDbAggregatesLikeDuckDb() throws Exception
    {
        Path dir = tempDir.resolve("orders");
        Files.createDirectories(dir);
        duck.execute("COPY (SELECT * FROM orders WHERE o_orderkey % 2 = 0) TO '" + dir.resolve("part-0.parquet") + "' (FORMAT PARQUET, ROW_GROUP_SIZE 2048)");
        duck.execute("COPY (SELECT * FROM orders WHERE o_orderkey % 2 = 1) TO '" + dir.resolve("part-1.parquet") + "' (FORMAT PARQUET, ROW_GROUP_SIZE 4096)");
        FileSource source = ParquetSource.open(new Configuration(), List.of(dir.toString()), 16 * 1024);
        assertEquals(Tasks.ORDERS, source.schema());
        assertTrue(source.splits().size() > 2, source.splits().size() + " splits");
        StageGraph graph = Tasks.aggregationStages(source, 3, Literal.of(true));

        List<List<Object>> actual = runStages(graph.stages(), graph.stages().get(0).numTasks(), Map.of());

        assertEquals(byKey(expected("")), byKey(actual));
    }

    @Test
    void sortAndLimitStagesReturnTheTopRowsLikeDuckDb()
    {
        FileRelation scan = FileRelation.allColumns(Tasks.ordersSource(List.of("/unused/orders-0.parquet", "/unused/orders-1.parquet")));
        Project project = new Project(new Filter(scan, resolve(compare(Comparison.Operator.GREATER_THAN, col("o_quantity"), lit(2)), Tasks.ORDERS)),
                List.of(resolve(col("o_orderkey"), Tasks.ORDERS), resolve(col("o_status"), Tasks.ORDERS),
                        new Alias(resolve(arithmetic(Arithmetic.Operator.MULTIPLY, col("o_amount"), col("o_quantity")), Tasks.ORDERS), "total")));
        Sort sort = new Sort(project, List.of(
                new SortOrder(resolve(col("o_status"), project.schema()), false, false),
                new SortOrder(resolve(col("total"), project.schema()), true, true),
                new SortOrder(resolve(col("o_orderkey"), project.schema()), false, true)));
        StageGraph graph = StagePlanner.plan(new PhysicalPlanner(3).plan(new Limit(sort, 25)));
        assertEquals(2, graph.stages().size());
        Stage scanStage = graph.stages().get(0);
        List<Stage> stages = List.of(
                new Stage(0, readSourceShuffleInsteadOfFiles(scanStage.fragment()), List.of(), 2, scanStage.shuffleId(), scanStage.outputPartitioning()),
                graph.stages().get(1));

        List<List<Object>> actual = runStages(stages, 2, Map.of(SOURCE_SHUFFLE, writeSourceShuffle()));

        List<List<Object>> expected = duck.query("SELECT o_orderkey, o_status, o_amount * o_quantity FROM orders WHERE o_quantity > 2 "
                + "ORDER BY o_status DESC NULLS LAST, 3 ASC NULLS FIRST, o_orderkey DESC NULLS FIRST LIMIT 25");
        assertEquals(25, actual.size());
        for (int i = 0; i < expected.size(); i++) {
            List<Object> e = expected.get(i);
            List<Object> a = actual.get(i);
            assertEquals(e.get(0), a.get(0), "row " + i);
            assertEquals(e.get(1), a.get(1), "row " + i);
            assertTrue(e.get(2) == null ? a.get(2) == null : ((BigDecimal) e.get(2)).compareTo((BigDecimal) a.get(2)) == 0, "row " + i + ": " + e + " vs " + a);
        }
    }

    @Test
    void failedTaskNamesTheTaskAndTheMissingFile()
    {
        String missing = tempDir.resolve("orders").resolve("part-00042.parquet").toString();
        StageGraph graph = Tasks.aggregationStages(Tasks.ordersSource(List.of(missing, tempDir.resolve("orders").resolve("part-00043.parquet").toString())), 4);
        Stage scanStage = graph.stages().get(0);
        TaskDescription task = new TaskDescription(17, 2, scanStage.id(), 0, 3, scanStage.fragment(),
                Optional.of(new TaskDescription.ShuffleOutput(scanStage.shuffleId().orElseThrow(), scanStage.outputPartitioning().orElseThrow())),
                Map.of());

        TaskResult result = TaskRunner.run(task, env);

        assertFalse(result.succeeded());
        assertTrue(result.error().contains("task 0.3 of stage 0 (TID 17)"), result.error());
        assertTrue(result.error().contains(missing), result.error());
        assertTrue(result.error().contains("exec-7"), result.error());
        assertFalse(result.fetchFailed());
        assertEquals(Optional.empty(), result.mapOutput());
        assertEquals(17, result.taskId());
        assertFalse(Files.exists(ShuffleLayout.dataFile(env.localDirs(), 0, 0)), "a failed map task must leave no output");
        assertFalse(Files.exists(ShuffleLayout.indexFile(env.localDirs(), 0, 0)), "a failed map task must leave no index");
    }

    @Test
    void lostMapOutputFailsTheTaskAsAFetchFailure()
    {
        StageGraph graph = Tasks.aggregationStages(Tasks.ordersSource(List.of("/unused-0.parquet", "/unused-1.parquet")), 2);
        Stage resultStage = graph.resultStage();
        MapOutput lost = new MapOutput(0, 5, "exec-gone", "worker-9", 7337, new long[] {100, 100});

        TaskResult result = TaskRunner.run(task(resultStage, resultStage.fragment(), 1, Map.of(0, List.of(lost))), env);

        assertFalse(result.succeeded());
        assertTrue(result.fetchFailed(), result.error());
        assertTrue(result.error().contains("shuffle 0, map 5, reduce 1"), result.error());
    }

    @Test
    void taskWithoutItsShuffleInputsNamesTheShuffle()
    {
        StageGraph graph = Tasks.aggregationStages(Tasks.ordersSource(List.of("/unused-0.parquet", "/unused-1.parquet")), 2);
        Stage resultStage = graph.resultStage();

        TaskResult result = TaskRunner.run(task(resultStage, resultStage.fragment(), 0, Map.of()), env);

        assertFalse(result.succeeded());
        assertFalse(result.fetchFailed());
        assertTrue(result.error().contains("no map outputs given for shuffle 0"), result.error());
    }

    /**
     * Two tasks of one stage whose fragment joins the task's own rows (here a broadcast of its own, standing in for
     * a scan) with a shared broadcast: the executor hashes the shared broadcast once, and each task joins its rows.
     */
    @Test
    void tasksOfAStageBuildTheBroadcastHashTableOnce()
    {
        Schema probeSchema = Batches.schema("pk", DataType.LONG, "pv", DataType.LONG);
        Schema buildSchema = Batches.schema("k", DataType.LONG, "name", DataType.STRING);
        byte[] shared = BatchSerde.encode(Batches.batch(buildSchema, List.of(List.of(1L, "one"), List.of(2L, "two"), List.of(3L, "three"))));
        PhysicalPlan fragment = new HashJoinExec(new BroadcastReadExec(1, probeSchema), new BroadcastReadExec(0, buildSchema), JoinType.INNER,
                List.of(resolve(col("pk"), probeSchema)), List.of(resolve(col("k"), buildSchema)), Optional.empty(), HashJoinExec.BuildSide.RIGHT);

        List<List<List<Object>>> probes = List.of(List.of(List.of(1L, 10L), List.of(2L, 20L)), List.of(List.of(3L, 30L), List.of(4L, 40L)));
        List<List<Object>> joined = new ArrayList<>();
        for (int partition = 0; partition < probes.size(); partition++) {
            byte[] own = BatchSerde.encode(Batches.batch(probeSchema, probes.get(partition)));
            TaskDescription task = new TaskDescription(nextTaskId++, 5, 2, partition, 0, fragment, Optional.empty(), Map.of(), Map.of(0, shared, 1, own));
            TaskResult result = TaskRunner.run(task, env);
            assertTrue(result.succeeded(), result.error());
            joined.addAll(rows(BatchSerde.decodeAll(result.resultFrames(), 0, result.resultFrames().length)));
        }

        assertEquals(List.of(List.of(1L, 10L, 1L, "one"), List.of(2L, 20L, 2L, "two"), List.of(3L, 30L, 3L, "three")), joined);
        assertEquals(1, env.broadcastTables().builds(), "one table for the stage's two tasks");
        assertTrue(env.memory().storageUsed() > 0, "counted once, as storage, while the stage may still need it");
        env.broadcastTables().clearIdle();
        assertEquals(0, env.memory().storageUsed());
    }

}
