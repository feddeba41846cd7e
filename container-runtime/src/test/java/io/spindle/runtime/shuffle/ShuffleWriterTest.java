package io.spindle.runtime.shuffle;

import io.spindle.planner.physical.Partitioning;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.operators.RowHasher;
import io.spindle.runtime.task.ExecutorEnvironment;
import io.spindle.runtime.task.MapOutput;
import io.spindle.runtime.task.TaskMetrics;
import io.spindle.runtime.testing.ListOperator;
import io.spindle.shuffle.ShuffleLayout;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static io.spindle.runtime.testing.Batches.batches;
import static io.spindle.runtime.testing.Batches.drain;
import static io.spindle.runtime.testing.Batches.rows;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.resolve;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Map outputs written by {@link ShuffleWriter} and read back by {@link ShuffleReadOperator} from the local disk. */
class ShuffleWriterTest
{
    private static final Schema SCHEMA = schema("id", DataType.LONG, "k", DataType.STRING, "v", DataType.DOUBLE);

    @TempDir
    Path tempDir;

    private ExecutorEnvironment env;

    @BeforeEach
    void createEnvironment()
    {
        env = new ExecutorEnvironment("application_1_0001", "exec-1", "localhost", -1, new Configuration(false),
                List.of(tempDir.resolve("disk1"), tempDir.resolve("disk2")), null, true);
    }

    private static Partitioning.Hash hashByKey(int partitions)
    {
        return new Partitioning.Hash(List.of(resolve(col("k"), SCHEMA)), partitions);
    }

    /** Rows {@code from} until {@code to}: keys repeat every 97 ids, every 31st key is null. */
    private static List<List<Object>> rowsWithIds(long from, long to)
    {
        List<List<Object>> out = new ArrayList<>();
        for (long id = from; id < to; id++) {
            String key = id % 31 == 0 ? null : "key-" + (id % 97);
            out.add(Arrays.asList(id, key, id / 8.0));
        }
        return out;
    }

    private MapOutput write(int shuffleId, int mapId, List<List<Object>> rows, Partitioning partitioning, TaskMetrics metrics)
    {
        return ShuffleWriter.write(new ListOperator(batches(SCHEMA, rows, 1000)), shuffleId, partitioning, mapId, SCHEMA.size(), env, metrics);
    }

    private List<ColumnBatch> read(int shuffleId, int reduceId, List<MapOutput> outputs, TaskMetrics metrics)
    {
        return drain(new ShuffleReadOperator(shuffleId, reduceId, outputs, env, metrics));
    }

    @Test
    void hashPartitioningReturnsEveryRowOnceWithEqualKeysInOnePartition()
    {
        int partitions = 5;
        List<List<Object>> all = new ArrayList<>();
        List<MapOutput> outputs = new ArrayList<>();
        TaskMetrics writeMetrics = new TaskMetrics();
        for (int map = 0; map < 3; map++) {
            List<List<Object>> rows = rowsWithIds(map * 7000L, map * 7000L + 5000 + map * 1000);
            all.addAll(rows);
            outputs.add(write(0, map, rows, hashByKey(partitions), writeMetrics));
        }
        assertEquals(all.size(), writeMetrics.rowsOut);
        assertEquals(outputs.stream().mapToLong(MapOutput::totalBytes).sum(), writeMetrics.shuffleBytesWritten);

        Map<Object, Integer> partitionOfKey = new HashMap<>();
        List<List<Object>> readBack = new ArrayList<>();
        for (int reduce = 0; reduce < partitions; reduce++) {
            TaskMetrics readMetrics = new TaskMetrics();
            List<ColumnBatch> batches = read(0, reduce, outputs, readMetrics);
            long rowsRead = 0;
            for (ColumnBatch batch : batches) {
                int[] hashes = RowHasher.hash(new ColumnVector[] {batch.column(1)}, batch.rowCount());
                for (int row = 0; row < batch.rowCount(); row++) {
                    int r = row;
                    assertEquals(reduce, Math.floorMod(hashes[row], partitions), () -> "row " + rows(batch).get(r) + " in the wrong reduce partition");
                    Object key = batch.column(1).getObject(row);
                    Integer previous = partitionOfKey.put(key, reduce);
                    if (previous != null && previous != reduce) {
                        throw new AssertionError("key " + key + " in reduce partitions " + previous + " and " + reduce);
                    }
                }
                rowsRead += batch.rowCount();
                readBack.addAll(rows(batch));
            }
            int reduceId = reduce;
            long blockBytes = outputs.stream().mapToLong(o -> o.blockSizes()[reduceId]).sum();
            assertEquals(rowsRead, readMetrics.rowsIn);
            assertEquals(blockBytes, readMetrics.shuffleBytesRead);
            assertEquals(0, readMetrics.remoteBlocksFetched);
        }

        readBack.sort(Comparator.comparing(row -> (Long) row.get(0)));
        assertEquals(all, readBack);
        assertEquals(98, partitionOfKey.size(), "97 keys and null");
    }

