package io.spindle.sql;

/** A job that started but could not finish: a task failed too often, or executors could not be had. */
public class JobFailedException
        extends RuntimeException
{
    public JobFailedException(String message)
    {
        super(message);
    }

    public JobFailedException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
