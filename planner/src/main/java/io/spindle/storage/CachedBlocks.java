package io.spindle.storage;

import java.util.List;
import java.util.Optional;

/** Where the driver knows cached partitions to be: the planner reads a cache only when every partition is somewhere. */
public interface CachedBlocks
{
    CachedBlocks NONE = (cacheId, partitions) -> Optional.empty();

    /** For each of the {@code partitions} partitions of cache {@code cacheId}, the executor holding it; empty unless all are held. */
    Optional<List<String>> locations(int cacheId, int partitions);
}
