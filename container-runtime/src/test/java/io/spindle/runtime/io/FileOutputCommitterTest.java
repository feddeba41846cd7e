package io.spindle.runtime.io;

import io.spindle.planner.output.FileOutputSpec;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The driver's side of the file output protocol on the local file system. */
class FileOutputCommitterTest
{
    private static final Schema SCHEMA = Schema.of(new StructField("k", DataType.LONG, true));

    @TempDir
    Path dir;

    private FileOutputSpec spec(Path out, String job, boolean overwrite)
    {
        return new FileOutputSpec("parquet", out.toUri().toString(), job, SCHEMA, overwrite);
    }

    private static String stage(FileOutputSpec spec, int partition, int attempt)
            throws IOException
    {
        String file = FileOutputCommitter.attemptFile(spec, partition, attempt);
        Files.writeString(Path.of(java.net.URI.create(file)), "p" + partition + "a" + attempt);
        return file;
    }

    private static List<String> names(Path path)
            throws IOException
    {
        try (Stream<Path> files = Files.list(path)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void commitMovesTheSucceededAttemptsAndReplacesOldFilesWhenOverwriting()
            throws IOException
    {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("old.parquet"), "old");
        FileOutputSpec spec = spec(out, "job1", true);
        FileOutputCommitter committer = new FileOutputCommitter(new Configuration(), spec);
        committer.setupJob();
        stage(spec, 0, 0);
        String retried = stage(spec, 0, 1);
        String other = stage(spec, 1, 0);

        committer.commitJob(List.of(retried, other));

        assertEquals(List.of("_SUCCESS", spec.fileName(0), spec.fileName(1)), names(out));
        assertEquals("p0a1", Files.readString(out.resolve(spec.fileName(0))));
    }

    @Test
    void appendKeepsOldFiles()
            throws IOException
    {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("old.parquet"), "old");
        FileOutputSpec spec = spec(out, "job2", false);
        FileOutputCommitter committer = new FileOutputCommitter(new Configuration(), spec);
        committer.setupJob();
        committer.commitJob(List.of(stage(spec, 0, 0)));

        assertEquals(List.of("_SUCCESS", "old.parquet", spec.fileName(0)), names(out));
    }

    @Test
    void abortRemovesTheStagingDirectoryAndAPathItCreated()
            throws IOException
    {
        Path existing = dir.resolve("existing");
        Files.createDirectories(existing);
        Files.writeString(existing.resolve("old.parquet"), "old");
        FileOutputSpec spec = spec(existing, "job3", true);
        FileOutputCommitter committer = new FileOutputCommitter(new Configuration(), spec);
        committer.setupJob();
        stage(spec, 0, 0);
        committer.abortJob();
        assertEquals(List.of("old.parquet"), names(existing));

        Path fresh = dir.resolve("fresh");
        FileOutputSpec freshSpec = spec(fresh, "job4", false);
        FileOutputCommitter freshCommitter = new FileOutputCommitter(new Configuration(), freshSpec);
        freshCommitter.setupJob();
        stage(freshSpec, 0, 0);
        freshCommitter.abortJob();
        assertFalse(Files.exists(fresh));
    }

    @Test
    void aStragglerCannotWriteAfterAbort()
            throws IOException
    {
        Path out = dir.resolve("out");
        FileOutputSpec spec = spec(out, "job5", false);
        FileOutputCommitter committer = new FileOutputCommitter(new Configuration(), spec);
        committer.setupJob();
        committer.abortJob();

        Exception e = assertThrows(UncheckedIOException.class,
                () -> new ParquetBatchWriter(new Configuration(), FileOutputCommitter.attemptFile(spec, 0, 0), SCHEMA).close());
        assertTrue(e.getCause() instanceof FileNotFoundException, String.valueOf(e.getCause()));
        assertFalse(Files.exists(out.resolve(FileOutputSpec.TEMPORARY_DIR)));
    }

    @Test
    void commitFailsWhenATaskFileIsMissing()
    {
        Path out = dir.resolve("out");
        FileOutputSpec spec = spec(out, "job6", false);
        FileOutputCommitter committer = new FileOutputCommitter(new Configuration(), spec);
        committer.setupJob();

        Exception e = assertThrows(RuntimeException.class, () -> committer.commitJob(List.of(FileOutputCommitter.attemptFile(spec, 0, 0))));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
}
