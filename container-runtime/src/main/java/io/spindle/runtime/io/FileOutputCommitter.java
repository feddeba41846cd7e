package io.spindle.runtime.io;

import io.spindle.planner.output.FileOutputSpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The driver's half of the file output protocol. {@link #setupJob()} creates the job's staging directory
 * {@code <path>/_temporary/<jobUuid>}; every task attempt writes one file straight into it (a file per
 * attempt, so retried attempts never share a name); {@link #commitJob} runs once every task has succeeded:
 * it deletes the old files when overwriting, renames the file of each partition's successful attempt into
 * {@code path}, removes the staging directory and writes {@code _SUCCESS}. {@link #abortJob()} deletes the
 * staging directory, leaving the files already in {@code path} untouched, and removes {@code path} again
 * when setup created it and it is still empty. Used by one thread: the one running the job.
 */
public final class FileOutputCommitter
{
    private static final Logger LOG = LoggerFactory.getLogger(FileOutputCommitter.class);

    private final FileOutputSpec spec;
    private final FileSystem fs;
    private final Path output;
    private final Path temporary;
    private final Path staging;
    private boolean outputExisted;

    public FileOutputCommitter(Configuration conf, FileOutputSpec spec)
    {
        this.spec = requireNonNull(spec, "spec is null");
        this.output = new Path(spec.path());
        this.temporary = new Path(output, FileOutputSpec.TEMPORARY_DIR);
        this.staging = new Path(spec.stagingDir());
        try {
            this.fs = output.getFileSystem(requireNonNull(conf, "conf is null"));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of output path " + spec.path() + ": " + e.getMessage(), e);
        }
    }

    /** The file a task attempt writes, inside the staging directory. */
    public static String attemptFile(FileOutputSpec spec, int partition, int attempt)
    {
        return spec.stagingDir() + "/" + spec.attemptFileName(partition, attempt);
    }

    public void setupJob()
    {
        try {
            outputExisted = fs.exists(output);
            if (!fs.mkdirs(staging)) {
                throw new IOException("mkdirs returned false");
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create staging directory " + staging + " for output " + output + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves the files of the successful attempts into place.
     *
     * @param attemptFiles the file of each partition's successful attempt, by partition
     */
    public void commitJob(List<String> attemptFiles)
    {
        try {
            for (String file : attemptFiles) {
                if (!fs.exists(new Path(file))) {
                    throw new FileNotFoundException("task output " + file + " is missing from staging directory " + staging);
                }
            }
            if (spec.overwrite()) {
                for (FileStatus old : fs.listStatus(output)) {
                    if (!old.getPath().getName().equals(FileOutputSpec.TEMPORARY_DIR)) {
                        delete(old.getPath(), true);
                    }
                }
            }
            for (int partition = 0; partition < attemptFiles.size(); partition++) {
                Path target = new Path(output, spec.fileName(partition));
                if (!fs.rename(new Path(attemptFiles.get(partition)), target)) {
                    throw new IOException("rename of " + attemptFiles.get(partition) + " to " + target + " returned false");
                }
            }
            cleanUpStaging();
            fs.create(new Path(output, FileOutputSpec.SUCCESS_FILE), true).close();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot commit output " + output + ": " + e.getMessage(), e);
        }
    }

    /** Removes what the job staged; never touches the committed files of {@code path}. */
    public void abortJob()
    {
        try {
            // a task attempt still running may create its file while the directory is being deleted; once the
            // directory is gone it cannot (files are created without parents), so a second pass finishes the job
            for (int pass = 0; ; pass++) {
                try {
                    cleanUpStaging();
                    break;
                }
                catch (IOException e) {
                    if (pass == 2) {
                        throw e;
                    }
                }
            }
            if (!outputExisted && fs.exists(output) && fs.listStatus(output).length == 0) {
                delete(output, false);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot remove staging directory " + staging + " of output " + output + ": " + e.getMessage(), e);
        }
    }

    private void cleanUpStaging()
            throws IOException
    {
        delete(staging, true);
        // other jobs may be writing to the same path: remove _temporary only when it is empty
        if (fs.exists(temporary) && fs.listStatus(temporary).length == 0) {
            delete(temporary, false);
        }
    }

    private void delete(Path path, boolean recursive)
            throws IOException
    {
        if (!fs.delete(path, recursive) && fs.exists(path)) {
            throw new IOException("delete of " + path + " returned false");
        }
        LOG.debug("deleted {}", path);
    }
}
