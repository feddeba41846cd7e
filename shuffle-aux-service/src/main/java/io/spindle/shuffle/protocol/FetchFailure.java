package io.spindle.shuffle.protocol;

import static java.util.Objects.requireNonNull;

/** Tells the client why the server could not serve a request. */
public record FetchFailure(long requestId, String message) implements ShuffleMessage {

    public FetchFailure {
        requireNonNull(message, "message is null");
    }
}
