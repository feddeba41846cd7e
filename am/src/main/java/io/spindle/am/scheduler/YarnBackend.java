package io.spindle.am.scheduler;

import io.spindle.conf.SpindleConf;
import io.spindle.planner.output.FileOutputSpec;
import io.spindle.planner.stages.StageGraph;
import io.spindle.sql.execution.ExecutionBackend;
import io.spindle.sql.execution.QueryResult;
import org.apache.hadoop.conf.Configuration;

import static java.util.Objects.requireNonNull;

/** Runs a session's jobs on the executors of the YARN application this driver belongs to. */
final class YarnBackend
        implements ExecutionBackend
{
    private final YarnDriverRuntime runtime;
    private final DagScheduler scheduler;

    YarnBackend(YarnDriverRuntime runtime)
    {
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.scheduler = runtime.scheduler();
    }

    @Override
    public QueryResult run(StageGraph graph, String description)
    {
        return scheduler.run(graph, description);
    }

    @Override
    public QueryResult write(StageGraph graph, String description, FileOutputSpec output)
    {
        return scheduler.write(graph, description, output, hadoopConfiguration());
    }

    @Override
    public void uncache(int cacheId)
    {
        scheduler.uncache(cacheId);
    }

    @Override
    public Configuration hadoopConfiguration()
    {
        return runtime.context().hadoopConfiguration();
    }

    @Override
    public SpindleConf conf()
    {
        return runtime.context().conf();
    }

    @Override
    public void close()
    {
        // executors belong to the application, not the session: the ApplicationMaster stops them at its end
    }
}
