package io.spindle.benchmarks.jmh;

import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.physical.ExchangeExec;
import io.spindle.planner.physical.HashAggregateExec;
import io.spindle.planner.physical.PhysicalPlanner;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.operators.HashAggregationOperator;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@link HashAggregationOperator}, partial and final, computing {@code sum(v), count(v), min(v)} grouped by one key,
 * planned by {@link PhysicalPlanner} as a query's aggregation is. Each invocation aggregates {@value #ROWS} input rows
 * in a fresh operator and drains its output; the score is input rows per second.
 *
 * <p>The partial aggregation reads rows {@code (k, v)}; the final one reads {@value #ROWS} rows of partial state
 * {@code (k, sum, count, min)} with the same key distribution, as it would after a shuffle of many map tasks' output.
 * Keys: {@code long16} draws from 16 long values, {@code long256k} from 262,144 (about 257,000 groups), and
 * {@code string16k} from 16,384 strings of 13 bytes with a common prefix.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkData.HEAP_MIN, BenchmarkData.HEAP_MAX, BenchmarkData.LOGGING})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class HashAggregationBenchmark
{
    static final int ROWS = 1 << 20;

    @Param({"long16", "long256k", "string16k"})
    public String keys;

    /** Input rows per invocation; only a test makes it smaller. */
    int rows = ROWS;

    private HashAggregateExec partial;
    private HashAggregateExec finalAggregation;
    private List<ColumnBatch> input;
    private List<ColumnBatch> partialStates;

    @Setup
    public void setUp()
    {
        SplittableRandom random = new SplittableRandom(BenchmarkData.SEED);
        Object keyColumn = switch (keys) {
            case "long16" -> BenchmarkData.uniformLongs(random, rows, 16);
            case "long256k" -> BenchmarkData.uniformLongs(random, rows, 1 << 18);
            case "string16k" -> BenchmarkData.names("key#", BenchmarkData.uniformLongs(random, rows, 1 << 14));
            default -> throw new IllegalArgumentException("unknown keys '" + keys + "'; expected long16, long256k or string16k");
        };
        DataType keyType = keyColumn instanceof long[] ? DataType.LONG : DataType.STRING;
        Schema schema = BenchmarkData.schema("k", keyType, "v", DataType.LONG);
        plan(schema);
        input = BenchmarkData.batches(schema, keyColumn, BenchmarkData.uniformLongs(random, rows, 1_000_000));

        // Partial state as many map tasks would send it: a sum and a count per group, and the minimum.
        Schema stateSchema = partial.schema();
        List<DataType> expected = List.of(keyType, DataType.LONG, DataType.LONG, DataType.LONG);
        if (!BenchmarkData.types(stateSchema).equals(expected)) {
            throw new IllegalStateException("the partial aggregation's output is " + stateSchema.fields() + ", not of the types " + expected
                    + " this benchmark generates; update it to the new intermediate state");
        }
        partialStates = BenchmarkData.batches(stateSchema, keyColumn, BenchmarkData.uniformLongs(random, rows, 100_000_000),
                BenchmarkData.uniformLongs(random, rows, 1_000), BenchmarkData.uniformLongs(random, rows, 1_000_000));
    }

    private void plan(Schema schema)
    {
        // Two splits, so that the planner does not find the rows in one partition already and keeps the exchange
        // between the partial and the final aggregation.
        List<FileSplit> splits = List.of(new FileSplit("/synthetic/part-0.parquet", List.of(0), 1, 1, List.of()),
                new FileSplit("/synthetic/part-1.parquet", List.of(0), 1, 1, List.of()));
        FileRelation relation = FileRelation.allColumns(new FileSource("parquet", List.of("/synthetic"), schema, splits, 2, 2));
        List<Expression> aggregates = new ArrayList<>();
        for (AggregateFunction function : List.of(AggregateFunction.SUM, AggregateFunction.COUNT, AggregateFunction.MIN)) {
            AggregateCall call = new AggregateCall(function, Optional.of(new UnresolvedColumn("v")));
            aggregates.add(new Alias(ExpressionAnalyzer.resolve(call, schema), function.name().toLowerCase(Locale.ROOT) + "_v"));
        }
        Aggregate aggregate = new Aggregate(relation, List.of(BenchmarkData.column(schema, "k")), aggregates);
        finalAggregation = (HashAggregateExec) new PhysicalPlanner(4).plan(aggregate);
        partial = (HashAggregateExec) ((ExchangeExec) finalAggregation.child()).child();
        if (finalAggregation.mode() != HashAggregateExec.Mode.FINAL || partial.mode() != HashAggregateExec.Mode.PARTIAL) {
            throw new IllegalStateException("expected a partial and a final aggregation around an exchange, got " + finalAggregation);
        }
    }

    /** Returns the number of groups out, which the caller checks. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long partial()
    {
        return BenchmarkData.drain(new HashAggregationOperator(new ReplayOperator(input), partial));
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long finalMerge()
    {
        return BenchmarkData.drain(new HashAggregationOperator(new ReplayOperator(partialStates), finalAggregation));
    }
}
