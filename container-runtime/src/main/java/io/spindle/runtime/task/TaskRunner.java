package io.spindle.runtime.task;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.physical.BroadcastExchangeExec;
import io.spindle.planner.physical.BroadcastReadExec;
import io.spindle.planner.physical.ExchangeExec;
import io.spindle.planner.physical.FileScanExec;
import io.spindle.planner.physical.FilterExec;
import io.spindle.planner.physical.HashAggregateExec;
import io.spindle.planner.physical.HashJoinExec;
import io.spindle.planner.physical.EnforceSingleRowExec;
import io.spindle.planner.physical.ExpandExec;
import io.spindle.planner.physical.InMemoryScanExec;
import io.spindle.planner.physical.OffsetExec;
import io.spindle.planner.physical.LocalTableScanExec;
import io.spindle.planner.physical.LimitExec;
import io.spindle.planner.physical.NestedLoopJoinExec;
import io.spindle.planner.physical.PhysicalPlan;
import io.spindle.planner.physical.PhysicalPlanVisitor;
import io.spindle.planner.physical.ProjectExec;
import io.spindle.planner.physical.ShuffleReadExec;
import io.spindle.planner.physical.SortExec;
import io.spindle.planner.physical.SortMergeJoinExec;
import io.spindle.planner.physical.TakeOrderedExec;
import io.spindle.planner.physical.UnionExec;
import io.spindle.planner.physical.WindowExec;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.StructField;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.memory.TaskMemoryManager;
import io.spindle.runtime.operators.BroadcastHashTables;
import io.spindle.runtime.operators.BroadcastReadOperator;
import io.spindle.runtime.operators.EnforceSingleRowOperator;
import io.spindle.runtime.operators.ExpandOperator;
import io.spindle.runtime.operators.FilterOperator;
import io.spindle.runtime.operators.HashAggregationOperator;
import io.spindle.runtime.operators.LocalScanOperator;
import io.spindle.runtime.operators.OffsetOperator;
import io.spindle.runtime.operators.HashJoinOperator;
import io.spindle.runtime.operators.LimitOperator;
import io.spindle.runtime.operators.NestedLoopJoinOperator;
import io.spindle.runtime.operators.Operator;
import io.spindle.runtime.operators.ProjectOperator;
import io.spindle.runtime.operators.ScanOperator;
import io.spindle.runtime.operators.SortMergeJoinOperator;
import io.spindle.runtime.operators.SortOperator;
import io.spindle.runtime.operators.TopNOperator;
import io.spindle.runtime.operators.UnionOperator;
import io.spindle.runtime.operators.window.WindowOperator;
import io.spindle.runtime.serde.BatchSerde;
import io.spindle.runtime.storage.BlockMissingException;
import io.spindle.runtime.storage.BlockStore;
import io.spindle.runtime.storage.InMemoryScanOperator;
import io.spindle.runtime.shuffle.FetchFailedException;
import io.spindle.runtime.shuffle.ShuffleReadOperator;
import io.spindle.runtime.shuffle.ShuffleWriter;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;

/**
 * Runs one task attempt: builds the operator pipeline for the task's partition from the stage fragment,
 * drains it into the shuffle writer or into result frames for the driver, and reports how it went.
 * Never throws: a failure becomes a failed {@link TaskResult} with the error's full text.
 */
public final class TaskRunner
{
    private TaskRunner()
    {
    }

