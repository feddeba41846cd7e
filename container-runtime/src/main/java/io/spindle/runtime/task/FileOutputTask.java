package io.spindle.runtime.task;

import io.spindle.planner.output.FileOutputSpec;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.io.BatchWriter;
import io.spindle.runtime.io.FileOutputCommitter;
import io.spindle.runtime.io.ParquetBatchWriter;
import io.spindle.runtime.io.TextBatchWriter;
import io.spindle.runtime.operators.Operator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The task's half of the file output protocol (see {@link FileOutputCommitter}): drains the task's pipeline into
 * one file of its attempt in the job's staging directory. A failed attempt deletes its partial file; the
 * driver commits only the file of the attempt that succeeded.
 */
final class FileOutputTask
{
    private FileOutputTask()
    {
    }

    static WrittenFile write(Operator root, FileOutputSpec spec, TaskDescription task, ExecutorEnvironment env, TaskMetrics metrics)
    {
        String file = FileOutputCommitter.attemptFile(spec, task.partition(), task.attempt());
        BatchWriter writer = switch (spec.format()) {
            case "parquet" -> new ParquetBatchWriter(env.hadoopConf(), file, spec.schema());
            case "csv", "json" -> new TextBatchWriter(env.hadoopConf(), file, spec.schema(), spec.format(), spec.options());
            default -> throw new IllegalArgumentException("cannot write format '" + spec.format() + "'; Spindle writes parquet, csv and json");
        };
        try {
            ColumnBatch batch;
            while ((batch = root.next()) != null) {
                writer.write(batch);
            }
            writer.close();
        }
        catch (IOException | RuntimeException e) {
            closeAndDelete(writer, file, env, e);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot finish " + spec.format() + " file " + file + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
        long bytes = writer.bytesWritten();
        metrics.rowsOut += writer.rowsWritten();
        metrics.bytesOut += bytes;
        return new WrittenFile(file, writer.rowsWritten(), bytes);
    }

    private static void closeAndDelete(BatchWriter writer, String file, ExecutorEnvironment env, Exception primary)
    {
        try {
            writer.close();
        }
        catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
        try {
            Path path = new Path(file);
            FileSystem fs = path.getFileSystem(env.hadoopConf());
            fs.delete(path, false);
        }
        catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }
}
