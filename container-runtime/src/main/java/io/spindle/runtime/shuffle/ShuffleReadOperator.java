package io.spindle.runtime.shuffle;

import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.operators.Operator;
import io.spindle.runtime.serde.BatchSerde;
import io.spindle.runtime.serde.CorruptBlockException;
import io.spindle.runtime.task.ExecutorEnvironment;
import io.spindle.runtime.task.MapOutput;
import io.spindle.runtime.task.TaskMetrics;
import io.spindle.shuffle.BlockId;
import io.spindle.shuffle.ShuffleLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>A block whose frames fail their checksum (or do not parse) is fetched again, up to
 * {@link ShuffleReadConfig#MAX_RETRIES} times, since a flipped bit on the wire or a bad read goes away on a second
 * try; a block that is still corrupt then fails the task with a {@link FetchFailedException} naming the shuffle,
 * map and reduce partition and the node. A block is decoded whole before any of its rows come out, so a refetch
 * never repeats rows.
 */
public final class ShuffleReadOperator
        implements Operator
{
    private static final Logger LOG = LoggerFactory.getLogger(ShuffleReadOperator.class);

    /** Where the bytes of one map output's block come from: the shuffle service, the local disk, or a test's stand-in. */
    interface BlockSource
    {
        CompletableFuture<byte[]> fetch(MapOutput output);
    }

    private final int shuffleId;
    private final int reduceId;
    private final ExecutorEnvironment env;
    private final TaskMetrics metrics;
    private final List<MapOutput> outputs;
    private final BlockSource source;
    private final Deque<ColumnBatch> decoded = new ArrayDeque<>();
    private List<CompletableFuture<byte[]>> fetches;
    private int nextBlock;

    public ShuffleReadOperator(int shuffleId, int reduceId, List<MapOutput> outputs, ExecutorEnvironment env, TaskMetrics metrics)
    {
        this(shuffleId, reduceId, outputs, env, metrics, null);
    }

    /** With {@code source} null, blocks come from the shuffle service or the local disk, as {@code env} says. */
    ShuffleReadOperator(int shuffleId, int reduceId, List<MapOutput> outputs, ExecutorEnvironment env, TaskMetrics metrics, BlockSource source)
    {
        this.shuffleId = shuffleId;
        this.reduceId = reduceId;
        this.outputs = outputs.stream().filter(o -> o.blockSizes()[reduceId] > 0).toList();
        this.env = env;
        this.metrics = metrics;
        this.source = source != null ? source : env.readShuffleFromLocalDisk() ? this::readLocal : this::fetchRemote;
    }

    @Override
    public ColumnBatch next()
    {
        if (fetches == null) {
            fetches = new ArrayList<>(outputs.size());
            for (MapOutput output : outputs) {
                fetches.add(source.fetch(output));
            }
        }
        while (decoded.isEmpty()) {
            if (nextBlock >= fetches.size()) {
                return null;
            }
            MapOutput output = outputs.get(nextBlock);
            List<ColumnBatch> batches = decode(fetches.get(nextBlock), output);
            fetches.set(nextBlock, null);
            nextBlock++;
            for (ColumnBatch batch : batches) {
                if (batch.rowCount() > 0) {
                    metrics.rowsIn += batch.rowCount();
                    decoded.add(batch);
                }
            }
        }
        return decoded.poll();
    }

    /** The batches of one block, fetching it again while its frames are corrupt and retries remain. */
    private List<ColumnBatch> decode(CompletableFuture<byte[]> fetch, MapOutput output)
    {
        int retries = env.shuffleMaxRetries();
        for (int attempt = 0; ; attempt++) {
            byte[] block = await(fetch, output);
            metrics.shuffleBytesRead += block.length;
            metrics.bytesIn += block.length;
            try {
                return BatchSerde.decodeAll(block, 0, block.length);
            }
            catch (CorruptBlockException e) {
                if (attempt >= retries) {
                    String fetches = attempt == 0 ? "its only fetch" : "all " + (attempt + 1) + " fetches";
                    throw new FetchFailedException(shuffleId, output.mapId(), "block (shuffle " + shuffleId + ", map " + output.mapId()
                            + ", reduce " + reduceId + ") from " + origin(output) + " was corrupt on " + fetches + " ("
                            + ShuffleReadConfig.MAX_RETRIES.name() + "=" + retries + "): " + e.getMessage(), e);
                }
                LOG.warn("block (shuffle {}, map {}, reduce {}) from {} is corrupt, fetching it again ({} of {}): {}", shuffleId,
                        output.mapId(), reduceId, origin(output), attempt + 1, retries, e.getMessage());
                fetch = source.fetch(output);
            }
        }
    }

    private String origin(MapOutput output)
    {
        String node = env.readShuffleFromLocalDisk() ? "the local disk of " + env.host() : output.host() + ":" + output.port();
        return node + " (written by executor " + output.executorId() + ")";
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
                    + ", reduce " + reduceId + ") from " + origin(output) + ": " + cause.getMessage(), cause);
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
