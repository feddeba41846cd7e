package io.spindle.benchmarks.jmh;

import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.memory.TaskMemoryManager;
import io.spindle.runtime.memory.UnifiedMemoryManager;
import io.spindle.runtime.operators.SortOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@link SortOperator} sorting {@value #ROWS} rows {@code (key, payload)} ascending on the key: random longs, or
 * random 16-byte strings ({@code %016x} of a random long). {@code in_memory} sorts under a memory manager with no
 * practical limit; {@code spilling} under a pool of {@value #SPILL_POOL_BYTES} bytes, so the operator writes sorted
 * runs to a temporary directory and merges them (the benchmark fails if it writes none). Each invocation sorts in a
 * fresh operator and drains its output; the score is rows per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkData.HEAP_MIN, BenchmarkData.HEAP_MAX, BenchmarkData.LOGGING})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SortBenchmark
{
    static final int ROWS = 1 << 19;
    static final long SPILL_POOL_BYTES = 4L << 20;

    @Param({"long", "string"})
    public String key;

    @Param({"in_memory", "spilling"})
    public String memory;

    /** Rows per invocation; only a test makes it smaller. */
    int rows = ROWS;
    /** The pool of the spilling variant; only a test makes it smaller, to spill its fewer rows. */
    long spillPoolBytes = SPILL_POOL_BYTES;

    private List<ColumnBatch> input;
    private List<SortOrder> orders;
    private Path spillDir;
    private int lastSpilledRuns;

    @Setup
    public void setUp()
            throws IOException
    {
        if (!memory.equals("in_memory") && !memory.equals("spilling")) {
            throw new IllegalArgumentException("unknown memory '" + memory + "'; expected in_memory or spilling");
        }
        SplittableRandom random = new SplittableRandom(BenchmarkData.SEED);
        long[] longs = BenchmarkData.uniformLongs(random, rows, Long.MAX_VALUE);
        Schema schema = switch (key) {
            case "long" -> BenchmarkData.schema("k", DataType.LONG, "v", DataType.LONG);
            case "string" -> BenchmarkData.schema("k", DataType.STRING, "v", DataType.LONG);
            default -> throw new IllegalArgumentException("unknown key '" + key + "'; expected long or string");
        };
        Object keys = longs;
        if (key.equals("string")) {
            String[] strings = new String[rows];
            for (int i = 0; i < rows; i++) {
                strings[i] = String.format("%016x", longs[i]);
            }
            keys = strings;
        }
        input = BenchmarkData.batches(schema, keys, BenchmarkData.uniformLongs(random, rows, Long.MAX_VALUE));
        orders = List.of(SortOrder.ascending(BenchmarkData.column(schema, "k")));
        spillDir = Files.createTempDirectory("spindle-sort-benchmark");
    }

    @TearDown
    public void tearDown()
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(spillDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Returns the number of rows out, which the caller checks. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long sort()
    {
        TaskMemoryManager task = memory.equals("spilling")
                ? new TaskMemoryManager(new UnifiedMemoryManager(spillPoolBytes, 0.5), 1, List.of(spillDir))
                : TaskMemoryManager.unbounded();
        try (task; SortOperator sort = new SortOperator(new ReplayOperator(input), orders, 2, task)) {
            long rowsOut = 0;
            ColumnBatch batch;
            while ((batch = sort.next()) != null) {
                rowsOut += batch.rowCount();
            }
            // before close(), which deletes the runs and forgets them
            lastSpilledRuns = sort.spilledRuns();
            if (memory.equals("spilling") && lastSpilledRuns == 0) {
                throw new IllegalStateException("the sort wrote no run to disk under a pool of " + spillPoolBytes + " bytes");
            }
            return rowsOut;
        }
    }

    /** The sorted runs the last invocation wrote to disk. */
    int lastSpilledRuns()
    {
        return lastSpilledRuns;
    }
}
