package io.spindle.sql;

/**
 * A query that cannot run as written: a missing path or column, a wrong type. Raised on the driver before
 * any container is asked for; the message names the thing, what exists and what to do.
 */
public class AnalysisException
        extends RuntimeException
{
    public AnalysisException(String message)
    {
        super(message);
    }

    public AnalysisException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
