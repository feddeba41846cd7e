package io.spindle.runtime.shuffle;

import io.spindle.planner.physical.Partitioning;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.runtime.memory.UnifiedMemoryManager;
import io.spindle.runtime.task.ExecutorEnvironment;
import io.spindle.runtime.task.MapOutput;
import io.spindle.runtime.task.TaskMetrics;
import io.spindle.runtime.testing.ListOperator;
import io.spindle.shuffle.ShuffleLayout;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.spindle.runtime.testing.Batches.batches;
import static io.spindle.runtime.testing.Batches.drain;
import static io.spindle.runtime.testing.Batches.rows;
import static io.spindle.runtime.testing.Batches.schema;
import static io.spindle.runtime.testing.Expressions.col;
import static io.spindle.runtime.testing.Expressions.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shuffle blocks whose frames fail their checksum: fetched again while retries remain, then a fetch failure that says where. */
class ShuffleReadOperatorTest
{
    private static final Schema SCHEMA = schema("id", DataType.LONG, "k", DataType.STRING);
    private static final int PARTITIONS = 3;
    private static final int REDUCE = 2;

    @TempDir
    Path tempDir;

    private ExecutorEnvironment environment(int maxRetries)
    {
        return new ExecutorEnvironment("application_1_0001", "exec-1", "localhost", -1, new Configuration(false),
                List.of(tempDir.resolve("disk1"), tempDir.resolve("disk2")), null, true, new UnifiedMemoryManager(64 << 20, 0.5), maxRetries);
    }

    /** Three map outputs of 4000 rows each, hashed on the key into {@value #PARTITIONS} partitions. */
    private List<MapOutput> writeMapOutputs(ExecutorEnvironment env, List<List<Object>> written)
    {
        Partitioning partitioning = new Partitioning.Hash(List.of(resolve(col("k"), SCHEMA)), PARTITIONS);
        List<MapOutput> outputs = new ArrayList<>();
        for (int map = 0; map < 3; map++) {
            List<List<Object>> rows = new ArrayList<>();
            for (long id = map * 4000L; id < (map + 1) * 4000L; id++) {
                rows.add(Arrays.asList(id, "key-" + (id % 101)));
            }
            written.addAll(rows);
            ListOperator input = new ListOperator(batches(SCHEMA, rows, 1000));
            outputs.add(ShuffleWriter.write(input, 0, partitioning, map, SCHEMA.size(), env, new TaskMetrics()));
        }
        return outputs;
    }

    /** The bytes of map output {@code mapId}'s block of the reduce partition, as the local disk holds them. */
    private static byte[] readBlock(ExecutorEnvironment env, int mapId)
    {
        try (FileChannel channel = FileChannel.open(ShuffleLayout.dataFile(env.localDirs(), 0, mapId), StandardOpenOption.READ)) {
            ShuffleLayout.PartitionRange range = ShuffleLayout.readPartitionRange(ShuffleLayout.indexFile(env.localDirs(), 0, mapId), REDUCE);
            ByteBuffer buffer = ByteBuffer.allocate((int) range.length());
            channel.read(buffer, range.offset());
            return buffer.array();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flips one bit in the middle of map output {@code mapId}'s block of the reduce partition, in its data file. */
    private static void corruptOnDisk(ExecutorEnvironment env, int mapId)
            throws IOException
    {
        ShuffleLayout.PartitionRange range = ShuffleLayout.readPartitionRange(ShuffleLayout.indexFile(env.localDirs(), 0, mapId), REDUCE);
        Path data = ShuffleLayout.dataFile(env.localDirs(), 0, mapId);
        try (FileChannel channel = FileChannel.open(data, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long position = range.offset() + range.length() / 2;
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x10));
            one.rewind();
            channel.write(one, position);
        }
    }

    private static List<List<Object>> inReducePartition(List<List<Object>> written, List<List<Object>> read)
    {
        List<Object> keys = read.stream().map(r -> r.get(1)).distinct().toList();
        return written.stream().filter(r -> keys.contains(r.get(1))).sorted(Comparator.comparing(r -> (Long) r.get(0))).toList();
    }

    @Test
    void aBlockCorruptOnItsFirstFetchIsFetchedAgainAndEveryRowComesOnce()
    {
        ExecutorEnvironment env = environment(3);
        List<List<Object>> written = new ArrayList<>();
        List<MapOutput> outputs = writeMapOutputs(env, written);
        Map<Integer, Integer> fetches = new HashMap<>();
        ShuffleReadOperator.BlockSource flakyOnce = output -> {
            int attempt = fetches.merge(output.mapId(), 1, Integer::sum);
            byte[] block = readBlock(env, output.mapId());
            if (output.mapId() == 1 && attempt == 1) {
                block[block.length / 2] ^= 0x10;
            }
            return CompletableFuture.completedFuture(block);
        };
        TaskMetrics metrics = new TaskMetrics();

        List<List<Object>> read = new ArrayList<>(rows(drain(new ShuffleReadOperator(0, REDUCE, outputs, env, metrics, flakyOnce))));

        assertEquals(Map.of(0, 1, 1, 2, 2, 1), fetches, "only the corrupt block is fetched again, once");
        read.sort(Comparator.comparing(r -> (Long) r.get(0)));
        assertTrue(read.size() > 1000, "the reduce partition holds a good share of the rows, not " + read.size());
        assertEquals(inReducePartition(written, read), read);
        assertEquals(read.size(), metrics.rowsIn);
    }

    @Test
    void aBlockCorruptOnDiskFailsAfterItsRetriesNamingTheBlockAndTheNode()
            throws IOException
    {
        ExecutorEnvironment env = environment(3);
        List<MapOutput> outputs = writeMapOutputs(env, new ArrayList<>());
        corruptOnDisk(env, 1);

        FetchFailedException e = assertThrows(FetchFailedException.class,
                () -> drain(new ShuffleReadOperator(0, REDUCE, outputs, env, new TaskMetrics())));

        assertEquals(0, e.shuffleId());
        assertEquals(1, e.mapId());
        assertTrue(e.getMessage().contains("(shuffle 0, map 1, reduce 2)") && e.getMessage().contains("the local disk of localhost")
                && e.getMessage().contains("executor exec-1") && e.getMessage().contains("corrupt on all 4 fetches")
                && e.getMessage().contains("spindle.shuffle.io.maxRetries=3") && e.getMessage().contains("CRC32C"), e.getMessage());
    }

    @Test
    void withoutRetriesTheFirstCorruptFetchFails()
    {
        ExecutorEnvironment env = environment(0);
        List<MapOutput> outputs = writeMapOutputs(env, new ArrayList<>());
        int[] fetches = new int[1];
        ShuffleReadOperator.BlockSource alwaysCorrupt = output -> {
            fetches[0]++;
            byte[] block = readBlock(env, output.mapId());
            block[block.length / 2] ^= 0x01;
            return CompletableFuture.completedFuture(block);
        };

        FetchFailedException e = assertThrows(FetchFailedException.class,
                () -> drain(new ShuffleReadOperator(0, REDUCE, outputs, env, new TaskMetrics(), alwaysCorrupt)));

        assertEquals(0, e.mapId());
        assertEquals(3, fetches[0], "the three blocks were requested at once, none again");
        assertTrue(e.getMessage().contains("corrupt on its only fetch (spindle.shuffle.io.maxRetries=0)"), e.getMessage());
    }

    @Test
    void aNegativeRetryCountIsRefusedByName()
    {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> environment(-1));
        assertTrue(e.getMessage().contains("spindle.shuffle.io.maxRetries"), e.getMessage());
    }
}
