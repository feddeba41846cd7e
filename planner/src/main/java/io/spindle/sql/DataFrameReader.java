package io.spindle.sql;

import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.ParquetSource;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Reads files into DataFrames: {@code session.read().parquet(path)}. Lists files and reads footers at once. */
public final class DataFrameReader
{
    private final SpindleSession session;

    DataFrameReader(SpindleSession session)
    {
        this.session = requireNonNull(session, "session is null");
    }

    public DataFrame parquet(String... paths)
    {
        FileSource source = ParquetSource.open(session.hadoopConfiguration(), List.of(paths),
                session.conf().get(SqlConfig.MAX_PARTITION_BYTES));
        return new DataFrame(session, FileRelation.allColumns(source));
    }
}
