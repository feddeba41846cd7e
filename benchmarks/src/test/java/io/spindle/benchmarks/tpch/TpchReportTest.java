package io.spindle.benchmarks.tpch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TpchReportTest
{
    private static final QueryResult ONE_ROW = new QueryResult(List.of("revenue"), List.of(List.of(123.0)));

    @Test
    void failedQueryIsReadBackWithItsError(@TempDir Path directory)
            throws IOException
    {
        Map<String, RunFile.QueryRun> queries = Map.of("q1", RunFile.QueryRun.failed("q1", "timed out after 300 s\tin its warm-up"));
        Path file = directory.resolve("spark.tsv");
        RunFile.write(file, new RunFile.EngineRun("spark", "Spark", 1, queries));

        RunFile.QueryRun read = RunFile.read(file).queries().get("q1");

        assertFalse(read.succeeded());
        assertEquals("timed out after 300 s\tin its warm-up", read.failure());
        assertTrue(read.runNanos().isEmpty());
    }

    @Test
    void failureOnOneEngineIsComparedAmongTheOthers()
    {
        Map<String, RunFile.EngineRun> runs = new HashMap<>();
        runs.put("spindle", engine("spindle", succeeded(ONE_ROW)));
        runs.put("spark", engine("spark", RunFile.QueryRun.failed("q6", "ParseException")));
        runs.put("duckdb", engine("duckdb", succeeded(ONE_ROW)));

        TpchReport.QueryOutcome outcome = TpchReport.outcome(runs, "q6");

        assertTrue(outcome.differences().isEmpty());
        assertTrue(outcome.comparable("spindle"));
        assertFalse(outcome.succeeded("spark"));
        assertEquals("ParseException", outcome.failure("spark"));
    }

    @Test
    void engineWithoutRunFileFailedEveryQuery()
    {
        Map<String, RunFile.EngineRun> runs = new HashMap<>();
        runs.put("spindle", engine("spindle", succeeded(ONE_ROW)));
        runs.put("spark", null);
        runs.put("duckdb", engine("duckdb", succeeded(new QueryResult(List.of("revenue"), List.of(List.of(124.0))))));

        TpchReport.QueryOutcome outcome = TpchReport.outcome(runs, "q6");

        assertFalse(outcome.succeeded("spark"));
        assertTrue(outcome.failure("spark").startsWith("no result"));
        assertEquals(1, outcome.differences().size(), outcome.differences().toString());
        assertFalse(outcome.comparable("spindle"));
    }

    @Test
    void geometricMeanOfRatios()
    {
        assertEquals("2.00", TpchReport.geometricMean(List.of(1.0, 4.0)));
        assertEquals("0.50", TpchReport.geometricMean(List.of(0.25, 1.0)));
        assertEquals("-", TpchReport.geometricMean(List.of()));
    }

    private static RunFile.QueryRun succeeded(QueryResult result)
    {
        return new RunFile.QueryRun("q6", 2_000_000, List.of(1_000_000L), result, null);
    }

    private static RunFile.EngineRun engine(String name, RunFile.QueryRun run)
    {
        return new RunFile.EngineRun(name, name, 1, Map.of(run.query(), run));
    }
}
