package io.spindle.planner.stages;

import java.io.Serializable;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** The stages of one job in an order where every stage comes after its parents; the last is the result stage. */
public record StageGraph(List<Stage> stages)
        implements Serializable
{
    public StageGraph
    {
        stages = List.copyOf(requireNonNull(stages, "stages is null"));
        if (stages.isEmpty() || !stages.get(stages.size() - 1).isResult()) {
            throw new IllegalArgumentException("a stage graph ends with its result stage");
        }
    }

    public Stage resultStage()
    {
        return stages.get(stages.size() - 1);
    }

    public Stage stage(int id)
    {
        for (Stage stage : stages) {
            if (stage.id() == id) {
                return stage;
            }
        }
        throw new IllegalArgumentException("no stage " + id);
    }

    public String describe()
    {
        StringBuilder out = new StringBuilder();
        for (Stage stage : stages) {
            out.append("Stage ").append(stage.id())
                    .append(stage.isResult() ? " (result)" : stage.broadcast() ? " (broadcast)"
                            : " (shuffle " + stage.shuffleId().get() + ", " + stage.outputPartitioning().get() + ")")
                    .append(", ").append(stage.numTasks()).append(" tasks, parents ").append(stage.parents()).append('\n');
            for (String line : stage.fragment().treeString().split("\n")) {
                out.append("  ").append(line).append('\n');
            }
        }
        return out.toString();
    }
}
