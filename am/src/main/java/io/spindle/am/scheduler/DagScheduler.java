package io.spindle.am.scheduler;

import io.spindle.conf.SpindleConf;
import io.spindle.planner.output.FileOutputSpec;
import io.spindle.planner.physical.FileScanExec;
import io.spindle.planner.physical.InMemoryScanExec;
import io.spindle.planner.physical.PhysicalPlan;
import io.spindle.planner.stages.Stage;
import io.spindle.planner.stages.StageGraph;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.io.FileOutputCommitter;
import io.spindle.runtime.serde.BatchSerde;
import io.spindle.runtime.task.MapOutput;
import io.spindle.runtime.task.TaskDescription;
import io.spindle.runtime.task.TaskMetrics;
import io.spindle.runtime.task.TaskResult;
import io.spindle.sql.CachedBlockMissingException;
import io.spindle.sql.JobFailedException;
import io.spindle.sql.Row;
import io.spindle.sql.execution.JobSummary;
import io.spindle.sql.execution.QueryResult;
import io.spindle.sql.execution.StageSummary;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Runs a job's stage graph on an executor pool: stages one after another in dependency order, one task per
 * partition, each failed task retried up to {@code spindle.task.maxFailures} attempts; a task that cannot fetch a
 * map output has that output recomputed from its stage (the lineage) and runs again. Map outputs of a
 * stage are handed to the stages that read its shuffle; a broadcast stage's rows are collected here and
 * shipped with every task of the stages that read it; the result stage's rows come back in partition
 * order. Jobs run one at a time.
 */
public final class DagScheduler
{
    private static final Logger LOG = LoggerFactory.getLogger(DagScheduler.class);

    private final ExecutorPool pool;
    /** Times one stage run may have lost map outputs recomputed before the job fails, as Spark's spark.stage.maxConsecutiveAttempts. */
    static final int MAX_RECOMPUTES = 4;

    private final int maxFailures;
    private final AtomicInteger nextJobId = new AtomicInteger();
    private final AtomicLong nextTaskId = new AtomicLong();
    private final AtomicInteger tasksDone = new AtomicInteger();
    private final AtomicInteger tasksTotal = new AtomicInteger();
    /** Where the running job's result tasks write files; empty when they return rows. */
    private Optional<FileOutputSpec> fileOutput = Optional.empty();
    private List<TaskResult> resultStageResults = List.of();

    public DagScheduler(ExecutorPool pool, SpindleConf conf)
    {
        this.pool = requireNonNull(pool, "pool is null");
        this.maxFailures = conf.get(SchedulerConfig.TASK_MAX_FAILURES);
    }

    /** Finished tasks over all tasks of the running job, 0 to 1; for the ApplicationMaster's progress. */
    public double progress()
    {
        int total = tasksTotal.get();
        return total == 0 ? 0 : (double) tasksDone.get() / total;
    }

    /** Drops a cache's blocks on every executor. */
    public void uncache(int cacheId)
    {
        pool.uncache(cacheId);
    }

    public synchronized QueryResult run(StageGraph graph, String description)
    {
        JobRun job = new JobRun(nextJobId.getAndIncrement(), graph);
        long start = System.currentTimeMillis();
        tasksDone.set(0);
        tasksTotal.set(graph.stages().stream().mapToInt(Stage::numTasks).sum());
        List<Row> rows = new ArrayList<>();
        Map<Integer, Map<Integer, String>> cachedBlocks = new HashMap<>();
        for (Stage stage : graph.stages()) {
            LOG.info("job {} stage {} starting: {} tasks, {}", job.id, stage.id(), stage.numTasks(), stage.describe());
            StageRun run = runStage(job, stage, allPartitions(stage));
            job.summaries.add(run.summary());
            for (int partition = 0; partition < run.results().size(); partition++) {
                TaskResult result = run.results().get(partition);
                for (int cacheId : result.metrics().cachedBlocks.keySet()) {
                    cachedBlocks.computeIfAbsent(cacheId, id -> new HashMap<>()).put(partition, result.executorId());
                }
            }
            if (stage.isResult()) {
                resultStageResults = run.results();
                for (TaskResult result : run.results()) {
                    rows.addAll(decodeRows(result.resultFrames()));
                }
            }
            else if (stage.broadcast()) {
                job.broadcastRows.put(stage.id(), concatFrames(run.results()));
            }
            else {
                // mutable: outputs lost later are replaced in place by their recomputed ones
                List<MapOutput> outputs = new ArrayList<>(run.results().stream().map(r -> r.mapOutput().orElseThrow()).toList());
                job.shuffleOutputs.put(stage.shuffleId().orElseThrow(), outputs);
                pool.afterShuffleMapStage(stage.id());
            }
            LOG.info("job {} stage {} finished in {} ms", job.id, stage.id(), run.summary().millis());
        }
        JobSummary summary = new JobSummary(job.id, description, job.summaries, System.currentTimeMillis() - start);
        return new QueryResult(rows, summary, cachedBlocks);
    }

