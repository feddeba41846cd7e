package io.spindle.benchmarks.tpch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void eachSpindleEngineHasItsMedianAndItsRatiosToEachPeer()
    {
        Map<String, RunFile.EngineRun> runs = new LinkedHashMap<>();
        runs.put("spindle", engine("spindle", timed(ONE_ROW, 1.0)));
        runs.put("spindle-yarn", engine("spindle-yarn", timed(ONE_ROW, 2.0)));
        runs.put("spark", engine("spark", timed(ONE_ROW, 4.0)));
        runs.put("duckdb", engine("duckdb", timed(ONE_ROW, 0.5)));

        List<String> lines = report(runs).lines().toList();

        assertTrue(lines.contains("| query | Spindle median | Spindle on YARN median | Spark median | DuckDB median"
                + " | Spindle/Spark | Spindle/DuckDB | Spindle on YARN/Spark | Spindle on YARN/DuckDB | results |"), String.join("\n", lines));
        assertTrue(lines.contains("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"), String.join("\n", lines));
        assertTrue(lines.contains("| Q6 | 1.000 s | 2.000 s | 4.000 s | 0.500 s | 0.25 | 2.00 | 0.50 | 4.00 | same |"), String.join("\n", lines));
        assertTrue(lines.contains("| geometric mean | | | | | 0.25 | 2.00 | 0.50 | 4.00 | |"), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.contains("Spindle on YARN/DuckDB 4.00 over 1 queries")), String.join("\n", lines));
        assertTrue(lines.contains("| Q6 | Spindle on YARN | 2.000 s | 2.000 s |"), String.join("\n", lines));
    }

    @Test
    void differentResultOnYarnIsLeftOutOfItsRatiosOnly()
    {
        Map<String, RunFile.EngineRun> runs = new LinkedHashMap<>();
        runs.put("spindle", engine("spindle", timed(ONE_ROW, 1.0)));
        runs.put("spindle-yarn", engine("spindle-yarn", timed(new QueryResult(List.of("revenue"), List.of(List.of(124.0))), 2.0)));
        runs.put("spark", engine("spark", timed(ONE_ROW, 4.0)));
        runs.put("duckdb", engine("duckdb", timed(ONE_ROW, 0.5)));

        TpchReport.QueryOutcome outcome = TpchReport.outcome(runs, "q6");
        List<String> lines = report(runs).lines().toList();

        assertEquals(List.of("Spindle on YARN's q6 differs from DuckDB's: row 1, column revenue: 124.0 (Double) instead of 123.0 (Double)"
                + " (row [124.0] instead of [123.0])"), outcome.differences());
        assertTrue(lines.contains("| Q6 | 1.000 s | 2.000 s | 4.000 s | 0.500 s | (0.25) | (2.00) | (0.50) | (4.00) | **differ** |"), String.join("\n", lines));
        assertTrue(lines.contains("| geometric mean | | | | | - | - | - | - | |"), String.join("\n", lines));
    }

    @Test
    void failureOnYarnShowsAsFailedWithItsError()
    {
        Map<String, RunFile.EngineRun> runs = new LinkedHashMap<>();
        runs.put("spindle", engine("spindle", timed(ONE_ROW, 1.0)));
        runs.put("spindle-yarn", engine("spindle-yarn", RunFile.QueryRun.failed("q6", "failed in its warm-up: JobFailedException: executor lost")));
        runs.put("duckdb", engine("duckdb", timed(ONE_ROW, 0.5)));

        List<String> lines = report(runs).lines().toList();

        assertTrue(lines.contains("| Q6 | 1.000 s | failed | 0.500 s | 2.00 |  | same (2 engines) |"), String.join("\n", lines));
        assertTrue(lines.contains("- Q6 on Spindle on YARN: failed in its warm-up: JobFailedException: executor lost"), String.join("\n", lines));
    }

    @Test
    void onlyTheEnginesOfTheRunAreShown()
    {
        Map<String, RunFile.EngineRun> runs = new LinkedHashMap<>();
        runs.put("spindle", engine("spindle", timed(ONE_ROW, 1.0)));
        runs.put("spindle-yarn", null);

        String report = report(runs);
        List<String> lines = report.lines().toList();

        assertTrue(lines.contains("# TPC-H at scale factor 1: Spindle and Spindle on YARN"), report);
        assertTrue(lines.contains("| query | Spindle median | Spindle on YARN median | results |"), report);
        assertTrue(lines.contains("| Q6 | 1.000 s | failed |  |"), report);
        assertFalse(report.contains("geometric mean |"), report);
        assertFalse(report.contains("Spark median"), report);
        assertTrue(lines.contains("- Spindle on YARN: no run file; its JVM failed (see spindle-yarn.log)"), report);
    }

    @Test
    void enginesAreTakenInTheOrderOfTheColumns()
    {
        assertEquals(List.of("spindle-yarn", "duckdb"), TpchReport.engines("duckdb, Spindle-YARN"));
        assertEquals(TpchReport.ENGINES, TpchReport.engines("duckdb,spark,spindle-yarn,spindle"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> TpchReport.engines("spindle,yarn"));
        assertTrue(unknown.getMessage().contains("unknown engine 'yarn'"), unknown.getMessage());
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

    private static RunFile.QueryRun timed(QueryResult result, double seconds)
    {
        return new RunFile.QueryRun("q6", 2_000_000_000L, List.of((long) (seconds * 1e9)), result, null);
    }

    private static String report(Map<String, RunFile.EngineRun> runs)
    {
        Map<String, TpchReport.QueryOutcome> outcomes = Map.of("q6", TpchReport.outcome(runs, "q6"));
        return TpchReport.render(runs, outcomes, "1", "benchmarks/run-tpch.sh", "nproc: 2", List.of());
    }

    private static RunFile.EngineRun engine(String name, RunFile.QueryRun run)
    {
        return new RunFile.EngineRun(name, name, 1, Map.of(run.query(), run));
    }
}
