package io.spindle.benchmarks.jmh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each benchmark's set-up and one invocation, on fewer rows than a measurement uses: the operators return the rows
 * the benchmark's description promises, so a score measures what it says.
 */
class BenchmarkSetUpTest
{
    private static final Blackhole BLACKHOLE =
            new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @ParameterizedTest
    @ValueSource(strings = {"long16", "long256k", "string16k"})
    void aggregationsOutputOneRowPerGroup(String keys)
    {
        HashAggregationBenchmark benchmark = new HashAggregationBenchmark();
        benchmark.keys = keys;
        benchmark.rows = 20_000;
        benchmark.setUp();

        long groups = benchmark.partial();
        // the final aggregation's partial states carry the same keys as the partial aggregation's input
        assertEquals(groups, benchmark.finalMerge());
        switch (keys) {
            case "long16" -> assertEquals(16, groups);
            // 20,000 draws from 262,144 values repeat about 760 of them; from 16,384 values about 12,600 are seen
            case "long256k" -> assertTrue(groups > 19_000 && groups < 20_000, groups + " groups");
            default -> assertTrue(groups > 11_000 && groups < 14_000, groups + " groups");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unique", "duplicate"})
    void joinsPairEveryProbeRowWithEachBuildRowOfItsKey(String keys)
    {
        JoinBenchmark benchmark = new JoinBenchmark();
        benchmark.keys = keys;
        benchmark.probeRows = 8192;
        benchmark.buildRows = 2048;
        benchmark.setUp();

        long expected = keys.equals("unique") ? 8192 : 8192L * JoinBenchmark.DUPLICATES;
        assertEquals(expected, benchmark.hashJoin());
        assertEquals(expected, benchmark.sortMergeJoin());
    }

    @ParameterizedTest
    @ValueSource(strings = {"long", "string"})
    void sortSpillsOnlyUnderTheSmallPool(String key)
            throws IOException
    {
        for (String memory : new String[] {"in_memory", "spilling"}) {
            SortBenchmark benchmark = new SortBenchmark();
            benchmark.key = key;
            benchmark.memory = memory;
            benchmark.rows = 50_000;
            benchmark.spillPoolBytes = 200_000;
            benchmark.setUp();
            try {
                assertEquals(50_000, benchmark.sort());
                if (memory.equals("spilling")) {
                    assertTrue(benchmark.lastSpilledRuns() > 1, benchmark.lastSpilledRuns() + " runs");
                }
                else {
                    assertEquals(0, benchmark.lastSpilledRuns());
                }
            }
            finally {
                benchmark.tearDown();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"long_plain", "double_plain", "string_plain", "long_dict", "double_dict", "string_dict"})
    void parquetDecodeReadsEveryRowOfTheColumn(String column)
            throws IOException
    {
        ParquetDecodeBenchmark benchmark = new ParquetDecodeBenchmark();
        benchmark.column = column;
        benchmark.rows = 20_000;
        benchmark.setUp();
        try {
            assertEquals(20_000, benchmark.decode());
            assertEquals(20_000, benchmark.decode());
            assertEquals(20_000, benchmark.parquetMrColumnReader(BLACKHOLE));
        }
        finally {
            benchmark.tearDown();
        }
    }

    @Test
    void unknownParameterIsNamedWithTheValidOnes()
    {
        HashAggregationBenchmark benchmark = new HashAggregationBenchmark();
        benchmark.keys = "long";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, benchmark::setUp);
        assertEquals("unknown keys 'long'; expected long16, long256k or string16k", e.getMessage());
    }
}
