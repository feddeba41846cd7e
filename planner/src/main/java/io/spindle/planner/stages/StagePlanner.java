package io.spindle.planner.stages;

import io.spindle.planner.physical.BroadcastExchangeExec;
import io.spindle.planner.physical.BroadcastReadExec;
import io.spindle.planner.physical.ExchangeExec;
import io.spindle.planner.physical.FileScanExec;
import io.spindle.planner.physical.InMemoryScanExec;
import io.spindle.planner.physical.LocalTableScanExec;
import io.spindle.planner.physical.PhysicalPlan;
import io.spindle.planner.physical.ShuffleReadExec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a physical plan into stages at its exchanges: each exchange's input becomes a shuffle map stage, and
 * the exchange itself becomes a {@link ShuffleReadExec} in the stage above; a broadcast exchange's input
 * becomes a broadcast stage, read through a {@link BroadcastReadExec}.
 */
public final class StagePlanner
{
    private final List<Stage> stages = new ArrayList<>();

    private StagePlanner()
    {
    }

    public static StageGraph plan(PhysicalPlan root)
    {
        StagePlanner planner = new StagePlanner();
        List<Integer> parents = new ArrayList<>();
        PhysicalPlan fragment = planner.cut(root, parents);
        planner.stages.add(new Stage(planner.stages.size(), fragment, parents, taskCount(fragment), Optional.empty(), Optional.empty()));
        return new StageGraph(planner.stages);
    }

    private PhysicalPlan cut(PhysicalPlan node, List<Integer> parentsOfCurrent)
    {
        if (node instanceof ExchangeExec exchange) {
            List<Integer> parents = new ArrayList<>();
            PhysicalPlan fragment = cut(exchange.child(), parents);
            int stageId = stages.size();
            int shuffleId = stageId;
            stages.add(new Stage(stageId, fragment, parents, taskCount(fragment), Optional.of(shuffleId), Optional.of(exchange.partitioning())));
            parentsOfCurrent.add(stageId);
            return new ShuffleReadExec(shuffleId, exchange.schema(), exchange.partitioning().numPartitions());
        }
        if (node instanceof BroadcastExchangeExec exchange) {
            List<Integer> parents = new ArrayList<>();
            PhysicalPlan fragment = cut(exchange.child(), parents);
            int stageId = stages.size();
            stages.add(new Stage(stageId, fragment, parents, taskCount(fragment), Optional.empty(), Optional.empty(), true));
            parentsOfCurrent.add(stageId);
            return new BroadcastReadExec(stageId, exchange.schema());
        }
        List<PhysicalPlan> children = node.children();
        if (children.isEmpty()) {
            return node;
        }
        List<PhysicalPlan> rewritten = new ArrayList<>(children.size());
        for (PhysicalPlan child : children) {
            rewritten.add(cut(child, parentsOfCurrent));
        }
        return node.replaceChildren(rewritten);
    }

    /** One task per partition of the fragment's leaves: a split of a scan, or a partition of a shuffle. */
    static int taskCount(PhysicalPlan fragment)
    {
        if (fragment instanceof FileScanExec scan) {
            return scan.source().splits().size();
        }
        if (fragment instanceof ShuffleReadExec read) {
            return read.numPartitions();
        }
        if (fragment instanceof LocalTableScanExec) {
            return 1;
        }
        if (fragment instanceof InMemoryScanExec cached && cached.compute().isEmpty()) {
            return cached.numPartitions();
        }
        int count = -1;
        for (PhysicalPlan child : fragment.children()) {
            if (child instanceof BroadcastReadExec) {
                // every task reads all of a broadcast, whatever its partition
                continue;
            }
            int childCount = taskCount(child);
            if (count >= 0 && childCount != count) {
                throw new IllegalStateException("inputs of one stage disagree on partitions: " + count + " vs " + childCount);
            }
            count = childCount;
        }
        return Math.max(count, 0);
    }
}
