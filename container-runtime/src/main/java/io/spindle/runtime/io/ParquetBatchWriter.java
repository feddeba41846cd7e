package io.spindle.runtime.io;

import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.IOException;
import java.io.UncheckedIOException;

import static java.util.Objects.requireNonNull;

/**
 * Writes {@link ColumnBatch}es as one snappy-compressed Parquet file. The file is created only if its
 * directory exists (it is never created on the way), so a task still running after its job was aborted and
 * its staging directory deleted fails instead of leaving a file behind.
 *
 * <p>Contract: construct, {@link #write} batches, then {@link #close()} exactly once (also on failure); the
 * file is complete only after a close that did not throw. Not thread-safe.
 */
public final class ParquetBatchWriter
        implements BatchWriter
{
    private final Configuration conf;
    private final String file;
    private final ParquetWriter<ColumnBatchWriteSupport.Position> writer;
    private final ColumnBatchWriteSupport.Position position = new ColumnBatchWriteSupport.Position();
    private long rows;
    private long bytes;

    public ParquetBatchWriter(Configuration conf, String file, Schema schema)
    {
        this.conf = requireNonNull(conf, "conf is null");
        this.file = requireNonNull(file, "file is null");
        requireNonNull(schema, "schema is null");
        try {
            this.writer = new Builder(new NonRecursiveOutputFile(conf, new Path(file)), schema)
                    .withConf(conf)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.CREATE)
                    .build();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create Parquet file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(ColumnBatch batch)
    {
        position.batch = batch;
        try {
            for (int row = 0; row < batch.rowCount(); row++) {
                position.row = row;
                writer.write(position);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write to Parquet file " + file + ": " + e.getMessage(), e);
        }
        finally {
            position.batch = null;
        }
        rows += batch.rowCount();
    }

    @Override
    public long rowsWritten()
    {
        return rows;
    }

    /** The size of the file once {@link #close()} has completed it; 0 before. */
    @Override
    public long bytesWritten()
    {
        return bytes;
    }

    @Override
    public void close()
            throws IOException
    {
        writer.close();
        Path path = new Path(file);
        bytes = path.getFileSystem(conf).getFileStatus(path).getLen();
    }

    private static final class Builder
            extends ParquetWriter.Builder<ColumnBatchWriteSupport.Position, Builder>
    {
        private final Schema schema;

        Builder(OutputFile file, Schema schema)
        {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self()
        {
            return this;
        }

        @Override
        protected WriteSupport<ColumnBatchWriteSupport.Position> getWriteSupport(Configuration conf)
        {
            return new ColumnBatchWriteSupport(schema);
        }
    }

    /** An output file that refuses to create missing parent directories. */
    private static final class NonRecursiveOutputFile
            implements OutputFile
    {
        private final Configuration conf;
        private final Path path;

        NonRecursiveOutputFile(Configuration conf, Path path)
        {
            this.conf = conf;
            this.path = path;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint)
                throws IOException
        {
            return open(false, blockSizeHint);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint)
                throws IOException
        {
            return open(true, blockSizeHint);
        }

        private PositionOutputStream open(boolean overwrite, long blockSizeHint)
                throws IOException
        {
            FileSystem fs = path.getFileSystem(conf);
            long blockSize = Math.max(fs.getDefaultBlockSize(path), blockSizeHint);
            FSDataOutputStream out = fs.createNonRecursive(path, overwrite, conf.getInt("io.file.buffer.size", 4096),
                    fs.getDefaultReplication(path), blockSize, null);
            return HadoopStreams.wrap(out);
        }

        @Override
        public boolean supportsBlockSize()
        {
            return true;
        }

        @Override
        public long defaultBlockSize()
        {
            try {
                return path.getFileSystem(conf).getDefaultBlockSize(path);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String getPath()
        {
            return path.toString();
        }
    }
}
