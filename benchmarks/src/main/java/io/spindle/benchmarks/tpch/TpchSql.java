package io.spindle.benchmarks.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The 22 TPC-H queries as SQL text, which all three engines run over views named after the tables: the
 * resources {@code tpch/q1.sql} to {@code tpch/q22.sql} of spindle-planner, which the build copies into
 * this module's jar so that Spark's and DuckDB's JVMs read the very text Spindle does. The texts are the
 * specification's with its validation parameters.
 *
 * <p>The one change an engine gets is {@link #withoutIntervalPrecision}: neither DuckDB 1.1 nor Spark 3.5 parses
 * the interval precision of Q1's {@code interval '90' day (3)} (Spark: {@code PARSE_SYNTAX_ERROR} at the
 * {@code (}). Spindle runs the texts as they are.
 */
final class TpchSql
{
    /** The TPC-H tables, which the engines register as views where the data directory has them. */
    static final List<String> TABLES = List.of("lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region");

    /** The query names, q1 to q22. */
    static final List<String> QUERIES = IntStream.rangeClosed(1, 22).mapToObj(number -> "q" + number).toList();

    private TpchSql()
    {
    }

    /** The standard text of a query by its name ({@code q1}). */
    static String query(String name)
    {
        if (!QUERIES.contains(name)) {
            throw new IllegalArgumentException("no SQL text for TPC-H query '" + name + "'; the queries are q1 to q22");
        }
        String resource = "/tpch/" + name + ".sql";
        try (InputStream in = TpchSql.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the TPC-H text " + resource + " is not on the class path: the build copies it from the "
                        + "spindle-planner jar into this module's jar; rebuild with mvn -Pbenchmarks -pl benchmarks package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * The text as DuckDB and Spark take it: without the interval precision {@code (3)} of Q1's
     * {@code interval '90' day (3)}, which their parsers reject and which changes nothing (90 days fit in a
     * precision of 3 digits).
     */
    static String withoutIntervalPrecision(String sql)
    {
        return sql.replace("interval '90' day (3)", "interval '90' day");
    }
}
