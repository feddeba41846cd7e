package io.spindle.benchmarks.tpch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the engines' run files, checks for every query that the engines which ran it returned the same rows,
 * and prints the medians, the ratios and their geometric means as a markdown table, which it also writes to
 * {@code --out}. Each Spindle engine (local, on YARN) gets its ratio to each peer (Spark, DuckDB) that ran. A
 * query that failed on an engine, or whose result differs between engines, is shown as such and left out of the
 * geometric means; an engine whose JVM left no run file failed on every query. Exits with status 1 after writing
 * the report when any result differs, else 0.
 *
 * <p>Options: {@code --runs-dir <dir>} holding {@code <engine>.tsv} for each engine and the run script's
 * {@code machine.txt} and {@code phases.tsv}; {@code --queries q1,q6}; {@code --engines spindle,duckdb} (default
 * all of {@link #ENGINES}); {@code --scale-factor 1}; {@code --command <the command line>}; {@code --out <file.md>}.
 */
public final class TpchReport
{
    /** Every engine, in the order of the report's columns. */
    static final List<String> ENGINES = List.of("spindle", "spindle-yarn", "spark", "duckdb");
    private static final Map<String, String> NAMES = Map.of("spindle", "Spindle", "spindle-yarn", "Spindle on YARN", "spark", "Spark", "duckdb", "DuckDB");
    /** The engines measured: each one's median is divided by each peer's. */
    private static final List<String> SUBJECTS = List.of("spindle", "spindle-yarn");
    private static final List<String> PEERS = List.of("spark", "duckdb");
    /** Whose result the others are compared with: the first of these that ran the query. */
    private static final List<String> REFERENCES = List.of("duckdb", "spark", "spindle", "spindle-yarn");

    private TpchReport()
    {
    }

    public static void main(String[] args)
            throws IOException
    {
        Arguments arguments = Arguments.parse("report", args, Set.of("runs-dir", "queries", "engines", "scale-factor", "command", "out"));
        Path runsDir = Path.of(arguments.required("runs-dir"));
        List<String> queries = arguments.list("queries");
        List<String> engines = engines(arguments.optional("engines", String.join(",", ENGINES)));
        Path out = Path.of(arguments.required("out"));

        Map<String, RunFile.EngineRun> runs = new LinkedHashMap<>();
        for (String engine : engines) {
            Path file = runsDir.resolve(engine + ".tsv");
            runs.put(engine, Files.exists(file) ? RunFile.read(file) : null);
        }
        Map<String, QueryOutcome> outcomes = new LinkedHashMap<>();
        for (String query : queries) {
            outcomes.put(query, outcome(runs, query));
        }

        String report = render(runs, outcomes, arguments.required("scale-factor"), arguments.required("command"),
                readIfExists(runsDir.resolve("machine.txt")), phases(runsDir.resolve("phases.tsv")));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.print(report);
        System.out.println();
        System.out.println("Written to " + out);
        if (outcomes.values().stream().anyMatch(outcome -> !outcome.differences().isEmpty())) {
            System.err.println();
            System.err.println("TPC-H RESULTS DIFFER: the engines did not return the same rows for "
                    + outcomes.values().stream().filter(outcome -> !outcome.differences().isEmpty()).map(QueryOutcome::query).toList()
                    + "; those queries' times are not comparisons. The differences:");
            outcomes.values().forEach(outcome -> outcome.differences().forEach(difference -> System.err.println("  - " + difference)));
            System.exit(1);
        }
    }

    /** The engines a comma-separated list names, in the order of {@link #ENGINES}. */
    static List<String> engines(String list)
    {
        List<String> named = Arrays.stream(list.split(",")).map(name -> name.trim().toLowerCase(Locale.ROOT)).filter(name -> !name.isEmpty()).toList();
        for (String name : named) {
            if (!ENGINES.contains(name)) {
                throw new IllegalArgumentException("report: unknown engine '" + name + "' in --engines; the engines are " + ENGINES);
            }
        }
        if (named.isEmpty()) {
            throw new IllegalArgumentException("report: --engines names no engine; the engines are " + ENGINES);
        }
        return ENGINES.stream().filter(named::contains).toList();
    }

    /**
     * One query across the engines of the run: each engine's run (null where the engine left no run file or no
     * record of the query), and the differences of the results from the reference engine's.
     */
    record QueryOutcome(String query, Map<String, RunFile.QueryRun> runs, List<String> differences)
    {
        boolean succeeded(String engine)
        {
            RunFile.QueryRun run = runs.get(engine);
            return run != null && run.succeeded();
        }

        /** Whether the engine ran the query and its result is the same as every other engine's that ran it. */
        boolean comparable(String engine)
        {
            return succeeded(engine) && differences.isEmpty();
        }

        String failure(String engine)
        {
            RunFile.QueryRun run = runs.get(engine);
            return run == null ? "no result: its JVM failed before or during this query (see " + engine + ".log)" : run.failure();
        }
    }

    /**
     * The outcome of a query over the engines that are keys of {@code runs}, whose value is null for an engine that
     * left no run file.
     */
    static QueryOutcome outcome(Map<String, RunFile.EngineRun> runs, String query)
    {
        Map<String, RunFile.QueryRun> byEngine = new LinkedHashMap<>();
        for (String engine : ENGINES) {
            if (runs.containsKey(engine)) {
                RunFile.EngineRun run = runs.get(engine);
                byEngine.put(engine, run == null ? null : run.queries().get(query));
            }
        }
        List<String> differences = new ArrayList<>();
        String reference = REFERENCES.stream().filter(engine -> byEngine.get(engine) != null && byEngine.get(engine).succeeded()).findFirst().orElse(null);
        if (reference != null) {
            for (String engine : byEngine.keySet()) {
                RunFile.QueryRun actual = byEngine.get(engine);
                if (engine.equals(reference) || actual == null || !actual.succeeded()) {
                    continue;
                }
                Optional<String> difference = ResultComparison.difference(byEngine.get(reference).result(), actual.result());
                difference.ifPresent(text -> differences.add(NAMES.get(engine) + "'s " + query + " differs from " + NAMES.get(reference) + "'s: " + text));
            }
        }
        return new QueryOutcome(query, byEngine, differences);
    }

    /**
     * The report in markdown: a median column for each engine of {@code runs} (its keys, in column order; a null
     * value is an engine that left no run file) and a ratio column for each Spindle engine and peer among them.
     */
    static String render(Map<String, RunFile.EngineRun> runs, Map<String, QueryOutcome> outcomes, String scaleFactor, String command,
            String machine, List<String[]> phases)
    {
        List<String> engines = List.copyOf(runs.keySet());
        List<Pair> pairs = new ArrayList<>();
        for (String subject : SUBJECTS) {
            for (String peer : PEERS) {
                if (engines.contains(subject) && engines.contains(peer)) {
                    pairs.add(new Pair(subject, peer));
                }
            }
        }
        int timedRuns = outcomes.values().stream().flatMap(outcome -> outcome.runs().values().stream())
                .filter(run -> run != null && run.succeeded()).mapToInt(run -> run.runNanos().size()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        out.append("# TPC-H at scale factor ").append(scaleFactor).append(": ").append(names(engines)).append("\n\n");
        out.append("Wall time of running each query and collecting its result, in seconds: ")
                .append(timedRuns == 1 ? "one timed run" : "the median of " + timedRuns + " timed runs")
                .append(" after one warm-up run, each engine in its own JVM");
        if (engines.contains("spindle-yarn")) {
            out.append(" (Spindle on YARN's driver in the ApplicationMaster's container, its executors in containers of their own)");
        }
        out.append(" over the same Parquet files, all running the same SQL text. ");
        out.append(pairs.isEmpty() ? "No ratios: the run has no Spindle engine with a peer (Spark, DuckDB).\n\n" : "Ratios above 1 mean Spindle is slower.\n\n");

        List<String> header = new ArrayList<>(List.of("query"));
        engines.forEach(engine -> header.add(NAMES.get(engine) + " median"));
        pairs.forEach(pair -> header.add(pair.title()));
        header.add("results");
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|---|").append("---:|".repeat(engines.size() + pairs.size())).append("---|\n");
        Map<Pair, List<Double>> ratios = new LinkedHashMap<>();
        pairs.forEach(pair -> ratios.put(pair, new ArrayList<>()));
        List<String> failures = new ArrayList<>();
        for (QueryOutcome outcome : outcomes.values()) {
            List<String> cells = new ArrayList<>();
            cells.add(outcome.query().toUpperCase(Locale.ROOT));
            Map<String, Double> medians = new LinkedHashMap<>();
            for (String engine : engines) {
                if (outcome.succeeded(engine)) {
                    double median = median(outcome.runs().get(engine).runNanos());
                    medians.put(engine, median);
                    cells.add(String.format(Locale.ROOT, "%.3f s", median));
                }
                else {
                    cells.add("failed");
                    failures.add(outcome.query().toUpperCase(Locale.ROOT) + " on " + NAMES.get(engine) + ": " + outcome.failure(engine));
                }
            }
            pairs.forEach(pair -> cells.add(ratio(outcome, medians, pair, ratios.get(pair))));
            cells.add(resultsCell(outcome));
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        if (!pairs.isEmpty()) {
            out.append("| geometric mean |").append(" |".repeat(engines.size()));
            pairs.forEach(pair -> out.append(' ').append(geometricMean(ratios.get(pair))).append(" |"));
            out.append(" |\n");
            out.append("\nGeometric means of the ratios over the queries both engines ran with the same result: ")
                    .append(String.join(", ", pairs.stream().map(pair -> String.format(Locale.ROOT, "%s %s over %d queries",
                            pair.title(), geometricMean(ratios.get(pair)), ratios.get(pair).size())).toList()))
                    .append(".\n");
        }
        else {
            out.append('\n');
        }
        out.append("Results are the same when integers and strings are equal and doubles within a relative ")
                .append(ResultComparison.RELATIVE_TOLERANCE).append(", compared with the first of ")
                .append(names(REFERENCES.stream().filter(engines::contains).toList()).replace(" and ", " or "))
                .append(" that ran the query.\n");

        List<String> differences = outcomes.values().stream().flatMap(outcome -> outcome.differences().stream()).toList();
        if (!differences.isEmpty()) {
            out.append("\n## Different results\n\n");
            differences.forEach(difference -> out.append("- ").append(difference).append('\n'));
        }
        if (!failures.isEmpty()) {
            out.append("\n## Failures\n\n");
            failures.forEach(failure -> out.append("- ").append(failure).append('\n'));
        }

        out.append("\n## Every run\n\n");
        out.append("| query | engine | warm-up | timed runs |\n|---|---|---:|---|\n");
        for (QueryOutcome outcome : outcomes.values()) {
            for (String engine : engines) {
                if (!outcome.succeeded(engine)) {
                    continue;
                }
                RunFile.QueryRun run = outcome.runs().get(engine);
                List<String> timed = run.runNanos().stream().map(nanos -> String.format(Locale.ROOT, "%.3f", nanos / 1e9)).toList();
                out.append(String.format(Locale.ROOT, "| %s | %s | %.3f s | %s s |%n",
                        outcome.query().toUpperCase(Locale.ROOT), NAMES.get(engine), run.warmupNanos() / 1e9, String.join(", ", timed)));
            }
        }

        out.append("\n## Engines\n\n");
        for (String engine : engines) {
            RunFile.EngineRun run = runs.get(engine);
            if (run == null) {
                out.append("- ").append(NAMES.get(engine)).append(": no run file; its JVM failed (see ").append(engine).append(".log)\n");
            }
            else {
                out.append(String.format(Locale.ROOT, "- %s; set-up (%s) %.2f s%n", run.description(),
                        engine.equals("spindle-yarn") ? "in the driver: session, views, and a small query until every executor ran a task" : "session, views",
                        run.setupNanos() / 1e9));
            }
        }
        if (engines.contains("spindle-yarn")) {
            out.append("\nSpindle on YARN runs on Spindle's embedded one-machine cluster, in its engine's JVM: HDFS with one DataNode, and YARN ")
                    .append("with two NodeManagers that run Spindle's shuffle service. One application runs every query: its driver, in the ")
                    .append("ApplicationMaster's container, times each query from handing its SQL text to the session to having its rows, as ")
                    .append("the local engine does; its executors are containers of their own, started before the first query and kept up ")
                    .append("until the last. The executors read the Parquet files from the local disk through file: URIs, which works ")
                    .append("because they run on this machine; the files are not copied into the cluster's HDFS.\n");
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

    /** A Spindle engine and the peer its median is divided by. */
    private record Pair(String subject, String peer)
    {
        String title()
        {
            return NAMES.get(subject) + "/" + NAMES.get(peer);
        }
    }

    /** The subject's median over the peer's, added to {@code ratios} when both ran the query with the same result. */
    private static String ratio(QueryOutcome outcome, Map<String, Double> medians, Pair pair, List<Double> ratios)
    {
        if (!outcome.succeeded(pair.subject()) || !outcome.succeeded(pair.peer())) {
            return "";
        }
        double ratio = medians.get(pair.subject()) / medians.get(pair.peer());
        if (!outcome.comparable(pair.subject())) {
            return String.format(Locale.ROOT, "(%.2f)", ratio);
        }
        ratios.add(ratio);
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    /** The engines' names as a sentence lists them: "Spindle, Spark and DuckDB". */
    private static String names(List<String> engines)
    {
        List<String> names = engines.stream().map(NAMES::get).toList();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String resultsCell(QueryOutcome outcome)
    {
        if (!outcome.differences().isEmpty()) {
            return "**differ**";
        }
        long ran = outcome.runs().keySet().stream().filter(outcome::succeeded).count();
        return ran == outcome.runs().size() && ran > 1 ? "same" : ran > 1 ? "same (" + ran + " engines)" : "";
    }

    /** The geometric mean of ratios, or a dash when there are none. */
    static String geometricMean(List<Double> ratios)
    {
        if (ratios.isEmpty()) {
            return "-";
        }
        double logSum = 0;
        for (double ratio : ratios) {
            logSum += Math.log(ratio);
        }
        return String.format(Locale.ROOT, "%.2f", Math.exp(logSum / ratios.size()));
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
