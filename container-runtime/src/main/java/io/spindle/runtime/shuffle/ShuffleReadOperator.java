package io.spindle.runtime.shuffle;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.operators.Operator;
import io.spindle.runtime.serde.BatchSerde;
import io.spindle.runtime.task.ExecutorEnvironment;
import io.spindle.runtime.task.MapOutput;
import io.spindle.runtime.task.TaskMetrics;
import io.spindle.shuffle.BlockId;
import io.spindle.shuffle.ShuffleLayout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Reads one reduce partition of a shuffle: the block of that partition from every map output. On a cluster
 * every block comes through the shuffle service of the node that wrote it (all requests are sent at once,
 * then decoded in order); in local mode blocks are read straight from the local files. Empty blocks are
 * skipped without a request.
 */
public final class ShuffleReadOperator
        implements Operator
{
    private final int shuffleId;
    private final int reduceId;
    private final ExecutorEnvironment env;
    private final TaskMetrics metrics;
    private final List<MapOutput> outputs;
    private final Deque<ColumnBatch> decoded = new ArrayDeque<>();
    private List<CompletableFuture<byte[]>> fetches;
    private int nextBlock;

    public ShuffleReadOperator(int shuffleId, int reduceId, List<MapOutput> outputs, ExecutorEnvironment env, TaskMetrics metrics)
    {
        this.shuffleId = shuffleId;
        this.reduceId = reduceId;
        this.outputs = outputs.stream().filter(o -> o.blockSizes()[reduceId] > 0).toList();
        this.env = env;
        this.metrics = metrics;
    }

    @Override
    public ColumnBatch next()
    {
        if (fetches == null) {
            fetches = new ArrayList<>(outputs.size());
            for (MapOutput output : outputs) {
                fetches.add(env.readShuffleFromLocalDisk() ? readLocal(output) : fetchRemote(output));
            }
        }
        while (decoded.isEmpty()) {
            if (nextBlock >= fetches.size()) {
                return null;
            }
            MapOutput output = outputs.get(nextBlock);
            byte[] block = await(fetches.get(nextBlock), output);
            fetches.set(nextBlock, null);
            nextBlock++;
            metrics.shuffleBytesRead += block.length;
            metrics.bytesIn += block.length;
            for (ColumnBatch batch : BatchSerde.decodeAll(block, 0, block.length)) {
                if (batch.rowCount() > 0) {
                    metrics.rowsIn += batch.rowCount();
                    decoded.add(batch);
                }
            }
        }
        return decoded.poll();
    }

    private CompletableFuture<byte[]> fetchRemote(MapOutput output)
    {
        metrics.remoteBlocksFetched++;
        return env.shuffleClient().fetch(output.host(), output.port(), new BlockId(env.appId(), shuffleId, output.mapId(), reduceId));
    }

    private CompletableFuture<byte[]> readLocal(MapOutput output)
    {
        Path index = ShuffleLayout.indexFile(env.localDirs(), shuffleId, output.mapId());
        Path data = ShuffleLayout.dataFile(env.localDirs(), shuffleId, output.mapId());
        try (FileChannel channel = FileChannel.open(data, StandardOpenOption.READ)) {
            ShuffleLayout.PartitionRange range = ShuffleLayout.readPartitionRange(index, reduceId);
            ByteBuffer buffer = ByteBuffer.allocate((int) range.length());
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, range.offset() + buffer.position()) < 0) {
                    throw new IOException("unexpected end of " + data);
                }
            }
            return CompletableFuture.completedFuture(buffer.array());
        }
        catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private byte[] await(CompletableFuture<byte[]> fetch, MapOutput output)
    {
        try {
            return fetch.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching shuffle blocks", e);
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new FetchFailedException(shuffleId, output.mapId(), "cannot fetch block (shuffle " + shuffleId + ", map " + output.mapId()
                    + ", reduce " + reduceId + ") from " + output.host() + ":" + output.port() + " (written by executor "
                    + output.executorId() + "): " + cause.getMessage(), cause);
        }
    }

    @Override
    public void close()
    {
        if (fetches != null) {
            fetches.forEach(f -> {
                if (f != null) {
                    f.cancel(false);
                }
            });
        }
        decoded.clear();
    }
}
