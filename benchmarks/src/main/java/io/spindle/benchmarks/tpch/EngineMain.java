package io.spindle.benchmarks.tpch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The body of each engine's JVM: sets the engine up over the data directory, then for each query runs it
 * once to warm up and {@code --runs} times timed, checks that every timed run returned what the warm-up did,
 * and writes a {@link RunFile}. Options: {@code --data <dir> --queries q1,q6 --runs 3 --out <file>}.
 */
final class EngineMain
{
    /** Creates an engine over the tables under a directory; its set-up time is reported apart from the queries'. */
    interface EngineFactory
    {
        TpchEngine create(Path data)
                throws Exception;
    }

    private EngineMain()
    {
    }

    /**
     * Runs and exits the JVM: with status 0 once the run file is written, else 1 after printing the failure,
     * so that an engine's leftover non-daemon threads cannot keep a failed run hanging.
     */
    static void main(String engine, String[] args, EngineFactory factory)
    {
        try {
            run(engine, args, factory);
        }
        catch (Throwable failure) {
            System.err.println(engine + " failed:");
            failure.printStackTrace();
            System.err.flush();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String engine, String[] args, EngineFactory factory)
            throws Exception
    {
        Arguments arguments = Arguments.parse(engine, args, Set.of("data", "queries", "runs", "out"));
        Path data = Path.of(arguments.required("data"));
        List<String> queries = arguments.list("queries");
        int runs = arguments.positiveInt("runs", 3);
        Path out = Path.of(arguments.required("out"));
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException(engine + ": no TPC-H data directory at " + data.toAbsolutePath());
        }

        long setupStart = System.nanoTime();
        try (TpchEngine tpch = factory.create(data)) {
            long setupNanos = System.nanoTime() - setupStart;
            progress(engine, "set up in %.2f s: %s", seconds(setupNanos), tpch.description());
            Map<String, RunFile.QueryRun> measured = new LinkedHashMap<>();
            for (String query : queries) {
                measured.put(query, measure(engine, tpch, query, runs));
            }
            RunFile.write(out, new RunFile.EngineRun(engine, tpch.description(), setupNanos, measured));
        }
    }

    private static RunFile.QueryRun measure(String engine, TpchEngine tpch, String query, int runs)
            throws Exception
    {
        long start = System.nanoTime();
        QueryResult warmup = tpch.run(query);
        long warmupNanos = System.nanoTime() - start;
        progress(engine, "%s warm-up %.3f s, %d rows", query, seconds(warmupNanos), warmup.rows().size());
        List<Long> timed = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            start = System.nanoTime();
            QueryResult result = tpch.run(query);
            long nanos = System.nanoTime() - start;
            timed.add(nanos);
            progress(engine, "%s run %d: %.3f s", query, run, seconds(nanos));
            int number = run;
            ResultComparison.difference(warmup, result).ifPresent(difference -> {
                throw new IllegalStateException(engine + " returned a different result for " + query + " in timed run " + number
                        + " than in its warm-up run: " + difference);
            });
        }
        return new RunFile.QueryRun(query, warmupNanos, timed, warmup);
    }

    private static void progress(String engine, String format, Object... args)
    {
        System.out.printf(Locale.ROOT, "  [%s] %s%n", engine, String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private static double seconds(long nanos)
    {
        return nanos / 1e9;
    }
}
