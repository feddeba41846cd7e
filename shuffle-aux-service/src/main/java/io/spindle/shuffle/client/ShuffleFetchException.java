package io.spindle.shuffle.client;

import static java.util.Objects.requireNonNull;

import io.spindle.shuffle.BlockId;

/** A block could not be fetched; names the shuffle service it was asked of and the block. */
public final class ShuffleFetchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;
    private final BlockId block;

    public ShuffleFetchException(String host, int port, BlockId block, String reason) {
        this(host, port, block, reason, null);
    }

    public ShuffleFetchException(String host, int port, BlockId block, String reason, Throwable cause) {
        super("could not fetch block " + block + " from shuffle service " + host + ":" + port + ": " + reason, cause);
        this.host = requireNonNull(host, "host is null");
        this.port = port;
        this.block = requireNonNull(block, "block is null");
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public BlockId block() {
        return block;
    }
}
