package io.spindle.sql.execution;

import io.spindle.conf.SpindleConf;
import io.spindle.planner.output.FileOutputSpec;
import io.spindle.planner.stages.StageGraph;
import org.apache.hadoop.conf.Configuration;

/**
 * Where a session's jobs run: executor threads in this JVM (local mode) or executor containers on YARN.
 * The planner hands it a stage graph; it returns the rows and what each stage did.
 */
public interface ExecutionBackend
        extends AutoCloseable
{
    /** Runs every stage of {@code graph} and returns the result stage's rows in partition order. */
    QueryResult run(StageGraph graph, String description);

    /**
     * Runs every stage of {@code graph}, the result stage's tasks writing their rows as files per {@code output},
     * and commits the files only if every task succeeded; returns no rows.
     */
    default QueryResult write(StageGraph graph, String description, FileOutputSpec output)
    {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot write files");
    }

    /** Drops every block of cache {@code cacheId} wherever executors hold one; nothing when there are none. */
    default void uncache(int cacheId)
    {
    }

    /** The Hadoop configuration the driver lists and reads files with. */
    Configuration hadoopConfiguration();

    /** The settings the backend was started with; the session adds the builder's on top. */
    SpindleConf conf();

    @Override
    void close();
}
