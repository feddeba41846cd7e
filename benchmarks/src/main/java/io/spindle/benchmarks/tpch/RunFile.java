package io.spindle.benchmarks.tpch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What one engine's JVM hands back to the report: its description, set-up time, and for each query the
 * wall times of the warm-up and timed runs and the rows it returned, or why it failed. A tab-separated text file, one record a
 * line, so a person can read it too; values carry a type tag ({@code L} integer, {@code D} double,
 * {@code B} decimal, {@code S} string, {@code T} date, {@code Z} boolean, {@code N} null), and doubles are
 * written so that they read back exactly.
 */
final class RunFile
{
    private static final String HEADER = "# spindle-benchmarks tpch run v2";

    private RunFile()
    {
    }

    /**
     * One query's measurements on one engine; {@code failure} is null when every run succeeded, else the error
     * (the query then has no timings and no rows).
     */
    record QueryRun(String query, long warmupNanos, List<Long> runNanos, QueryResult result, String failure)
    {
        QueryRun
        {
            requireNonNull(query, "query is null");
            runNanos = List.copyOf(runNanos);
            requireNonNull(result, "result is null");
        }

        static QueryRun failed(String query, String failure)
        {
            return new QueryRun(query, -1, List.of(), new QueryResult(List.of(), List.of()), requireNonNull(failure, "failure is null"));
        }

        boolean succeeded()
        {
            return failure == null;
        }
    }

    /** Everything one engine's JVM measured. */
    record EngineRun(String engine, String description, long setupNanos, Map<String, QueryRun> queries)
    {
        EngineRun
        {
            requireNonNull(engine, "engine is null");
            requireNonNull(description, "description is null");
            queries = Collections.unmodifiableMap(new LinkedHashMap<>(queries));
        }
    }

    static void write(Path file, EngineRun run)
            throws IOException
    {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            line(out, HEADER);
            line(out, "engine", run.engine(), run.description());
            line(out, "setup_ns", Long.toString(run.setupNanos()));
            for (QueryRun query : run.queries().values()) {
                line(out, "query", query.query());
                if (!query.succeeded()) {
                    line(out, "failed", escape(query.failure()));
                }
                List<String> columns = new ArrayList<>();
                columns.add("columns");
                query.result().columns().forEach(name -> columns.add(escape(name)));
                line(out, columns.toArray(String[]::new));
                line(out, "warmup_ns", Long.toString(query.warmupNanos()));
                for (long nanos : query.runNanos()) {
                    line(out, "run_ns", Long.toString(nanos));
                }
                for (List<Object> row : query.result().rows()) {
                    List<String> fields = new ArrayList<>();
                    fields.add("row");
                    row.forEach(value -> fields.add(encode(value)));
                    line(out, fields.toArray(String[]::new));
                }
                line(out, "end", query.query());
            }
        }
        // renamed into place only when complete, so a crashed engine leaves no file the report could mistake for a run
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static EngineRun read(Path file)
            throws IOException
    {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + " is not a TPC-H run file: its first line is not '" + HEADER + "'");
        }
        String engine = null;
        String description = null;
        long setupNanos = -1;
        Map<String, QueryRun> queries = new LinkedHashMap<>();
        String query = null;
        List<String> columns = List.of();
        long warmup = -1;
        List<Long> runs = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        String failure = null;
        for (int number = 2; number <= lines.size(); number++) {
            String[] fields = lines.get(number - 1).split("\t", -1);
            try {
                switch (fields[0]) {
                    case "engine" -> {
                        engine = fields[1];
                        description = fields[2];
                    }
                    case "setup_ns" -> setupNanos = Long.parseLong(fields[1]);
                    case "query" -> {
                        query = fields[1];
                        columns = List.of();
                        warmup = -1;
                        runs = new ArrayList<>();
                        rows = new ArrayList<>();
                        failure = null;
                    }
                    case "failed" -> failure = unescape(fields[1]);
                    case "columns" -> columns = Arrays.stream(fields, 1, fields.length).map(RunFile::unescape).toList();
                    case "warmup_ns" -> warmup = Long.parseLong(fields[1]);
                    case "run_ns" -> runs.add(Long.parseLong(fields[1]));
                    case "row" -> {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i < fields.length; i++) {
                            row.add(decode(fields[i]));
                        }
                        rows.add(row);
                    }
                    case "end" -> queries.put(query, new QueryRun(query, warmup, runs, new QueryResult(columns, rows), failure));
                    default -> throw new IOException("unknown record '" + fields[0] + "'");
                }
            }
            catch (RuntimeException e) {
                throw new IOException("cannot read line " + number + " of " + file + ": " + e.getMessage(), e);
            }
        }
        if (engine == null) {
            throw new IOException(file + " names no engine");
        }
        return new EngineRun(engine, description, setupNanos, queries);
    }

    static String encode(Object value)
    {
        if (value == null) {
            return "N";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            return "L" + value;
        }
        if (value instanceof Double || value instanceof Float) {
            return "D" + Double.toString(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal decimal) {
            return "B" + decimal.toPlainString();
        }
        if (value instanceof LocalDate date) {
            return "T" + date;
        }
        if (value instanceof Boolean bool) {
            return "Z" + bool;
        }
        if (value instanceof String string) {
            return "S" + escape(string);
        }
        throw new IllegalArgumentException("cannot record a value of " + value.getClass().getName() + ": " + value);
    }

    static Object decode(String field)
    {
        String text = field.substring(1);
        return switch (field.charAt(0)) {
            case 'N' -> null;
            case 'L' -> {
                BigInteger integer = new BigInteger(text);
                yield integer.bitLength() < Long.SIZE ? (Object) integer.longValue() : integer;
            }
            case 'D' -> Double.parseDouble(text);
            case 'B' -> new BigDecimal(text);
            case 'T' -> LocalDate.parse(text);
            case 'Z' -> Boolean.parseBoolean(text);
            case 'S' -> unescape(text);
            default -> throw new IllegalArgumentException("unknown value tag in '" + field + "'");
        };
    }

    private static void line(BufferedWriter out, String... fields)
            throws IOException
    {
        out.write(String.join("\t", fields));
        out.newLine();
    }

    private static String escape(String text)
    {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String text)
    {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            out.append(switch (next) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> next;
            });
        }
        return out.toString();
    }
}
