package io.spindle.shuffle.protocol;

/** A message of the shuffle protocol; every message names the request it belongs to. */
public sealed interface ShuffleMessage permits FetchRequest, BlockData, FetchFailure {

    /** The id the client chose for the request; unique among its connection's open requests. */
    long requestId();
}