    public static TaskResult run(TaskDescription task, ExecutorEnvironment env)
    {
        TaskMetrics metrics = new TaskMetrics();
        long start = System.nanoTime();
        long gcStart = gcMillis();
        Operator root = null;
        TaskMemoryManager memory = new TaskMemoryManager(env.memory(), task.taskId(), env.localDirs());
        try {
            root = build(task, env, metrics, memory);
            int columns = task.fragment().schema().size();
            if (task.fileOutput().isPresent()) {
                WrittenFile written = FileOutputTask.write(root, task.fileOutput().get(), task, env, metrics);
                metrics.millis = (System.nanoTime() - start) / 1_000_000;
                return TaskResult.written(task.taskId(), env.executorId(), written, metrics);
            }
            if (task.shuffleOutput().isPresent()) {
                TaskDescription.ShuffleOutput out = task.shuffleOutput().get();
                MapOutput output = ShuffleWriter.write(root, out.shuffleId(), out.partitioning(), task.partition(), columns, env, metrics);
                metrics.millis = (System.nanoTime() - start) / 1_000_000;
                return TaskResult.success(task.taskId(), env.executorId(), Optional.of(output), null, metrics);
            }
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            ColumnBatch batch;
            while ((batch = root.next()) != null) {
                metrics.rowsOut += batch.rowCount();
                BatchSerde.encodeTo(batch, frames);
            }
            metrics.bytesOut += frames.size();
            metrics.millis = (System.nanoTime() - start) / 1_000_000;
            return TaskResult.success(task.taskId(), env.executorId(), Optional.empty(), frames.toByteArray(), metrics);
        }
        catch (Throwable e) {
            metrics.millis = (System.nanoTime() - start) / 1_000_000;
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BlockMissingException missing) {
                    metrics.missingCacheId = missing.cacheId();
                }
                if (t instanceof FetchFailedException fetch) {
                    metrics.fetchFailedShuffle = fetch.shuffleId();
                    metrics.fetchFailedMap = fetch.mapId();
                }
            }
            String memoryNote = e instanceof OutOfMemoryError
                    ? " [the executor's heap (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB) ran out; this task held " + (memory.used() >> 20)
                            + " MB of execution memory, most in " + memory.largestConsumer() + "; raise spindle.executor.memory or"
                            + " spindle.sql.shuffle.partitions]"
                    : "";
            return TaskResult.failure(task.taskId(), env.executorId(), task.name() + " failed on executor " + env.executorId()
                    + " (" + env.host() + ")" + memoryNote + ": " + stackTrace(e), isFetchFailure(e), metrics);
        }
        finally {
            if (root != null) {
                try {
                    root.close();
                }
                catch (RuntimeException ignored) {
                    // the task's own outcome is already decided; a failure to release is not the user's error
                }
            }
            metrics.spillBytes = memory.spilledBytes();
            metrics.spills = memory.spills();
            metrics.peakExecutionMemory = memory.peak();
            metrics.gcMillis = gcMillis() - gcStart;
            memory.close();
        }
    }

    private static long gcMillis()
    {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static boolean isFetchFailure(Throwable e)
    {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FetchFailedException) {
                return true;
            }
        }
        return false;
    }

    static String stackTrace(Throwable e)
    {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    static Operator build(TaskDescription task, ExecutorEnvironment env, TaskMetrics metrics, TaskMemoryManager memory)
    {
        return task.fragment().accept(new Builder(task, env, metrics, memory), null);
    }

    private static final class Builder
            implements PhysicalPlanVisitor<Operator, Void>
    {
        private final TaskDescription task;
        private final ExecutorEnvironment env;
        private final TaskMetrics metrics;
        private final TaskMemoryManager memory;

        Builder(TaskDescription task, ExecutorEnvironment env, TaskMetrics metrics, TaskMemoryManager memory)
        {
            this.task = task;
            this.env = env;
            this.metrics = metrics;
            this.memory = memory;
        }

        private Operator child(PhysicalPlan node)
        {
            return node.children().get(0).accept(this, null);
        }

        @Override
        public Operator visitFileScan(FileScanExec node, Void context)
        {
            return new ScanOperator(env.hadoopConf(), node, task.partition(), metrics);
        }

        @Override
        public Operator visitFilter(FilterExec node, Void context)
        {
            return new FilterOperator(child(node), ExpressionCompiler.compile(node.condition()));
        }

        @Override
        public Operator visitProject(ProjectExec node, Void context)
        {
            return new ProjectOperator(child(node), node.expressions().stream().map(ExpressionCompiler::compile).toList());
        }

        @Override
        public Operator visitHashAggregate(HashAggregateExec node, Void context)
        {
            return new HashAggregationOperator(child(node), node, memory);
        }

        @Override
        public Operator visitExchange(ExchangeExec node, Void context)
        {
            throw new IllegalStateException("an exchange inside a stage fragment: the stage planner should have cut it");
        }

        @Override
        public Operator visitShuffleRead(ShuffleReadExec node, Void context)
        {
            List<MapOutput> outputs = task.shuffleInputs().get(node.shuffleId());
            if (outputs == null) {
                throw new IllegalStateException("no map outputs given for shuffle " + node.shuffleId());
            }
            return new ShuffleReadOperator(node.shuffleId(), task.partition(), outputs, env, metrics);
        }

        @Override
        public Operator visitSort(SortExec node, Void context)
        {
            return new SortOperator(child(node), node.orders(), node.schema().size(), memory);
        }

        @Override
        public Operator visitLimit(LimitExec node, Void context)
        {
            return new LimitOperator(child(node), node.count());
        }

        @Override
        public Operator visitWindow(WindowExec node, Void context)
        {
            return new WindowOperator(child(node), node.windowExpressions(), node.child().schema().size());
        }

        @Override
        public Operator visitUnion(UnionExec node, Void context)
        {
            return new UnionOperator(node.children().stream().map(c -> c.accept(this, null)).toList());
        }

        @Override
        public Operator visitHashJoin(HashJoinExec node, Void context)
        {
            boolean buildIsLeft = node.buildSide() == HashJoinExec.BuildSide.LEFT;
            PhysicalPlan probe = buildIsLeft ? node.right() : node.left();
            PhysicalPlan build = buildIsLeft ? node.left() : node.right();
            List<Expression> buildKeys = buildIsLeft ? node.leftKeys() : node.rightKeys();
            Optional<HashJoinOperator.SharedBuild> shared = Optional.empty();
            if (build instanceof BroadcastReadExec broadcast) {
                BroadcastHashTables.Key key = new BroadcastHashTables.Key(task.jobId(), task.stageId(), broadcast.broadcastId(),
                        buildKeys.stream().map(Expression::toString).toList());
                shared = Optional.of(new HashJoinOperator.SharedBuild(env.broadcastTables(), key));
            }
            return new HashJoinOperator(probe.accept(this, null), build.accept(this, null), buildIsLeft, node.type(),
                    types(probe), types(build), buildIsLeft ? node.rightKeys() : node.leftKeys(), buildKeys, node.residual(), memory, shared);
        }

        @Override
        public Operator visitSortMergeJoin(SortMergeJoinExec node, Void context)
        {
            return new SortMergeJoinOperator(node.left().accept(this, null), node.right().accept(this, null), node.type(),
                    types(node.left()), types(node.right()), node.leftKeys(), node.rightKeys(), node.residual());
        }

        @Override
        public Operator visitTakeOrdered(TakeOrderedExec node, Void context)
        {
            return new TopNOperator(child(node), node.orders(), node.limit(), node.schema().size());
        }

        @Override
        public Operator visitNestedLoopJoin(NestedLoopJoinExec node, Void context)
        {
            boolean buildIsLeft = node.buildSide() == HashJoinExec.BuildSide.LEFT;
            PhysicalPlan probe = buildIsLeft ? node.right() : node.left();
            PhysicalPlan build = buildIsLeft ? node.left() : node.right();
            return new NestedLoopJoinOperator(probe.accept(this, null), build.accept(this, null), buildIsLeft, node.type(),
                    types(probe), types(build), node.condition(), memory);
        }

        @Override
        public Operator visitBroadcastExchange(BroadcastExchangeExec node, Void context)
        {
            throw new IllegalStateException("a broadcast exchange inside a stage fragment: the stage planner should have cut it");
        }

        @Override
        public Operator visitInMemoryScan(InMemoryScanExec node, Void context)
        {
            BlockStore.BlockId id = new BlockStore.BlockId(node.cacheId(), task.partition());
            if (node.compute().isEmpty()) {
                return InMemoryScanOperator.reading(env.blocks(), id, env.executorId());
            }
            return InMemoryScanOperator.computing(env.blocks(), id, node.level(), child(node),
                    bytes -> metrics.cachedBlocks.put(node.cacheId(), bytes));
        }

        @Override
        public Operator visitOffset(OffsetExec node, Void context)
        {
            return new OffsetOperator(child(node), node.count());
        }

        @Override
        public Operator visitExpand(ExpandExec node, Void context)
        {
            return new ExpandOperator(child(node), node.projections().stream()
                    .map(projection -> projection.stream().map(ExpressionCompiler::compile).toList()).toList());
        }

        @Override
        public Operator visitEnforceSingleRow(EnforceSingleRowExec node, Void context)
        {
            return new EnforceSingleRowOperator(child(node));
        }

        @Override
        public Operator visitLocalTableScan(LocalTableScanExec node, Void context)
        {
            return new LocalScanOperator(node.schema(), node.rows());
        }

        @Override
        public Operator visitBroadcastRead(BroadcastReadExec node, Void context)
        {
            byte[] frames = task.broadcasts().get(node.broadcastId());
            if (frames == null) {
                throw new IllegalStateException("no rows given for broadcast " + node.broadcastId());
            }
            return new BroadcastReadOperator(frames);
        }

        private static List<DataType> types(PhysicalPlan plan)
        {
            return plan.schema().fields().stream().map(StructField::type).toList();
        }
    }
}
