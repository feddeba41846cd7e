package io.spindle.benchmarks.tpch;

/**
 * One engine under test, set up over the TPC-H tables of one directory. {@link #run} is called once per
 * query execution, from one thread; its wall time is what the benchmark measures, so it must return only
 * when every row of the result has reached the caller.
 */
interface TpchEngine
        extends AutoCloseable
{
    /** The engine, its version and mode, and the Parquet and Hadoop versions it reads with, for the report. */
    String description();

    /** Runs a query by its TPC-H name ({@code q1}) and collects its rows. */
    QueryResult run(String query)
            throws Exception;

    /**
     * Asks the engine to stop what {@link #run} is doing, called from another thread when a query runs out of
     * time (after that thread was interrupted). Doing nothing is allowed: the run then goes on in the background.
     */
    default void cancel()
    {
    }
}
