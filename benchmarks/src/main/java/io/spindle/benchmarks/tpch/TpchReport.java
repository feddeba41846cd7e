package io.spindle.benchmarks.tpch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the engines' run files, checks that every engine returned DuckDB's result for every query, and
 * prints the medians and ratios as a markdown table, which it also writes to {@code --out}. When results
 * differ it prints every difference, removes any earlier {@code --out}, and exits with status 1.
 *
 * <p>Options: {@code --runs-dir <dir>} holding {@code <engine>.tsv} for each engine and the run script's
 * {@code machine.txt} and {@code phases.tsv}; {@code --queries q1,q6}; {@code --scale-factor 1};
 * {@code --command <the command line>}; {@code --out <file.md>}.
 */
public final class TpchReport
{
    private static final List<String> ENGINES = List.of("spindle", "spark", "duckdb");
    private static final Map<String, String> NAMES = Map.of("spindle", "Spindle", "spark", "Spark", "duckdb", "DuckDB");
    private static final String REFERENCE = "duckdb";

    private TpchReport()
    {
    }

    public static void main(String[] args)
            throws IOException
    {
        Arguments arguments = Arguments.parse("report", args, Set.of("runs-dir", "queries", "scale-factor", "command", "out"));
        Path runsDir = Path.of(arguments.required("runs-dir"));
        List<String> queries = arguments.list("queries");
        Path out = Path.of(arguments.required("out"));

        Map<String, RunFile.EngineRun> runs = new LinkedHashMap<>();
        for (String engine : ENGINES) {
            Path file = runsDir.resolve(engine + ".tsv");
            if (!Files.exists(file)) {
                throw new IOException("no results from " + NAMES.get(engine) + ": " + file + " is missing; its run failed or did not happen");
            }
            runs.put(engine, RunFile.read(file));
        }

        List<String> differences = differences(runs, queries);
        if (!differences.isEmpty()) {
            Files.deleteIfExists(out);
            System.err.println();
            System.err.println("TPC-H RESULTS DIFFER: the engines did not return the same rows, so no timing is reported.");
            differences.forEach(difference -> System.err.println("  - " + difference));
            System.exit(1);
        }

        String report = render(runs, queries, arguments.required("scale-factor"), arguments.required("command"),
                readIfExists(runsDir.resolve("machine.txt")), phases(runsDir.resolve("phases.tsv")));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.print(report);
        System.out.println();
        System.out.println("Written to " + out);
    }

    static List<String> differences(Map<String, RunFile.EngineRun> runs, List<String> queries)
    {
        List<String> differences = new ArrayList<>();
        for (String query : queries) {
            RunFile.QueryRun expected = runs.get(REFERENCE).queries().get(query);
            if (expected == null) {
                differences.add(NAMES.get(REFERENCE) + " has no result for " + query);
                continue;
            }
            for (String engine : ENGINES) {
                if (engine.equals(REFERENCE)) {
                    continue;
                }
                RunFile.QueryRun actual = runs.get(engine).queries().get(query);
                if (actual == null) {
                    differences.add(NAMES.get(engine) + " has no result for " + query);
                    continue;
                }
                Optional<String> difference = ResultComparison.difference(expected.result(), actual.result());
                difference.ifPresent(text -> differences.add(NAMES.get(engine) + "'s " + query + " differs from " + NAMES.get(REFERENCE) + "'s: " + text));
            }
        }
        return differences;
    }

    private static String render(Map<String, RunFile.EngineRun> runs, List<String> queries, String scaleFactor, String command,
            String machine, List<String[]> phases)
    {
        int timedRuns = runs.get("spindle").queries().get(queries.get(0)).runNanos().size();
        StringBuilder out = new StringBuilder();
        out.append("# TPC-H at scale factor ").append(scaleFactor).append(": Spindle, Spark and DuckDB\n\n");
        out.append("Wall time of running each query and collecting its result, in seconds: the median of ").append(timedRuns)
                .append(" timed runs after one warm-up run, each engine in its own JVM over the same Parquet files. ")
                .append("Ratios above 1 mean Spindle is slower.\n\n");
        out.append("| query | Spindle median | Spark median | DuckDB median | Spindle/Spark | Spindle/DuckDB |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (String query : queries) {
            double spindle = median(runs.get("spindle").queries().get(query).runNanos());
            double spark = median(runs.get("spark").queries().get(query).runNanos());
            double duckdb = median(runs.get("duckdb").queries().get(query).runNanos());
            out.append(String.format(Locale.ROOT, "| %s | %.3f s | %.3f s | %.3f s | %.2f | %.2f |%n",
                    query.toUpperCase(Locale.ROOT), spindle, spark, duckdb, spindle / spark, spindle / duckdb));
        }
        out.append("\nAll three engines returned the same rows for every query (integers and strings equal, doubles within a relative ")
                .append(ResultComparison.RELATIVE_TOLERANCE).append(").\n\n");

        out.append("## Every run\n\n");
        out.append("| query | engine | warm-up | timed runs |\n|---|---|---:|---|\n");
        for (String query : queries) {
            for (String engine : ENGINES) {
                RunFile.QueryRun run = runs.get(engine).queries().get(query);
                List<String> timed = run.runNanos().stream().map(nanos -> String.format(Locale.ROOT, "%.3f", nanos / 1e9)).toList();
                out.append(String.format(Locale.ROOT, "| %s | %s | %.3f s | %s s |%n",
                        query.toUpperCase(Locale.ROOT), NAMES.get(engine), run.warmupNanos() / 1e9, String.join(", ", timed)));
            }
        }

        out.append("\n## Engines\n\n");
        for (String engine : ENGINES) {
            RunFile.EngineRun run = runs.get(engine);
            out.append(String.format(Locale.ROOT, "- %s; set-up (session, views) %.2f s%n", run.description(), run.setupNanos() / 1e9));
        }
        if (!phases.isEmpty()) {
            out.append("\n## Phases\n\n| phase | wall time | note |\n|---|---:|---|\n");
            for (String[] phase : phases) {
                out.append(String.format(Locale.ROOT, "| %s | %.1f s | %s |%n", phase[0], Long.parseLong(phase[1]) / 1000.0, phase.length > 2 ? phase[2] : ""));
            }
        }
        out.append("\n## Machine and command\n\n");
        out.append("```\n$ ").append(command).append('\n').append(machine.strip()).append("\n```\n");
        return out.toString();
    }

    /** Median of the timed runs, in seconds. */
    static double median(List<Long> nanos)
    {
        List<Long> sorted = nanos.stream().sorted().toList();
        int n = sorted.size();
        double middle = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return middle / 1e9;
    }

    private static String readIfExists(Path file)
            throws IOException
    {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static List<String[]> phases(Path file)
            throws IOException
    {
        List<String[]> phases = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    phases.add(line.split("\t", -1));
                }
            }
        }
        return phases;
    }
}
