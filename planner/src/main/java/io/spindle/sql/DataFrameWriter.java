package io.spindle.sql;

import io.spindle.planner.output.FileOutputSpec;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Writes a DataFrame's rows as files: {@code df.write().mode("overwrite").parquet(path)}. Each task of the
 * job's result stage writes its partition as one file into a staging directory under the path; the driver
 * moves the files into place and writes {@code _SUCCESS} only after every task has succeeded, so a failed
 * job leaves the path as it was. Not thread-safe.
 */
public final class DataFrameWriter
{
    private final DataFrame frame;
    private SaveMode mode = SaveMode.ERROR_IF_EXISTS;
    private final Map<String, String> options = new LinkedHashMap<>();

    DataFrameWriter(DataFrame frame)
    {
        this.frame = requireNonNull(frame, "frame is null");
    }

    /** {@code error} (the default) or {@code errorifexists}, {@code overwrite}, {@code append}, {@code ignore}. */
    public DataFrameWriter mode(String mode)
    {
        return mode(SaveMode.parse(requireNonNull(mode, "mode is null")));
    }

    public DataFrameWriter mode(SaveMode mode)
    {
        this.mode = requireNonNull(mode, "mode is null");
        return this;
    }

    /** A writer option, with Spark's names: for CSV {@code header} (false) and {@code delimiter} or {@code sep} (,). */
    public DataFrameWriter option(String key, String value)
    {
        options.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
        return this;
    }

    public DataFrameWriter option(String key, boolean value)
    {
        return option(key, String.valueOf(value));
    }

    /** Writes the rows as snappy-compressed Parquet files, one per partition, into the directory {@code path}. */
    public void parquet(String path)
    {
        parquet(path, frame.schema());
    }

    /**
     * Writes the rows as CSV files, one per partition, into the directory {@code path}: fields quoted only where
     * they hold the delimiter, a quote (doubled) or a line break, nulls as empty fields, dates and timestamps in
     * ISO-8601; a header line with option {@code header}.
     */
    public void csv(String path)
    {
        write("csv", path, frame.schema(), csvOptions());
    }

    /** Writes the rows as JSON Lines files (one object per row, null fields left out), one per partition, into {@code path}. */
    public void json(String path)
    {
        if (!options.isEmpty()) {
            throw new AnalysisException("JSON writer options " + options.keySet() + " are not known; the JSON writer takes none");
        }
        write("json", path, frame.schema(), Map.of());
    }

    private Map<String, String> csvOptions()
    {
        String header = "false";
        String delimiter = ",";
        for (Map.Entry<String, String> option : options.entrySet()) {
            String value = option.getValue();
            switch (option.getKey().toLowerCase(Locale.ROOT)) {
                case "header" -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        throw new AnalysisException("CSV writer option 'header' must be true or false, not '" + value + "'");
                    }
                    header = value.toLowerCase(Locale.ROOT);
                }
                case "delimiter", "sep" -> {
                    String unescaped = value.equals("\\t") ? "\t" : value;
                    if (unescaped.length() != 1 || unescaped.equals("\"") || unescaped.equals("\n") || unescaped.equals("\r")) {
                        throw new AnalysisException("CSV delimiter must be one character other than a quote or line break, not '" + value + "'");
                    }
                    delimiter = unescaped;
                }
                default -> throw new AnalysisException("CSV writer option '" + option.getKey() + "' is not known; Spindle writes with header"
                        + " and delimiter (or sep)");
            }
        }
        return Map.of("header", header, "delimiter", delimiter);
    }

    /**
     * As {@link #parquet(String)}, the files declaring {@code fileSchema}: the frame's names and types, with
     * nullability that may be wider than the frame's (a catalog table's, whose files all declare one schema).
     */
    void parquet(String path, Schema fileSchema)
    {
        if (!options.isEmpty()) {
            throw new AnalysisException("Parquet writer options " + options.keySet() + " are not known; the Parquet writer takes none");
        }
        write("parquet", path, fileSchema, Map.of());
    }

    private void write(String format, String path, Schema fileSchema, Map<String, String> formatOptions)
    {
        requireNonNull(path, "path is null");
        requireNonNull(fileSchema, "fileSchema is null");
        Schema schema = fileSchema;
        if (schema.size() != frame.schema().size()) {
            throw new IllegalArgumentException("file schema " + schema.fields() + " does not fit the rows' schema " + frame.schema().fields());
        }
        checkWritable(schema, path);
        SpindleSession session = frame.session();
        Path target = new Path(path);
        boolean exists;
        String qualified;
        try {
            FileSystem fs = target.getFileSystem(session.hadoopConfiguration());
            qualified = fs.makeQualified(target).toString();
            exists = fs.exists(target);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot check output path " + path + ": " + e.getMessage(), e);
        }
        if (exists) {
            switch (mode) {
                case ERROR_IF_EXISTS -> throw new AnalysisException("path " + qualified + " already exists; write with mode(\"overwrite\") to "
                        + "replace it, mode(\"append\") to add to it or mode(\"ignore\") to leave it (modes: " + SaveMode.NAMES + ")");
                case IGNORE -> {
                    return;
                }
                default -> {
                }
            }
        }
        FileOutputSpec output = new FileOutputSpec(format, qualified, UUID.randomUUID().toString(), schema, mode == SaveMode.OVERWRITE,
                formatOptions);
        session.write(frame::stageGraph, "write " + mode.name().toLowerCase(Locale.ROOT) + " " + format + " " + qualified, output);
    }

    private static void checkWritable(Schema schema, String path)
    {
        Set<String> names = new HashSet<>();
        for (StructField field : schema.fields()) {
            if (!names.add(field.name().toLowerCase(Locale.ROOT))) {
                throw new AnalysisException("cannot write " + path + ": column name '" + field.name() + "' appears more than once in "
                        + schema.names() + "; rename one with withColumnRenamed or alias it");
            }
        }
    }
}
