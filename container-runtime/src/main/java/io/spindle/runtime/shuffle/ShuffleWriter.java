package io.spindle.runtime.shuffle;

import io.spindle.planner.physical.Partitioning;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.expr.VectorExpression;
import io.spindle.runtime.operators.BatchConcat;
import io.spindle.runtime.operators.Operator;
import io.spindle.runtime.operators.RowHasher;
import io.spindle.runtime.serde.BatchSerde;
import io.spindle.runtime.task.ExecutorEnvironment;
import io.spindle.runtime.task.MapOutput;
import io.spindle.runtime.task.TaskMetrics;
import io.spindle.shuffle.ShuffleLayout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one map task's output: rows are hashed to reduce partitions, gathered per partition into batches
 * of about {@link ColumnBatch#DEFAULT_ROWS} rows, encoded as compressed frames, and laid out partition after
 * partition in one data file with an index of offsets beside it (see {@link ShuffleLayout}). The files are
 * published atomically when complete. Encoded partitions are held in memory until then.
 */
public final class ShuffleWriter
{
    private ShuffleWriter()
    {
    }

    public static MapOutput write(Operator input, int shuffleId, Partitioning partitioning, int mapId, int columnCount,
            ExecutorEnvironment env, TaskMetrics metrics)
    {
        int partitions = partitioning.numPartitions();
        List<VectorExpression> keys = partitioning instanceof Partitioning.Hash hash
                ? hash.keys().stream().map(ExpressionCompiler::compile).toList()
                : List.of();
        PartitionBuffer[] buffers = new PartitionBuffer[partitions];
        for (int p = 0; p < partitions; p++) {
            buffers[p] = new PartitionBuffer(columnCount);
        }
        // each map task starts dealing at its own partition, so small inputs do not all land in partition 0;
        // the start depends only on the map id, so a retried task writes the same output
        int nextRoundRobin = Math.floorMod(mapId, partitions);
        ColumnBatch batch;
        while ((batch = input.next()) != null) {
            metrics.rowsOut += batch.rowCount();
            if (partitions == 1) {
                buffers[0].add(batch);
                continue;
            }
            int rows = batch.rowCount();
            ColumnVector[] keyVectors = new ColumnVector[keys.size()];
            for (int k = 0; k < keyVectors.length; k++) {
                keyVectors[k] = keys.get(k).evaluate(batch);
            }
            int[] counts = new int[partitions + 1];
            int[] target = new int[rows];
            if (partitioning instanceof Partitioning.RoundRobin) {
                for (int i = 0; i < rows; i++) {
                    target[i] = nextRoundRobin;
                    nextRoundRobin = nextRoundRobin + 1 == partitions ? 0 : nextRoundRobin + 1;
                    counts[target[i] + 1]++;
                }
            }
            else {
                int[] hashes = RowHasher.hash(keyVectors, rows);
                for (int i = 0; i < rows; i++) {
                    target[i] = Math.floorMod(hashes[i], partitions);
                    counts[target[i] + 1]++;
                }
            }
            for (int p = 0; p < partitions; p++) {
                counts[p + 1] += counts[p];
            }
            int[] order = new int[rows];
            int[] next = counts.clone();
            for (int i = 0; i < rows; i++) {
                order[next[target[i]]++] = i;
            }
            for (int p = 0; p < partitions; p++) {
                int count = counts[p + 1] - counts[p];
                if (count == 0) {
                    continue;
                }
                int[] positions = new int[count];
                System.arraycopy(order, counts[p], positions, 0, count);
                buffers[p].add(count == rows ? batch : batch.select(positions, count));
            }
        }
        long[] sizes = new long[partitions];
        Path data = ShuffleLayout.dataFile(env.localDirs(), shuffleId, mapId);
        Path index = ShuffleLayout.indexFile(env.localDirs(), shuffleId, mapId);
        try {
            Files.createDirectories(data.getParent());
            Path tmpData = ShuffleLayout.tempFileFor(data);
            Path tmpIndex = ShuffleLayout.tempFileFor(index);
            try (OutputStream out = Files.newOutputStream(tmpData)) {
                for (int p = 0; p < partitions; p++) {
                    ByteArrayOutputStream encoded = buffers[p].finish();
                    sizes[p] = encoded.size();
                    encoded.writeTo(out);
                    buffers[p] = null;
                }
            }
            ShuffleLayout.writeIndex(tmpIndex, sizes);
            ShuffleLayout.commit(tmpData, tmpIndex, data, index);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write map output " + mapId + " of shuffle " + shuffleId + " to " + data + ": " + e.getMessage(), e);
        }
        MapOutput output = new MapOutput(shuffleId, mapId, env.executorId(), env.host(), env.shufflePort(), sizes);
        metrics.shuffleBytesWritten += output.totalBytes();
        metrics.bytesOut += output.totalBytes();
        return output;
    }

    /** Rows of one reduce partition: small batches are gathered, then encoded once they make a full batch. */
    private static final class PartitionBuffer
    {
        private final int columnCount;
        private final List<ColumnBatch> pending = new ArrayList<>();
        private int pendingRows;
        private final ByteArrayOutputStream encoded = new ByteArrayOutputStream();

        PartitionBuffer(int columnCount)
        {
            this.columnCount = columnCount;
        }

        void add(ColumnBatch batch)
        {
            pending.add(batch);
            pendingRows += batch.rowCount();
            if (pendingRows >= ColumnBatch.DEFAULT_ROWS) {
                flush();
            }
        }

        private void flush()
        {
            if (pending.isEmpty()) {
                return;
            }
            BatchSerde.encodeTo(BatchConcat.concat(pending, columnCount), encoded);
            pending.clear();
            pendingRows = 0;
        }

        ByteArrayOutputStream finish()
        {
            flush();
            return encoded;
        }
    }
}
