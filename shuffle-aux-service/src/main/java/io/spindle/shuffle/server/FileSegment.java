package io.spindle.shuffle.server;

import static java.util.Objects.requireNonNull;

import java.io.File;

/** A run of bytes in a file: where a block lives on disk. */
public record FileSegment(File file, long offset, long length) {

    public FileSegment {
        requireNonNull(file, "file is null");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException(
                    "offset and length must not be negative: offset " + offset + ", length " + length);
        }
    }
}
