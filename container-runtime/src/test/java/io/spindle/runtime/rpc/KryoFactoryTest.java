package io.spindle.runtime.rpc;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.physical.FileScanExec;
import io.spindle.planner.physical.FilterExec;
import io.spindle.planner.physical.HashAggregateExec;
import io.spindle.planner.physical.Partitioning;
import io.spindle.planner.stages.StageGraph;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.task.MapOutput;
import io.spindle.runtime.task.TaskDescription;
import io.spindle.runtime.task.TaskMetrics;
import io.spindle.runtime.task.TaskResult;
import io.spindle.runtime.testing.Tasks;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KryoFactoryTest
{
    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Output output = new Output(bytes)) {
            KryoFactory.create().writeClassAndObject(output, value);
        }
        try (Input input = new Input(bytes.toByteArray())) {
            return (T) KryoFactory.create().readClassAndObject(input);
        }
    }

    /** Every literal's value and type, wherever it is in the expression tree. */
    private static void collectLiterals(Expression expression, List<Literal> out)
    {
        if (expression instanceof Literal literal) {
            out.add(literal);
        }
        for (Expression child : expression.children()) {
            collectLiterals(child, out);
        }
    }

    private static void assertSameMapOutputs(Map<Integer, List<MapOutput>> expected, Map<Integer, List<MapOutput>> actual)
    {
        assertEquals(expected.keySet(), actual.keySet());
        for (Integer shuffle : expected.keySet()) {
            List<MapOutput> e = expected.get(shuffle);
            List<MapOutput> a = actual.get(shuffle);
            assertEquals(e.size(), a.size());
            for (int i = 0; i < e.size(); i++) {
                assertEquals(List.of(e.get(i).shuffleId(), e.get(i).mapId(), e.get(i).executorId(), e.get(i).host(), e.get(i).port()),
                        List.of(a.get(i).shuffleId(), a.get(i).mapId(), a.get(i).executorId(), a.get(i).host(), a.get(i).port()));
                assertArrayEquals(e.get(i).blockSizes(), a.get(i).blockSizes());
            }
        }
    }

    static void assertSameTask(TaskDescription expected, TaskDescription actual)
    {
        assertNotSame(expected, actual);
        assertEquals(expected.fragment().treeString(), actual.fragment().treeString());
        assertEquals(expected.fragment().schema(), actual.fragment().schema());
        assertEquals(expected.name(), actual.name());
        assertEquals(List.of(expected.taskId(), expected.jobId(), expected.stageId(), expected.partition(), expected.attempt()),
                List.of(actual.taskId(), actual.jobId(), actual.stageId(), actual.partition(), actual.attempt()));
        assertEquals(expected.shuffleOutput(), actual.shuffleOutput());
        assertSameMapOutputs(expected.shuffleInputs(), actual.shuffleInputs());

        HashAggregateExec expectedAggregate = (HashAggregateExec) expected.fragment();
        HashAggregateExec actualAggregate = (HashAggregateExec) actual.fragment();
        assertEquals(expectedAggregate.mode(), actualAggregate.mode());
        assertEquals(expectedAggregate.groupingKeys(), actualAggregate.groupingKeys());
        assertEquals(expectedAggregate.aggregates(), actualAggregate.aggregates());
        assertEquals(expectedAggregate.aggregateNames(), actualAggregate.aggregateNames());
        FilterExec expectedFilter = (FilterExec) expectedAggregate.child();
        FilterExec actualFilter = (FilterExec) actualAggregate.child();
        assertEquals(expectedFilter.condition(), actualFilter.condition());
        FileScanExec expectedScan = (FileScanExec) expectedFilter.child();
        FileScanExec actualScan = (FileScanExec) actualFilter.child();
        assertEquals(expectedScan.source(), actualScan.source());
        assertEquals(expectedScan.columns(), actualScan.columns());
    }

    @Test
    void registeredMessagesTravelAsIdsNotClassNames()
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Output output = new Output(bytes)) {
            KryoFactory.create().writeClassAndObject(output, new Messages.Heartbeat("exec-1", "heap used 1 MB"));
        }
        String written = bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertFalse(written.contains("Heartbeat"), written);
        assertTrue(bytes.size() < 40, bytes.size() + " bytes");
        assertEquals(new Messages.Heartbeat("exec-1", "heap used 1 MB"), roundTrip(new Messages.Heartbeat("exec-1", "heap used 1 MB")));
    }

    @Test
    void taskDescriptionWithARealisticFragmentRoundTrips()
    {
        TaskDescription task = Tasks.scanStageTask();

        TaskDescription copy = roundTrip(task);

        assertSameTask(task, copy);
    }

    @Test
    void literalsKeepTheirJavaTypesAndDecimalScale()
    {
        TaskDescription copy = roundTrip(Tasks.scanStageTask());

        List<Literal> literals = new ArrayList<>();
        collectLiterals(((FilterExec) ((HashAggregateExec) copy.fragment()).child()).condition(), literals);
        Set<Class<?>> valueClasses = new HashSet<>();
        for (Literal literal : literals) {
            if (literal.value() != null) {
                valueClasses.add(literal.value().getClass());
            }
        }
        assertEquals(Set.of(Integer.class, Long.class, Double.class, BigDecimal.class, LocalDate.class, String.class, Boolean.class), valueClasses);
        Literal decimal = literals.stream().filter(l -> l.value() instanceof BigDecimal).findFirst().orElseThrow();
        assertEquals(new BigDecimal("100.25"), decimal.value());
        assertEquals(DataType.decimal(15, 2), decimal.type());
        assertTrue(literals.stream().anyMatch(l -> l.isNull() && l.type().equals(DataType.LONG)), "the typed null literal is kept");
        assertTrue(literals.stream().anyMatch(l -> LocalDate.of(2024, 2, 29).equals(l.value())));
        assertTrue(literals.stream().anyMatch(l -> "F\u00e9".equals(l.value())));
    }

    @Test
    void immutableCollectionsComeBackImmutable()
    {
        TaskDescription copy = roundTrip(Tasks.scanStageTask());
        HashAggregateExec aggregate = (HashAggregateExec) copy.fragment();
        FileScanExec scan = (FileScanExec) ((FilterExec) aggregate.child()).child();

        assertThrows(UnsupportedOperationException.class, () -> aggregate.aggregates().add(null));
        assertThrows(UnsupportedOperationException.class, () -> scan.source().splits().clear());
        assertThrows(UnsupportedOperationException.class, () -> copy.shuffleInputs().clear());
        assertThrows(UnsupportedOperationException.class, () -> scan.source().splits().get(0).rowGroups().add(3));
    }

    @Test
    void everyStageOfAPlanRoundTrips()
    {
        StageGraph graph = Tasks.aggregationStages(Tasks.ordersSource(List.of("/data/orders/a.parquet", "/data/orders/b.parquet")), 4);

        StageGraph copy = roundTrip(graph);

        assertEquals(graph.stages().size(), copy.stages().size());
        for (int i = 0; i < graph.stages().size(); i++) {
            assertEquals(graph.stages().get(i).fragment().treeString(), copy.stages().get(i).fragment().treeString());
            assertEquals(graph.stages().get(i).outputPartitioning(), copy.stages().get(i).outputPartitioning());
            assertEquals(graph.stages().get(i).parents(), copy.stages().get(i).parents());
        }
        assertInstanceOf(Partitioning.Hash.class, copy.stages().get(0).outputPartitioning().orElseThrow());
    }

    @Test
    void javaCollectionsOfEveryShapeRoundTrip()
    {
        Map<String, Object> value = Map.of(
                "empty list", List.of(),
                "one", List.of(1),
                "two", List.of(1, "two"),
                "many", List.of(1, 2L, 3.0, "four", LocalDate.of(2024, 2, 29), new BigDecimal("6.00"), true),
                "sub", List.of(1, 2, 3, 4).subList(1, 3),
                "set", Set.of("a", "b", "c"),
                "map", Map.of(1, Optional.of("x"), 2, Optional.empty()),
                "empty map", Map.of(),
                "copied", List.copyOf(new ArrayList<>(List.of("a", "b"))),
                "streamed", java.util.stream.Stream.of("x", "y").toList());

        Map<String, Object> copy = roundTrip(value);

        assertEquals(value, copy);
        assertThrows(UnsupportedOperationException.class, () -> copy.put("new", 1));
    }

    @Test
    void taskResultsAndMessagesRoundTrip()
    {
        TaskMetrics metrics = new TaskMetrics();
        metrics.rowsIn = 10;
        metrics.shuffleBytesWritten = 1234;
        metrics.millis = 99;
        TaskResult success = TaskResult.success(7, "exec-1", Optional.of(new MapOutput(1, 2, "exec-1", "h", 7337, new long[] {1, 2, 3})), null, metrics);
        TaskResult failure = TaskResult.failure(8, "exec-1", "task 0.0 of stage 1 (TID 8) failed: boom", true, new TaskMetrics());

        Messages.StatusUpdate copy = roundTrip(new Messages.StatusUpdate(success));
        TaskResult failed = roundTrip(failure);

        assertEquals(7, copy.result().taskId());
        assertTrue(copy.result().succeeded());
        assertArrayEquals(new long[] {1, 2, 3}, copy.result().mapOutput().orElseThrow().blockSizes());
        assertEquals(List.of(10L, 1234L, 99L), List.of(copy.result().metrics().rowsIn, copy.result().metrics().shuffleBytesWritten, copy.result().metrics().millis));
        assertEquals(failure.error(), failed.error());
        assertTrue(failed.fetchFailed());
        assertEquals(Optional.empty(), failed.mapOutput());
        assertEquals(new Messages.RegisterExecutor("exec-1", "worker-1", 4, 7337), roundTrip(new Messages.RegisterExecutor("exec-1", "worker-1", 4, 7337)));
        assertEquals(new Messages.StopExecutor("done"), roundTrip(new Messages.StopExecutor("done")));
    }

    @Test
    void oneKryoInstanceEncodesManyMessagesInARow()
    {
        Kryo kryo = KryoFactory.create();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TaskDescription task = Tasks.scanStageTask();
        try (Output output = new Output(bytes)) {
            for (int i = 0; i < 3; i++) {
                kryo.writeClassAndObject(output, new Messages.LaunchTask(task));
                kryo.writeClassAndObject(output, new Messages.Heartbeat("exec-" + i));
            }
        }

        Kryo reader = KryoFactory.create();
        try (Input input = new Input(bytes.toByteArray())) {
            for (int i = 0; i < 3; i++) {
                Messages.LaunchTask launch = (Messages.LaunchTask) reader.readClassAndObject(input);
                assertSameTask(task, launch.task());
                assertEquals(new Messages.Heartbeat("exec-" + i), reader.readClassAndObject(input));
            }
        }
    }

    @Test
    void aScanWithPushedFiltersRoundTrips()
    {
        FileScanExec scan = new FileScanExec(Tasks.ordersSource(List.of("/data/orders/a.parquet")), List.of(2, 3, 4), List.of(
                new Comparison(Comparison.Operator.LESS_THAN,
                        new ColumnRef(4, "o_date", DataType.DATE, true), Literal.of(LocalDate.of(1995, 1, 1))),
                new Comparison(Comparison.Operator.GREATER_THAN_OR_EQUAL,
                        new ColumnRef(3, "o_amount", DataType.decimal(15, 2), true),
                        new Literal(new BigDecimal("0.05"), DataType.decimal(15, 2)))), 7);

        FileScanExec copy = roundTrip(scan);

        assertEquals(scan.pushedFilters(), copy.pushedFilters());
        assertEquals(7, copy.totalSplits());
        assertEquals(scan.describe(), copy.describe());
        assertEquals(scan.source().splits(), copy.source().splits());
        assertTrue(copy.pageIndexFilter());

        FileScanExec withoutPageSkipping = new FileScanExec(scan.source(), scan.columns(), scan.pushedFilters(), 7, false);
        assertFalse(roundTrip(withoutPageSkipping).pageIndexFilter());
    }
}