    /** What one job has produced so far: map outputs by shuffle, broadcast rows by stage, and stage summaries. */
    private static final class JobRun
    {
        final int id;
        final StageGraph graph;
        final Map<Integer, List<MapOutput>> shuffleOutputs = new HashMap<>();
        final Map<Integer, byte[]> broadcastRows = new HashMap<>();
        final List<StageSummary> summaries = new ArrayList<>();
        /** When each recomputed map output (shuffle id << 32 | map id) was replaced, in System.nanoTime. */
        final Map<Long, Long> recomputedAt = new HashMap<>();

        JobRun(int id, StageGraph graph)
        {
            this.id = id;
            this.graph = graph;
        }

        Map<Integer, List<MapOutput>> inputsOf(Stage stage)
        {
            Map<Integer, List<MapOutput>> inputs = new HashMap<>();
            for (int parent : stage.parents()) {
                if (!graph.stage(parent).broadcast()) {
                    int shuffleId = graph.stage(parent).shuffleId().orElseThrow();
                    inputs.put(shuffleId, shuffleOutputs.get(shuffleId));
                }
            }
            return inputs;
        }

        Map<Integer, byte[]> broadcastsOf(Stage stage)
        {
            Map<Integer, byte[]> broadcasts = new HashMap<>();
            for (int parent : stage.parents()) {
                if (graph.stage(parent).broadcast()) {
                    broadcasts.put(parent, broadcastRows.get(parent));
                }
            }
            return broadcasts;
        }

        Stage producerOf(int shuffleId)
        {
            return graph.stages().stream().filter(s -> s.shuffleId().equals(Optional.of(shuffleId))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no stage writes shuffle " + shuffleId));
        }
    }

    private static List<Integer> allPartitions(Stage stage)
    {
        List<Integer> partitions = new ArrayList<>();
        for (int p = 0; p < stage.numTasks(); p++) {
            partitions.add(p);
        }
        return partitions;
    }

    /**
     * Runs {@code graph} as a writing job: its result tasks write their partitions as files into the staging
     * directory of {@code output}, and the files are committed only after every task has succeeded; on any
     * failure the staging directory is removed and the files already at the output path stay as they were.
     */
    public synchronized QueryResult write(StageGraph graph, String description, FileOutputSpec output, Configuration hadoopConf)
    {
        FileOutputCommitter committer = new FileOutputCommitter(hadoopConf, output);
        committer.setupJob();
        fileOutput = Optional.of(output);
        try {
            QueryResult result = run(graph, description);
            committer.commitJob(resultStageResults.stream().map(r -> r.writtenFile().orElseThrow().path()).toList());
            LOG.info("job {} committed {} files to {}", result.summary().jobId(), resultStageResults.size(), output.path());
            return result;
        }
        catch (RuntimeException e) {
            try {
                committer.abortJob();
            }
            catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
        finally {
            fileOutput = Optional.empty();
            resultStageResults = List.of();
        }
    }

    private record StageRun(List<TaskResult> results, StageSummary summary)
    {
    }

    /** A broadcast's rows: every task's result frames one after another, which decode as one stream. */
    private static byte[] concatFrames(List<TaskResult> results)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (TaskResult result : results) {
            if (result.resultFrames() != null) {
                out.writeBytes(result.resultFrames());
            }
        }
        return out.toByteArray();
    }

