package io.spindle.runtime.task;

import io.spindle.planner.output.FileOutputSpec;
import io.spindle.planner.physical.Partitioning;
import io.spindle.planner.physical.PhysicalPlan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Everything an executor needs to run one attempt of one task: the stage's operator fragment, which
 * partition to compute, where its shuffle inputs are, the rows of the broadcasts it reads (encoded batch
 * frames by broadcast id), and where its output goes (a shuffle; files in a writing job's staging directory,
 * when {@code fileOutput} is set; else back to the driver).
 */
public record TaskDescription(long taskId, int jobId, int stageId, int partition, int attempt, PhysicalPlan fragment,
        Optional<ShuffleOutput> shuffleOutput, Map<Integer, List<MapOutput>> shuffleInputs, Map<Integer, byte[]> broadcasts,
        Optional<FileOutputSpec> fileOutput)
{
    public TaskDescription
    {
        requireNonNull(fragment, "fragment is null");
        requireNonNull(shuffleOutput, "shuffleOutput is null");
        requireNonNull(fileOutput, "fileOutput is null");
        if (shuffleOutput.isPresent() && fileOutput.isPresent()) {
            throw new IllegalArgumentException("a task writes a shuffle or files, not both");
        }
        shuffleInputs = Map.copyOf(requireNonNull(shuffleInputs, "shuffleInputs is null"));
        broadcasts = Map.copyOf(requireNonNull(broadcasts, "broadcasts is null"));
    }

    /** A task whose rows go to a shuffle or back to the driver. */
    public TaskDescription(long taskId, int jobId, int stageId, int partition, int attempt, PhysicalPlan fragment,
            Optional<ShuffleOutput> shuffleOutput, Map<Integer, List<MapOutput>> shuffleInputs, Map<Integer, byte[]> broadcasts)
    {
        this(taskId, jobId, stageId, partition, attempt, fragment, shuffleOutput, shuffleInputs, broadcasts, Optional.empty());
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
