package io.spindle.sql;

import io.spindle.planner.output.FileOutputSpec;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
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

    /** Writes the rows as snappy-compressed Parquet files, one per partition, into the directory {@code path}. */
    public void parquet(String path)
    {
        parquet(path, frame.schema());
    }

    /**
     * As {@link #parquet(String)}, the files declaring {@code fileSchema}: the frame's names and types, with
     * nullability that may be wider than the frame's (a catalog table's, whose files all declare one schema).
     */
    void parquet(String path, Schema fileSchema)
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
        FileOutputSpec output = new FileOutputSpec("parquet", qualified, UUID.randomUUID().toString(), schema, mode == SaveMode.OVERWRITE);
        session.write(frame::stageGraph, "write " + mode.name().toLowerCase(Locale.ROOT) + " parquet " + qualified, output);
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
