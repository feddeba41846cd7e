package io.spindle.benchmarks.jmh;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.operators.HashJoinOperator;
import io.spindle.runtime.operators.SortMergeJoinOperator;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Inner equi-joins on one long key of {@value #PROBE_ROWS} probe (left) rows with {@value #BUILD_ROWS} build (right)
 * rows, each side {@code (key, payload)}: {@link HashJoinOperator} builds its table and streams the probe side through
 * it; {@link SortMergeJoinOperator} merges the same rows pre-sorted on the key (its sorts are not timed). The score is
 * input rows per second, both sides counted.
 *
 * <p>With {@code unique} keys every build key occurs once and every probe row matches one build row, so the join
 * outputs {@value #PROBE_ROWS} rows; with {@code duplicate} keys every build key occurs {@value #DUPLICATES} times and
 * every probe row matches that many, so it outputs {@value #DUPLICATES} times as many.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkData.HEAP_MIN, BenchmarkData.HEAP_MAX, BenchmarkData.LOGGING})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class JoinBenchmark
{
    static final int PROBE_ROWS = 1 << 20;
    static final int BUILD_ROWS = 1 << 18;
    static final int DUPLICATES = 4;
    private static final Schema PROBE = BenchmarkData.schema("pk", DataType.LONG, "pv", DataType.LONG);
    private static final Schema BUILD = BenchmarkData.schema("bk", DataType.LONG, "bv", DataType.LONG);

    @Param({"unique", "duplicate"})
    public String keys;

    /** Rows of each side per invocation; only a test makes them smaller. */
    int probeRows = PROBE_ROWS;
    int buildRows = BUILD_ROWS;

    private List<ColumnBatch> probe;
    private List<ColumnBatch> build;
    private List<ColumnBatch> sortedProbe;
    private List<ColumnBatch> sortedBuild;
    private List<Expression> probeKeys;
    private List<Expression> buildKeys;

    @Setup
    public void setUp()
    {
        int copies = switch (keys) {
            case "unique" -> 1;
            case "duplicate" -> DUPLICATES;
            default -> throw new IllegalArgumentException("unknown keys '" + keys + "'; expected unique or duplicate");
        };
        probeKeys = List.of(BenchmarkData.column(PROBE, "pk"));
        buildKeys = List.of(BenchmarkData.column(BUILD, "bk"));
        SplittableRandom random = new SplittableRandom(BenchmarkData.SEED);
        int distinct = buildRows / copies;
        long[] buildKeyValues = new long[buildRows];
        for (int i = 0; i < buildRows; i++) {
            buildKeyValues[i] = i % distinct;
        }
        shuffle(buildKeyValues, random);
        long[] buildValues = BenchmarkData.uniformLongs(random, buildRows, Long.MAX_VALUE);
        long[] probeKeyValues = BenchmarkData.uniformLongs(random, probeRows, distinct);
        long[] probeValues = BenchmarkData.uniformLongs(random, probeRows, Long.MAX_VALUE);
        probe = BenchmarkData.batches(PROBE, probeKeyValues, probeValues);
        build = BenchmarkData.batches(BUILD, buildKeyValues, buildValues);
        // The payloads need not follow their keys into sorted order: the join never looks at them.
        sortedProbe = BenchmarkData.batches(PROBE, sorted(probeKeyValues), probeValues);
        sortedBuild = BenchmarkData.batches(BUILD, sorted(buildKeyValues), buildValues);
    }

    private static void shuffle(long[] values, SplittableRandom random)
    {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    private static long[] sorted(long[] values)
    {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Returns the number of joined rows, which the caller checks. */
    @Benchmark
    @OperationsPerInvocation(PROBE_ROWS + BUILD_ROWS)
    public long hashJoin()
    {
        return BenchmarkData.drain(new HashJoinOperator(new ReplayOperator(probe), new ReplayOperator(build), false, JoinType.INNER,
                BenchmarkData.types(PROBE), BenchmarkData.types(BUILD), probeKeys, buildKeys, Optional.empty()));
    }

    @Benchmark
    @OperationsPerInvocation(PROBE_ROWS + BUILD_ROWS)
    public long sortMergeJoin()
    {
        return BenchmarkData.drain(new SortMergeJoinOperator(new ReplayOperator(sortedProbe), new ReplayOperator(sortedBuild), JoinType.INNER,
                BenchmarkData.types(PROBE), BenchmarkData.types(BUILD), probeKeys, buildKeys, Optional.empty()));
    }
}
