package io.spindle.runtime.shuffle;

/** A reduce task could not get a map output block: the output is lost or its node is unreachable. */
public final class FetchFailedException
        extends RuntimeException
{
    private final int shuffleId;
    private final int mapId;

    public FetchFailedException(int shuffleId, int mapId, String message, Throwable cause)
    {
        super(message, cause);
        this.shuffleId = shuffleId;
        this.mapId = mapId;
    }

    public int shuffleId()
    {
        return shuffleId;
    }

    public int mapId()
    {
        return mapId;
    }
}
