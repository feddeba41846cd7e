package io.spindle.planner.output;

import io.spindle.planner.types.Schema;

import java.io.Serializable;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Where and how a job writes its result rows instead of returning them: each result task writes its
 * partition as one file of {@code format} into the job's staging directory {@code <path>/_temporary/<jobUuid>},
 * and the driver moves the files into {@code path} once every task has succeeded.
 *
 * @param overwrite whether the commit replaces the files already in {@code path} (else it adds beside them)
 * @param options the writer's options, checked by the driver ({@code header} and {@code delimiter} for CSV)
 */
public record FileOutputSpec(String format, String path, String jobUuid, Schema schema, boolean overwrite, Map<String, String> options)
        implements Serializable
{
    public static final String TEMPORARY_DIR = "_temporary";
    public static final String SUCCESS_FILE = "_SUCCESS";

    public FileOutputSpec
    {
        requireNonNull(format, "format is null");
        requireNonNull(path, "path is null");
        requireNonNull(jobUuid, "jobUuid is null");
        requireNonNull(schema, "schema is null");
        options = Map.copyOf(requireNonNull(options, "options is null"));
    }

    public FileOutputSpec(String format, String path, String jobUuid, Schema schema, boolean overwrite)
    {
        this(format, path, jobUuid, schema, overwrite, Map.of());
    }

    /** The directory the job's tasks write into; it exists from job setup until commit or abort. */
    public String stagingDir()
    {
        return path + "/" + TEMPORARY_DIR + "/" + jobUuid;
    }

    /** The name a partition's file has once committed: unique per job, so appends never collide. */
    public String fileName(int partition)
    {
        // as Spark names them: Parquet files are snappy-compressed, text files are not
        String suffix = format.equals("parquet") ? "snappy.parquet" : format;
        return String.format(java.util.Locale.ROOT, "part-%05d-%s.%s", partition, jobUuid, suffix);
    }

    /** The name of one attempt's file in the staging directory. */
    public String attemptFileName(int partition, int attempt)
    {
        return fileName(partition) + ".attempt-" + attempt;
    }
}
