package io.spindle.shuffle;

import static java.util.Objects.requireNonNull;

/**
 * Names one shuffle block: the bytes that map task {@code mapId} of shuffle {@code shuffleId}
 * wrote for reduce partition {@code reduceId}, inside YARN application {@code appId}.
 */
public record BlockId(String appId, int shuffleId, int mapId, int reduceId) {

    public BlockId {
        requireNonNull(appId, "appId is null");
        if (appId.isEmpty()) {
            throw new IllegalArgumentException("appId is empty");
        }
        if (shuffleId < 0 || mapId < 0 || reduceId < 0) {
            throw new IllegalArgumentException(String.format(
                    "shuffleId, mapId and reduceId must not be negative: shuffle %d, map %d, reduce %d",
                    shuffleId, mapId, reduceId));
        }
    }

    @Override
    public String toString() {
        return String.format("%s/shuffle %d/map %d/reduce %d", appId, shuffleId, mapId, reduceId);
    }
}
