package io.spindle.shuffle.server;

import io.spindle.shuffle.BlockId;
import java.io.IOException;

/**
 * Finds where a block lives. The server sends the message of any exception it throws to the
 * fetcher, so that message must say what is wrong and where. Implementations must be
 * thread-safe: the server calls them from all its I/O threads.
 */
public interface ShuffleBlockResolver {

    /**
     * @throws BlockUnavailableException if the application is unknown or the block is not here
     * @throws IOException if the block's files cannot be read or contradict each other
     */
    FileSegment resolve(BlockId block) throws IOException;
}
