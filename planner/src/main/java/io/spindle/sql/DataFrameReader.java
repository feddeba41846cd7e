package io.spindle.sql;

import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.source.CsvSource;
import io.spindle.planner.source.JsonSource;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.OrcSource;
import io.spindle.planner.source.ParquetSource;
import io.spindle.planner.types.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads files into DataFrames: {@code session.read().parquet(path)},
 * {@code session.read().option("header", "true").schema(schema).csv(path)}. Lists files and settles the schema
 * at once, so a bad path fails before any job runs. Not thread-safe.
 */
public final class DataFrameReader
{
    private final SpindleSession session;
    private final Map<String, String> options = new LinkedHashMap<>();
    private Schema userSchema;

    DataFrameReader(SpindleSession session)
    {
        this.session = requireNonNull(session, "session is null");
    }

    /** A reader option, with Spark's names; CSV reads {@code header}, {@code delimiter} (or {@code sep}) and {@code inferSchema}. */
    public DataFrameReader option(String key, String value)
    {
        options.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
        return this;
    }

    public DataFrameReader option(String key, boolean value)
    {
        return option(key, String.valueOf(value));
    }

    public DataFrameReader options(Map<String, String> options)
    {
        options.forEach(this::option);
        return this;
    }

    /** The schema of files that do not carry one: CSV columns by position, JSON fields by name; no inference. */
    public DataFrameReader schema(Schema schema)
    {
        this.userSchema = requireNonNull(schema, "schema is null");
        return this;
    }

    /** CSV files, one task per file; an empty field is null, and a value that does not parse as its column's type is null. */
    public DataFrame csv(String... paths)
    {
        FileSource source = CsvSource.open(session.hadoopConfiguration(), List.of(paths), options, Optional.ofNullable(userSchema));
        return new DataFrame(session, FileRelation.allColumns(source));
    }

    /**
     * JSON Lines files (one object per line), one task per file: columns are the top-level fields, inferred from
     * the first lines (sorted by name, as Spark) unless {@link #schema(Schema)} gives them; nested values are
     * read as their JSON text; a malformed line is a row of nulls.
     */
    public DataFrame json(String... paths)
    {
        FileSource source = JsonSource.open(session.hadoopConfiguration(), List.of(paths), options, Optional.ofNullable(userSchema));
        return new DataFrame(session, FileRelation.allColumns(source));
    }

    /** ORC files, one task per stripe. */
    public DataFrame orc(String... paths)
    {
        FileSource source = OrcSource.open(session.hadoopConfiguration(), List.of(paths));
        return new DataFrame(session, FileRelation.allColumns(source));
    }

    public DataFrame parquet(String... paths)
    {
        FileSource source = ParquetSource.open(session.hadoopConfiguration(), List.of(paths),
                session.conf().get(SqlConfig.MAX_PARTITION_BYTES));
        return new DataFrame(session, FileRelation.allColumns(source));
    }
}
