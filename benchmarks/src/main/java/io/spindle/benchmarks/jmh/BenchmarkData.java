package io.spindle.benchmarks.jmh;

import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.batch.LongVector;
import io.spindle.runtime.batch.StringVector;
import io.spindle.runtime.operators.Operator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Synthetic columns, cut into batches, and the small plan pieces the benchmarks need to drive operators directly. */
final class BenchmarkData
{
    /** The seed of every generator, so that every run of a benchmark sees the same rows. */
    static final long SEED = 20261122;

    // Flags of every benchmark's forked JVM: a fixed heap, so that the collector's sizing does not drift between
    // iterations, and the quiet logging of the TPC-H harness.
    static final String HEAP_MIN = "-Xms2g";
    static final String HEAP_MAX = "-Xmx2g";
    static final String LOGGING = "-Dlog4j2.configurationFile=classpath:benchmark-log4j2.xml";

    private BenchmarkData()
    {
    }

    static Schema schema(Object... namesAndTypes)
    {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.add(new StructField((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1], true));
        }
        return new Schema(fields);
    }

    static List<DataType> types(Schema schema)
    {
        return schema.fields().stream().map(StructField::type).toList();
    }

    /** A reference to {@code name}, resolved against {@code schema} as the analyzer resolves a query's columns. */
    static Expression column(Schema schema, String name)
    {
        return ExpressionAnalyzer.resolve(new UnresolvedColumn(name), schema);
    }

    /** {@code rows} values drawn uniformly from {@code [0, distinct)}. */
    static long[] uniformLongs(SplittableRandom random, int rows, long distinct)
    {
        long[] values = new long[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = random.nextLong(distinct);
        }
        return values;
    }

    /** Fixed-width names such as {@code key#000042}, one per value of {@code ids}: strings with a long common prefix. */
    static String[] names(String prefix, long[] ids)
    {
        String[] names = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            names[i] = prefix + String.format("%09d", ids[i]);
        }
        return names;
    }

    /**
     * Cuts columns ({@code long[]} or {@code String[]}, in the order and of the types of {@code schema}) into batches
     * of {@link ColumnBatch#DEFAULT_ROWS} rows, as a scan would hand them to the operator above it.
     */
    static List<ColumnBatch> batches(Schema schema, Object... columns)
    {
        if (columns.length != schema.size()) {
            throw new IllegalArgumentException(columns.length + " columns for the schema " + schema.names());
        }
        int rows = length(columns[0]);
        List<ColumnBatch> batches = new ArrayList<>();
        for (int from = 0; from < rows; from += ColumnBatch.DEFAULT_ROWS) {
            int to = Math.min(rows, from + ColumnBatch.DEFAULT_ROWS);
            List<ColumnVector> vectors = new ArrayList<>();
            for (int c = 0; c < columns.length; c++) {
                vectors.add(vector(schema.field(c).type(), columns[c], from, to));
            }
            batches.add(new ColumnBatch(vectors, to - from));
        }
        return batches;
    }

    private static int length(Object column)
    {
        if (column instanceof long[] longs) {
            return longs.length;
        }
        if (column instanceof String[] strings) {
            return strings.length;
        }
        throw new IllegalArgumentException("a column is a long[] or a String[], not " + column.getClass().getSimpleName());
    }

    private static ColumnVector vector(DataType type, Object column, int from, int to)
    {
        if (column instanceof long[] longs && type.equals(DataType.LONG)) {
            return new LongVector(type, Arrays.copyOfRange(longs, from, to), to - from);
        }
        if (column instanceof String[] strings && type.equals(DataType.STRING)) {
            StringVector.Builder builder = new StringVector.Builder(to - from, 16 * (to - from));
            for (int i = from; i < to; i++) {
                builder.append(strings[i]);
            }
            return builder.build();
        }
        throw new IllegalArgumentException("a " + column.getClass().getSimpleName() + " cannot fill a column of type " + type);
    }

    /** Pulls every batch out of {@code operator}, closes it and returns how many rows came out. */
    static long drain(Operator operator)
    {
        long rows = 0;
        try (operator) {
            ColumnBatch batch;
            while ((batch = operator.next()) != null) {
                rows += batch.rowCount();
            }
        }
        return rows;
    }
}
