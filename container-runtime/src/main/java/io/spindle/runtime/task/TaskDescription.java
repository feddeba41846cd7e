package io.spindle.runtime.task;

import io.spindle.planner.physical.Partitioning;
import io.spindle.planner.physical.PhysicalPlan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Everything an executor needs to run one attempt of one task: the stage's operator fragment, which
 * partition to compute, where its shuffle inputs are, the rows of the broadcasts it reads (encoded batch
 * frames by broadcast id), and where its output goes (a shuffle, or back to the driver when
 * {@code shuffleOutput} is empty).
 */
public record TaskDescription(long taskId, int jobId, int stageId, int partition, int attempt, PhysicalPlan fragment,
        Optional<ShuffleOutput> shuffleOutput, Map<Integer, List<MapOutput>> shuffleInputs, Map<Integer, byte[]> broadcasts)
{
    public TaskDescription
    {
        requireNonNull(fragment, "fragment is null");
        requireNonNull(shuffleOutput, "shuffleOutput is null");
        shuffleInputs = Map.copyOf(requireNonNull(shuffleInputs, "shuffleInputs is null"));
        broadcasts = Map.copyOf(requireNonNull(broadcasts, "broadcasts is null"));
    }

    /** A task that reads no broadcast. */
    public TaskDescription(long taskId, int jobId, int stageId, int partition, int attempt, PhysicalPlan fragment,
            Optional<ShuffleOutput> shuffleOutput, Map<Integer, List<MapOutput>> shuffleInputs)
    {
        this(taskId, jobId, stageId, partition, attempt, fragment, shuffleOutput, shuffleInputs, Map.of());
    }

    /** The shuffle a map task writes and how it partitions its rows. */
    public record ShuffleOutput(int shuffleId, Partitioning partitioning)
    {
        public ShuffleOutput
        {
            requireNonNull(partitioning, "partitioning is null");
        }
    }

    public String name()
    {
        return "task " + partition + "." + attempt + " of stage " + stageId + " (TID " + taskId + ")";
    }
}
