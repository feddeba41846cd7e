package io.spindle.runtime.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;

import java.io.IOException;

/** What the Parquet reader tests share for writing files with parquet-mr's example groups and reading footers back. */
final class ParquetTestFiles
{
    private ParquetTestFiles()
    {
    }

    /** Appends {@code value} to field {@code name} of {@code group} by its Java type; null leaves the field unset. */
    static void add(Group group, String name, Object value)
    {
        if (value == null) {
            return;
        }
        if (value instanceof Integer v) {
            group.append(name, v);
        }
        else if (value instanceof Long v) {
            group.append(name, v);
        }
        else if (value instanceof Float v) {
            group.append(name, v);
        }
        else if (value instanceof Double v) {
            group.append(name, v);
        }
        else if (value instanceof Boolean v) {
            group.append(name, v);
        }
        else if (value instanceof String v) {
            group.append(name, v);
        }
        else {
            group.append(name, (Binary) value);
        }
    }

    static ParquetMetadata footer(String file, Configuration conf)
            throws IOException
    {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
            return reader.getFooter();
        }
    }
}
