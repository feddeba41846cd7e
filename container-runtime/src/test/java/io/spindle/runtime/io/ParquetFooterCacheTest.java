package io.spindle.runtime.io;

import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.source.ParquetSource;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.LongVector;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParquetFooterCacheTest
{
    private static final MessageType MESSAGE = new MessageType("ids", Types.required(PrimitiveTypeName.INT64).named("id"));

    @TempDir
    java.nio.file.Path dir;

    private final Configuration conf = new Configuration();

    @Test
    void aReaderKeepsTheFooterAndAFileRewrittenInPlaceIsReadAnew()
            throws IOException
    {
        String file = dir.resolve("ids.parquet").toString();
        write(file, 100, 0);
        FileSource before = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
        assertEquals(List.of(0L, 99L), firstAndLast(before.splits().get(0), before));
        FileStatus first = status(file);
        ParquetMetadata kept = ParquetFooterCache.EXECUTOR.get(first);
        assertNotNull(kept, "the reader keeps the footer it read");
        firstAndLast(before.splits().get(0), before);
        assertSame(kept, ParquetFooterCache.EXECUTOR.get(first), "a second reader uses the kept footer");

        // Another length and modification time: the kept footer no longer matches, and its row count would be wrong.
        write(file, 250, 1000);
        FileSystem.getLocal(conf).setTimes(new Path(file), first.getModificationTime() + 5000, -1);
        assertNull(ParquetFooterCache.EXECUTOR.get(status(file)));
        FileSource after = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
        assertEquals(List.of(1000L, 1249L), firstAndLast(after.splits().get(0), after));
    }

    @Test
    void keepsTheMostRecentlyUsedFooters()
            throws IOException
    {
        String file = dir.resolve("one.parquet").toString();
        write(file, 10, 0);
        FileSource source = ParquetSource.open(conf, List.of(file), Long.MAX_VALUE);
        firstAndLast(source.splits().get(0), source);
        ParquetMetadata footer = ParquetFooterCache.EXECUTOR.get(status(file));
        assertNotNull(footer);

        ParquetFooterCache cache = new ParquetFooterCache(2);
        FileStatus a = fakeStatus("a", 1);
        FileStatus b = fakeStatus("b", 2);
        FileStatus c = fakeStatus("c", 3);
        cache.put(a, footer);
        cache.put(b, footer);
        assertNotNull(cache.get(a));
        cache.put(c, footer);
        assertEquals(2, cache.size());
        assertNotNull(cache.get(a), "used last, so kept");
        assertNull(cache.get(b), "least recently used, so dropped");
        assertNotNull(cache.get(c));
        assertNull(cache.get(fakeStatus("a", 9)), "another modification time is another file");
        assertThrows(IllegalArgumentException.class, () -> new ParquetFooterCache(0));
    }

    private static FileStatus fakeStatus(String name, long modificationTime)
    {
        return new FileStatus(1234, false, 1, 1 << 20, modificationTime, new Path("file:/tmp/" + name + ".parquet"));
    }

    private FileStatus status(String file)
            throws IOException
    {
        Path path = new Path(file);
        return path.getFileSystem(conf).getFileStatus(path);
    }

    private List<Long> firstAndLast(FileSplit split, FileSource source)
            throws IOException
    {
        List<Long> ids = new ArrayList<>();
        try (ParquetBatchReader reader = new ParquetBatchReader(conf, split, source.schema(), List.of(0), 64)) {
            ColumnBatch batch;
            while ((batch = reader.next()) != null) {
                LongVector column = (LongVector) batch.column(0);
                for (int i = 0; i < batch.rowCount(); i++) {
                    ids.add(column.get(i));
                }
            }
        }
        return List.of(ids.get(0), ids.get(ids.size() - 1));
    }

    private void write(String file, int rows, long firstId)
            throws IOException
    {
        SimpleGroupFactory groups = new SimpleGroupFactory(MESSAGE);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new Path(file))
                .withConf(conf)
                .withType(MESSAGE)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (int row = 0; row < rows; row++) {
                writer.write(groups.newGroup().append("id", firstId + row));
            }
        }
    }
}