    /**
     * Runs the given partitions of {@code stage}. A task that cannot fetch a map output has the lost output
     * recomputed from its stage (the lineage) and is launched again, without counting against its attempts; a
     * stage may do so {@value #MAX_RECOMPUTES} times.
     */
    private StageRun runStage(JobRun job, Stage stage, List<Integer> partitions)
    {
        long start = System.currentTimeMillis();
        Map<Integer, List<MapOutput>> inputs = job.inputsOf(stage);
        Map<Integer, byte[]> broadcasts = job.broadcastsOf(stage);
        TaskResult[] results = new TaskResult[stage.numTasks()];
        int[] attempts = new int[stage.numTasks()];
        long[] launchedAt = new long[stage.numTasks()];
        BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
        for (int partition : partitions) {
            launchedAt[partition] = System.nanoTime();
            launch(job.id, stage, partition, 0, inputs, broadcasts, completions);
        }
        int failedAttempts = 0;
        int recomputes = 0;
        int remaining = partitions.size();
        while (remaining > 0) {
            Completion completion = take(completions);
            int partition = completion.partition();
            TaskResult result = completion.result();
            if (result.succeeded()) {
                results[partition] = result;
                remaining--;
                tasksDone.incrementAndGet();
                continue;
            }
            if (result.metrics().missingCacheId >= 0) {
                // reading again cannot help; the session plans the job afresh and recomputes the cache
                throw new CachedBlockMissingException(result.metrics().missingCacheId, "job " + job.id + ": " + result.error());
            }
            failedAttempts++;
            if (result.fetchFailed() && result.metrics().fetchFailedShuffle >= 0) {
                long lost = ((long) result.metrics().fetchFailedShuffle << 32) | result.metrics().fetchFailedMap;
                if (job.recomputedAt.getOrDefault(lost, Long.MIN_VALUE) > launchedAt[partition]) {
                    // the output this task missed was recomputed after it started: only the task needs to run again
                    launchedAt[partition] = System.nanoTime();
                    launch(job.id, stage, partition, attempts[partition], inputs, broadcasts, completions);
                    continue;
                }
                recomputes++;
                if (recomputes > MAX_RECOMPUTES) {
                    throw new JobFailedException("job " + job.id + " aborted: stage " + stage.id() + " (" + stage.describe() + ") lost map outputs "
                            + recomputes + " times; last failure: " + result.error());
                }
                LOG.warn("task {} of stage {} lost a map output; recomputing it: {}", partition, stage.id(), result.error());
                recomputeLostOutput(job, result.metrics().fetchFailedShuffle, result.metrics().fetchFailedMap);
                launchedAt[partition] = System.nanoTime();
                launch(job.id, stage, partition, attempts[partition], inputs, broadcasts, completions);
                continue;
            }
            attempts[partition]++;
            LOG.warn("task {} of stage {} failed (attempt {} of {}): {}", partition, stage.id(), attempts[partition], maxFailures, result.error());
            launchedAt[partition] = System.nanoTime();
            if (attempts[partition] >= maxFailures) {
                throw new JobFailedException("job " + job.id + " aborted: task " + partition + " of stage " + stage.id() + " (" + stage.describe()
                        + ") failed " + attempts[partition] + " times (spindle.task.maxFailures=" + maxFailures + "); last failure: " + result.error());
            }
            launch(job.id, stage, partition, attempts[partition], inputs, broadcasts, completions);
        }
        List<TaskResult> done = new ArrayList<>();
        for (int partition : partitions) {
            done.add(results[partition]);
        }
        List<TaskResult> all = java.util.Arrays.asList(results);
        return new StageRun(partitions.size() == stage.numTasks() ? List.copyOf(all) : all,
                summarize(stage, done, failedAttempts, System.currentTimeMillis() - start));
    }

    /**
     * Runs again the map tasks whose output of {@code shuffleId} is lost: map {@code mapId}, and when it was
     * served by a shuffle service, every map output on that service's node, which went with it.
     */
    private void recomputeLostOutput(JobRun job, int shuffleId, int mapId)
    {
        List<MapOutput> outputs = job.shuffleOutputs.get(shuffleId);
        MapOutput lost = outputs.get(mapId);
        List<Integer> partitions = new ArrayList<>();
        for (int p = 0; p < outputs.size(); p++) {
            MapOutput output = outputs.get(p);
            boolean sameService = lost.port() > 0 && output.host().equals(lost.host()) && output.port() == lost.port();
            if (p == mapId || sameService) {
                partitions.add(p);
            }
        }
        Stage producer = job.producerOf(shuffleId);
        LOG.info("job {}: recomputing map outputs {} of shuffle {} from stage {}", job.id, partitions, shuffleId, producer.id());
        StageRun rerun = runStage(job, producer, partitions);
        long now = System.nanoTime();
        for (int p : partitions) {
            outputs.set(p, rerun.results().get(p).mapOutput().orElseThrow());
            job.recomputedAt.put(((long) shuffleId << 32) | p, now);
        }
        StageSummary summary = rerun.summary();
        job.summaries.add(summary.withName("recomputed: " + summary.name()));
    }

    private record Completion(int partition, TaskResult result)
    {
    }

