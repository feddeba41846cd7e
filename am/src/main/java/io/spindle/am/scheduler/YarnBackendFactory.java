package io.spindle.am.scheduler;

import io.spindle.conf.SpindleConf;
import io.spindle.sql.execution.ExecutionBackend;
import io.spindle.sql.execution.ExecutionBackendFactory;

/** The backend for master {@code yarn}, which exists only inside a Spindle ApplicationMaster. */
public final class YarnBackendFactory
        implements ExecutionBackendFactory
{
    @Override
    public boolean accepts(String master)
    {
        return master.equals("yarn");
    }

    @Override
    public ExecutionBackend create(String master, SpindleConf conf)
    {
        YarnDriverRuntime runtime = YarnDriverRuntime.current().orElseThrow(() -> new IllegalStateException(
                "master 'yarn' runs only inside a Spindle ApplicationMaster; submit the program with"
                        + " 'yarn jar spindle-client.jar submit --class ...', or use local[N] to run it here"));
        return new YarnBackend(runtime);
    }
}
