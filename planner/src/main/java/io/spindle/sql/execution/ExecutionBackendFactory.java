package io.spindle.sql.execution;

import io.spindle.conf.SpindleConf;

/** Creates the backend for a master URL ({@code local[N]}, {@code yarn}); found with {@link java.util.ServiceLoader}. */
public interface ExecutionBackendFactory
{
    boolean accepts(String master);

    ExecutionBackend create(String master, SpindleConf conf);
}
