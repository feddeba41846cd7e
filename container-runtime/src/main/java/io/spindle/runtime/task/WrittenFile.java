package io.spindle.runtime.task;

import static java.util.Objects.requireNonNull;

/** The file a result task of a writing job wrote into the job's staging directory, for the driver to commit. */
public record WrittenFile(String path, long rows, long bytes)
{
    public WrittenFile
    {
        requireNonNull(path, "path is null");
    }
}
