package io.spindle.planner.stages;

import io.spindle.planner.physical.Partitioning;
import io.spindle.planner.physical.PhysicalPlan;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Operators that run together without a shuffle, as {@code numTasks} tasks, one per partition. A shuffle
 * map stage writes its output as shuffle {@code shuffleId} partitioned by {@code outputPartitioning}; a
 * {@code broadcast} stage hands its rows to the driver, which ships them to every task of the stages that
 * read broadcast {@code id}; the result stage hands its rows to the driver.
 */
public record Stage(int id, PhysicalPlan fragment, List<Integer> parents, int numTasks, Optional<Integer> shuffleId,
        Optional<Partitioning> outputPartitioning, boolean broadcast)
        implements Serializable
{
    /** A shuffle map stage or the result stage. */
    public Stage(int id, PhysicalPlan fragment, List<Integer> parents, int numTasks, Optional<Integer> shuffleId, Optional<Partitioning> outputPartitioning)
    {
        this(id, fragment, parents, numTasks, shuffleId, outputPartitioning, false);
    }

    public Stage
    {
        requireNonNull(fragment, "fragment is null");
        parents = List.copyOf(requireNonNull(parents, "parents is null"));
        requireNonNull(shuffleId, "shuffleId is null");
        requireNonNull(outputPartitioning, "outputPartitioning is null");
        if (shuffleId.isPresent() != outputPartitioning.isPresent()) {
            throw new IllegalArgumentException("a shuffle map stage needs both a shuffle id and a partitioning");
        }
        if (broadcast && shuffleId.isPresent()) {
            throw new IllegalArgumentException("a broadcast stage writes no shuffle");
        }
    }

    public boolean isResult()
    {
        return shuffleId.isEmpty() && !broadcast;
    }

    /** A one-line name for summaries: the operators from the top of the fragment down. */
    public String describe()
    {
        StringBuilder out = new StringBuilder();
        PhysicalPlan node = fragment;
        while (true) {
            out.append(node.operatorName());
            if (node.children().isEmpty()) {
                break;
            }
            out.append(" <- ");
            node = node.children().get(0);
        }
        return out.toString();
    }
}