    @Test
    void roundRobinDealsRowsEvenlyStartingAtTheMapsOwnPartition()
    {
        int partitions = 4;
        List<List<Object>> rows = rowsWithIds(0, 2002);
        MapOutput output = write(11, 1, rows, new Partitioning.RoundRobin(partitions), new TaskMetrics());
        List<List<Object>> readBack = new ArrayList<>();
        for (int reduce = 0; reduce < partitions; reduce++) {
            List<List<Object>> partition = new ArrayList<>();
            read(11, reduce, List.of(output), new TaskMetrics()).forEach(batch -> partition.addAll(rows(batch)));
            // map 1 deals its first row to partition 1, so partitions 1 and 2 get the two extra rows
            assertEquals(reduce == 1 || reduce == 2 ? 501 : 500, partition.size(), "rows in partition " + reduce);
            assertEquals(Math.floorMod(reduce - 1, partitions), Math.floorMod((Long) partition.get(0).get(0), partitions));
            readBack.addAll(partition);
        }
        readBack.sort(Comparator.comparing(row -> (Long) row.get(0)));
        assertEquals(rows, readBack);
    }

    @Test
    void blockSizesMatchTheIndexFile() throws IOException
    {
        MapOutput output = write(3, 2, rowsWithIds(0, 20_000), hashByKey(7), new TaskMetrics());

        Path index = ShuffleLayout.indexFile(env.localDirs(), 3, 2);
        Path data = ShuffleLayout.dataFile(env.localDirs(), 3, 2);
        assertEquals(7, output.blockSizes().length);
        for (int p = 0; p < 7; p++) {
            ShuffleLayout.PartitionRange range = ShuffleLayout.readPartitionRange(index, p);
            assertEquals(output.blockSizes()[p], range.length(), "partition " + p);
            assertEquals(7, range.numPartitions());
            assertTrue(output.blockSizes()[p] > 0, "partition " + p + " is empty");
        }
        assertEquals(output.totalBytes(), Files.size(data));
        assertEquals(8L * 8, Files.size(index));
        assertEquals(List.of(3, 2, "exec-1", "localhost", -1), List.of(output.shuffleId(), output.mapId(), output.executorId(), output.host(), output.port()));
        try (var files = Files.list(data.getParent())) {
            assertEquals(List.of("map-2.data", "map-2.index"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary files left behind");
        }
    }

    @Test
    void partitionsWithoutRowsAreEmptyBlocksAndReadAsNothing()
    {
        List<List<Object>> rows = new ArrayList<>();
        for (long id = 0; id < 100; id++) {
            rows.add(Arrays.asList(id, id % 2 == 0 ? "a" : "b", 1.0));
        }
        int partitions = 16;
        MapOutput output = write(1, 0, rows, hashByKey(partitions), new TaskMetrics());

        int nonEmpty = 0;
        long total = 0;
        for (int reduce = 0; reduce < partitions; reduce++) {
            TaskMetrics metrics = new TaskMetrics();
            List<ColumnBatch> batches = read(1, reduce, List.of(output), metrics);
            if (output.blockSizes()[reduce] == 0) {
                assertEquals(List.of(), batches);
                assertEquals(0, metrics.shuffleBytesRead);
            }
            else {
                nonEmpty++;
                total += batches.stream().mapToInt(ColumnBatch::rowCount).sum();
            }
        }
        assertTrue(nonEmpty >= 1 && nonEmpty <= 2, nonEmpty + " non-empty partitions for 2 keys");
        assertEquals(100, total);
    }

    @Test
    void mapWithoutRowsWritesAnIndexOfEmptyPartitions() throws IOException
    {
        MapOutput output = write(4, 1, List.of(), hashByKey(3), new TaskMetrics());

        assertArrayEquals(new long[] {0, 0, 0}, output.blockSizes());
        Path index = ShuffleLayout.indexFile(env.localDirs(), 4, 1);
        for (int p = 0; p < 3; p++) {
            assertEquals(0, ShuffleLayout.readPartitionRange(index, p).length());
            assertEquals(List.of(), read(4, p, List.of(output), new TaskMetrics()));
        }
    }

    @Test
    void singlePartitionKeepsTheMapsRowOrder()
    {
        List<List<Object>> first = rowsWithIds(0, 9000);
        List<List<Object>> second = rowsWithIds(9000, 9500);
        MapOutput a = write(2, 0, first, new Partitioning.Single(), new TaskMetrics());
        MapOutput b = write(2, 1, second, new Partitioning.Single(), new TaskMetrics());

        List<ColumnBatch> batches = read(2, 0, List.of(a, b), new TaskMetrics());

        List<List<Object>> expected = new ArrayList<>(first);
        expected.addAll(second);
        assertEquals(expected, rows(batches));
        assertTrue(batches.size() >= 3, "9000 rows of one map should come as several frames, got " + batches.size());
    }

    @Test
    void everyTypeSurvivesTheShuffle()
    {
        Schema schema = schema("b", DataType.BOOLEAN, "i", DataType.INT, "l", DataType.LONG, "d", DataType.DOUBLE,
                "m", DataType.decimal(15, 3), "day", DataType.DATE, "ts", DataType.TIMESTAMP, "s", DataType.STRING);
        List<List<Object>> rows = List.of(
                Arrays.asList(true, 1, Long.MAX_VALUE, -0.0, new BigDecimal("-123456789012.345"), LocalDate.of(1969, 12, 31),
                        Instant.parse("1900-01-01T00:00:00.000001Z"), "h\u00e9llo \ud83d\ude00"),
                Arrays.asList(null, null, null, null, null, null, null, null),
                Arrays.asList(false, Integer.MIN_VALUE, Long.MIN_VALUE, Double.NaN, new BigDecimal("0.001"), LocalDate.of(9999, 12, 31),
                        Instant.parse("2262-04-11T23:47:16.854775Z"), ""));
        MapOutput output = ShuffleWriter.write(new ListOperator(batches(schema, rows, 2)), 9, new Partitioning.Single(), 0, schema.size(), env, new TaskMetrics());

        List<ColumnBatch> batches = read(9, 0, List.of(output), new TaskMetrics());

        assertEquals(rows, rows(batches));
        for (int c = 0; c < schema.size(); c++) {
            assertEquals(schema.field(c).type(), batches.get(0).column(c).type());
        }
    }

    @Test
    void lostMapOutputIsAFetchFailureNamingShuffleMapAndReduce() throws IOException
    {
        MapOutput output = write(5, 3, rowsWithIds(0, 1000), new Partitioning.Single(), new TaskMetrics());
        Files.delete(ShuffleLayout.indexFile(env.localDirs(), 5, 3));

        FetchFailedException e = assertThrows(FetchFailedException.class, () -> read(5, 0, List.of(output), new TaskMetrics()));

        assertEquals(5, e.shuffleId());
        assertEquals(3, e.mapId());
        assertTrue(e.getMessage().contains("shuffle 5, map 3, reduce 0"), e.getMessage());
        assertTrue(e.getMessage().contains("exec-1"), e.getMessage());
    }

    @Test
    void writingAMapAgainReplacesItsOutput()
    {
        write(6, 0, rowsWithIds(0, 3000), new Partitioning.Single(), new TaskMetrics());
        MapOutput second = write(6, 0, rowsWithIds(100, 200), new Partitioning.Single(), new TaskMetrics());

        List<ColumnBatch> batches = read(6, 0, List.of(second), new TaskMetrics());

        assertEquals(LongStream.range(100, 200).boxed().toList(), rows(batches).stream().map(r -> r.get(0)).toList());
    }
}
