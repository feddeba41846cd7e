package io.spindle.shuffle.protocol;

import static java.util.Objects.requireNonNull;

import io.spindle.shuffle.BlockId;

/** Asks the server for one block. */
public record FetchRequest(long requestId, BlockId block) implements ShuffleMessage {

    public FetchRequest {
        requireNonNull(block, "block is null");
    }
}
