package io.spindle.shuffle.server;

import java.io.IOException;

/**
 * A block cannot be served for a reason the fetcher should hear about and that is no fault of
 * this node's disks: the application is unknown here, or the map output is not here.
 */
public final class BlockUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    public BlockUnavailableException(String message) {
        super(message);
    }
}
