package io.spindle.runtime.memory;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.serde.BatchSerde;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Batches an operator wrote out of memory, in Spindle's checksummed batch frames, in one file under the task's
 * local dirs. Contract: {@link #write} any number of batches, {@link #finishWriting()}, then {@link #openReader()}
 * (more than once if need be), and {@link #close()} to delete the file, also on failure. An executor's local
 * dirs are removed with the application, so a crash leaves nothing behind for long. One thread.
 */
public final class SpillFile
        implements AutoCloseable
{
    private final Path path;
    private OutputStream out;
    private long bytes;
    private long rows;

    private SpillFile(Path path, OutputStream out)
    {
        this.path = path;
        this.out = out;
    }

    static SpillFile create(Path dir, String prefix)
    {
        try {
            Files.createDirectories(dir);
            Path path = Files.createTempFile(dir, prefix + "-", ".spill");
            return new SpillFile(path, new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create a spill file in " + dir + ": " + e.getMessage()
                    + "; check that the executor's local dirs (yarn.nodemanager.local-dirs) have free space", e);
        }
    }

    public void write(ColumnBatch batch)
    {
        requireNonNull(out, "the spill file is closed for writing");
        byte[] frame = BatchSerde.encode(batch);
        try {
            out.write(frame);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + frame.length + " bytes to spill file " + path + ": " + e.getMessage(), e);
        }
        bytes += frame.length;
        rows += batch.rowCount();
    }

    public void finishWriting()
    {
        if (out == null) {
            return;
        }
        try {
            out.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot finish spill file " + path + ": " + e.getMessage(), e);
        }
        out = null;
    }

    /** Reads the batches back in the order they were written. */
    public Reader openReader()
    {
        finishWriting();
        try {
            return new Reader(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open spill file " + path + ": " + e.getMessage(), e);
        }
    }

    public long bytes()
    {
        return bytes;
    }

    public long rows()
    {
        return rows;
    }

    public Path path()
    {
        return path;
    }

    @Override
    public void close()
    {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
            Files.deleteIfExists(path);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot delete spill file " + path + ": " + e.getMessage(), e);
        }
    }

    /** The batches of a spill file, one at a time. */
    public static final class Reader
            implements AutoCloseable
    {
        private final InputStream in;

        private Reader(InputStream in)
        {
            this.in = in;
        }

        /** The next batch, or null after the last. */
        public ColumnBatch next()
        {
            return BatchSerde.readFrom(in);
        }

        @Override
        public void close()
        {
            try {
                in.close();
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot close a spill file: " + e.getMessage(), e);
            }
        }
    }
}
