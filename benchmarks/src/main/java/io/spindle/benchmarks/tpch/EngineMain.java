package io.spindle.benchmarks.tpch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The body of each engine's JVM: sets the engine up over the data directory, then for each query runs it
 * once to warm up and {@code --runs} times timed, checks that every timed run returned what the warm-up did,
 * and writes a {@link RunFile} after every query, so that a JVM that dies keeps what it measured before.
 * A query that fails or runs longer than {@code --timeout} seconds (any one of its runs) is recorded as
 * failed with its error, and the next query goes on. Options:
 * {@code --data <dir> --queries q1,q6 --runs 3 --timeout 300 --out <file>}.
 */
final class EngineMain
{
    /** Creates an engine over the tables under a directory; its set-up time is reported apart from the queries'. */
    interface EngineFactory
    {
        TpchEngine create(Path data)
                throws Exception;
    }

    private static final int DEFAULT_TIMEOUT_SECONDS = 300;

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

    /**
     * Measures every query and returns once the run file is complete; throws when the run cannot start (a bad
     * option, no data, an engine that cannot be set up) or its file cannot be written. For a JVM that must not
     * exit by itself, such as Spindle's driver in a YARN ApplicationMaster, which reports how its main class ended.
     */
    static void run(String engine, String[] args, EngineFactory factory)
            throws Exception
    {
        Arguments arguments = Arguments.parse(engine, args, Set.of("data", "queries", "runs", "timeout", "out"));
        Path data = Path.of(arguments.required("data"));
        List<String> queries = arguments.list("queries");
        int runs = arguments.positiveInt("runs", 3);
        Duration timeout = Duration.ofSeconds(arguments.positiveInt("timeout", DEFAULT_TIMEOUT_SECONDS));
        Path out = Path.of(arguments.required("out"));
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException(engine + ": no TPC-H data directory at " + data.toAbsolutePath());
        }

        long setupStart = System.nanoTime();
        try (TpchEngine tpch = factory.create(data)) {
            long setupNanos = System.nanoTime() - setupStart;
            progress(engine, "set up in %.2f s: %s", seconds(setupNanos), tpch.description());
            Map<String, RunFile.QueryRun> measured = new LinkedHashMap<>();
            Runner runner = new Runner(tpch, timeout);
            try {
                for (String query : queries) {
                    RunFile.QueryRun run;
                    try {
                        run = measure(engine, runner, query, runs);
                    }
                    catch (QueryFailedException failure) {
                        progress(engine, "%s FAILED: %s", query, failure.getMessage());
                        run = RunFile.QueryRun.failed(query, failure.getMessage());
                    }
                    measured.put(query, run);
                    RunFile.write(out, new RunFile.EngineRun(engine, tpch.description(), setupNanos, measured));
                }
            }
            finally {
                runner.close();
            }
        }
    }

    private static RunFile.QueryRun measure(String engine, Runner runner, String query, int runs)
            throws QueryFailedException
    {
        Timed warmup = runner.run(query, "warm-up");
        progress(engine, "%s warm-up %.3f s, %d rows", query, seconds(warmup.nanos()), warmup.result().rows().size());
        List<Long> timed = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Timed result = runner.run(query, "timed run " + run);
            timed.add(result.nanos());
            progress(engine, "%s run %d: %.3f s", query, run, seconds(result.nanos()));
            Optional<String> difference = ResultComparison.difference(warmup.result(), result.result());
            if (difference.isPresent()) {
                throw new QueryFailedException("returned a different result in timed run " + run + " than in its warm-up run: " + difference.get());
            }
        }
        return new RunFile.QueryRun(query, warmup.nanos(), timed, warmup.result(), null);
    }

    /** One execution's wall time, measured on the thread that ran it, and its result. */
    private record Timed(long nanos, QueryResult result)
    {
    }

    /** Why a query is recorded as failed; the message is what the report shows. */
    private static final class QueryFailedException
            extends Exception
    {
        QueryFailedException(String message)
        {
            super(message);
        }
    }

    /**
     * Runs each execution of a query on a worker thread and waits for it at most the timeout. A query that
     * runs out of time is interrupted and the engine asked to cancel it; the worker is then abandoned (it is a
     * daemon thread) and the next execution gets a new one, so a query that ignores cancellation cannot hold
     * up the rest of the run, though it can slow it down.
     */
    private static final class Runner
    {
        private final TpchEngine tpch;
        private final Duration timeout;
        private ExecutorService worker = newWorker();

        Runner(TpchEngine tpch, Duration timeout)
        {
            this.tpch = tpch;
            this.timeout = timeout;
        }

        Timed run(String query, String which)
                throws QueryFailedException
        {
            Future<Timed> execution = worker.submit(() -> {
                long start = System.nanoTime();
                QueryResult result = tpch.run(query);
                return new Timed(System.nanoTime() - start, result);
            });
            try {
                return execution.get(timeout.toSeconds(), TimeUnit.SECONDS);
            }
            catch (TimeoutException e) {
                execution.cancel(true);
                tpch.cancel();
                worker.shutdownNow();
                worker = newWorker();
                throw new QueryFailedException("timed out after " + timeout.toSeconds() + " s in its " + which);
            }
            catch (ExecutionException e) {
                Throwable cause = e.getCause();
                cause.printStackTrace();
                throw new QueryFailedException("failed in its " + which + ": " + oneLine(cause));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + query, e);
            }
        }

        void close()
        {
            worker.shutdownNow();
        }

        private static ExecutorService newWorker()
        {
            return Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "tpch-query");
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** An exception and its causes' messages on one line, which is what a table cell can show. */
    private static String oneLine(Throwable failure)
    {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && text.length() < 600; cause = cause.getCause()) {
            if (text.length() > 0) {
                text.append(" / caused by ");
            }
            text.append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage());
            }
        }
        String flat = text.toString().replaceAll("\\s+", " ").strip();
        return flat.length() > 600 ? flat.substring(0, 600) + "..." : flat;
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