    private void launch(int jobId, Stage stage, int partition, int attempt, Map<Integer, List<MapOutput>> inputs,
            Map<Integer, byte[]> broadcasts, BlockingQueue<Completion> completions)
    {
        Optional<TaskDescription.ShuffleOutput> output = stage.shuffleId()
                .map(id -> new TaskDescription.ShuffleOutput(id, stage.outputPartitioning().orElseThrow()));
        TaskDescription task = new TaskDescription(nextTaskId.getAndIncrement(), jobId, stage.id(), partition, attempt, stage.fragment(), output, inputs,
                broadcasts, stage.isResult() ? fileOutput : Optional.empty());
        pool.submit(task, preferredHosts(stage.fragment(), partition), result -> completions.add(new Completion(partition, result)));
    }

    private static List<String> preferredHosts(PhysicalPlan fragment, int partition)
    {
        if (fragment instanceof FileScanExec scan) {
            return scan.source().splits().get(partition).hosts();
        }
        if (fragment instanceof InMemoryScanExec cached && cached.compute().isEmpty()) {
            return List.of(ExecutorPool.executorLocation(cached.blockExecutors().get(partition)));
        }
        for (PhysicalPlan child : fragment.children()) {
            List<String> hosts = preferredHosts(child, partition);
            if (!hosts.isEmpty()) {
                return hosts;
            }
        }
        return List.of();
    }

    private static Completion take(BlockingQueue<Completion> completions)
    {
        try {
            return completions.take();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFailedException("interrupted while waiting for tasks", e);
        }
    }

    private static StageSummary summarize(Stage stage, List<TaskResult> results, int failedAttempts, long millis)
    {
        TaskMetrics total = new TaskMetrics();
        TreeSet<String> executors = new TreeSet<>();
        for (TaskResult result : results) {
            TaskMetrics m = result.metrics();
            total.rowsIn += m.rowsIn;
            total.rowsOut += m.rowsOut;
            total.bytesIn += m.bytesIn;
            total.bytesOut += m.bytesOut;
            total.shuffleBytesWritten += m.shuffleBytesWritten;
            total.shuffleBytesRead += m.shuffleBytesRead;
            total.remoteBlocksFetched += m.remoteBlocksFetched;
            total.rowGroupsSkipped += m.rowGroupsSkipped;
            total.rowsSkipped += m.rowsSkipped;
            total.pagesSkipped += m.pagesSkipped;
            total.rowsSkippedByPageIndex += m.rowsSkippedByPageIndex;
            total.spillBytes += m.spillBytes;
            total.peakExecutionMemory = Math.max(total.peakExecutionMemory, m.peakExecutionMemory);
            total.gcMillis += m.gcMillis;
            executors.add(result.executorId());
        }
        return new StageSummary(stage.id(), stage.describe(), results.size(), failedAttempts, total.rowsIn, total.rowsOut, total.bytesIn,
                total.bytesOut, total.shuffleBytesWritten, total.shuffleBytesRead, total.remoteBlocksFetched, total.rowGroupsSkipped,
                total.rowsSkipped, total.pagesSkipped, total.rowsSkippedByPageIndex, total.spillBytes, total.peakExecutionMemory, total.gcMillis, millis,
                List.copyOf(executors), spread(results));
    }

    /** How the work spread over the tasks, results indexed by partition. */
    static StageSummary.TaskSpread spread(List<TaskResult> results)
    {
        if (results.isEmpty()) {
            return StageSummary.TaskSpread.NONE;
        }
        long[] millis = new long[results.size()];
        long[] rows = new long[results.size()];
        int slowest = 0;
        long total = 0;
        for (int partition = 0; partition < results.size(); partition++) {
            TaskMetrics m = results.get(partition).metrics();
            millis[partition] = m.millis;
            rows[partition] = m.rowsIn;
            total += m.millis;
            if (m.millis > millis[slowest]) {
                slowest = partition;
            }
        }
        long slowestMillis = millis[slowest];
        long maxRows = java.util.Arrays.stream(rows).max().orElse(0);
        java.util.Arrays.sort(millis);
        java.util.Arrays.sort(rows);
        return new StageSummary.TaskSpread(millis[millis.length / 2], slowestMillis, slowest, rows[rows.length / 2], maxRows, total);
    }

    static List<Row> decodeRows(byte[] frames)
    {
        List<Row> rows = new ArrayList<>();
        if (frames == null || frames.length == 0) {
            return rows;
        }
        for (ColumnBatch batch : BatchSerde.decodeAll(frames, 0, frames.length)) {
            int columns = batch.columnCount();
            for (int r = 0; r < batch.rowCount(); r++) {
                Object[] values = new Object[columns];
                for (int c = 0; c < columns; c++) {
                    values[c] = batch.column(c).getObject(r);
                }
                rows.add(new Row(values));
            }
        }
        return rows;
    }
}
