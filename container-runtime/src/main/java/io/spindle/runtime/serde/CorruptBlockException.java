package io.spindle.runtime.serde;

/**
 * Bytes that should hold {@link BatchSerde} frames do not: a wrong magic number, a checksum mismatch, a truncated
 * frame or a body that does not parse. The message says what was expected and what was found, and where.
 */
public final class CorruptBlockException
        extends RuntimeException
{
    public CorruptBlockException(String message)
    {
        super(message);
    }

    public CorruptBlockException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
