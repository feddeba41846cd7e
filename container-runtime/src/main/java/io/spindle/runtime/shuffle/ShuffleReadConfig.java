package io.spindle.runtime.shuffle;

import io.spindle.conf.ConfigKey;

/** The keys a reduce task's shuffle reader obeys; the ApplicationMaster passes them to every executor it starts. */
public final class ShuffleReadConfig
{
    public static final ConfigKey<Integer> MAX_RETRIES = ConfigKey.intKey("spindle.shuffle.io.maxRetries", 3,
            "times a reduce task fetches a shuffle block again when its frames fail their CRC32C checksum, before it reports"
                    + " a fetch failure (Spark: spark.shuffle.io.maxRetries); 0 fails at the first corrupt block");

    private ShuffleReadConfig()
    {
    }
}
