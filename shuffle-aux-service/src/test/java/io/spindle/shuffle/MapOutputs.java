package io.spindle.shuffle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Writes map output the way an executor does, for tests of the reading side. */
public final class MapOutputs {

    private MapOutputs() {}

    /** Writes one map's partitions through {@link ShuffleLayout} and returns its data file. */
    public static Path write(List<Path> appDirs, int shuffleId, int mapId, List<byte[]> partitions)
            throws IOException {
        Path data = ShuffleLayout.dataFile(appDirs, shuffleId, mapId);
        Path index = ShuffleLayout.indexFile(appDirs, shuffleId, mapId);
        Files.createDirectories(data.getParent());
        Path tmpData = ShuffleLayout.tempFileFor(data);
        Path tmpIndex = ShuffleLayout.tempFileFor(index);
        long[] lengths = new long[partitions.size()];
        try (var out = Files.newOutputStream(tmpData)) {
            for (int i = 0; i < partitions.size(); i++) {
                out.write(partitions.get(i));
                lengths[i] = partitions.get(i).length;
            }
        }
        ShuffleLayout.writeIndex(tmpIndex, lengths);
        ShuffleLayout.commit(tmpData, tmpIndex, data, index);
        return data;
    }

    /** Returns partitions of the given sizes filled with bytes that differ per seed. */
    public static List<byte[]> randomPartitions(long seed, int... sizes) {
        Random random = new Random(seed);
        List<byte[]> partitions = new ArrayList<>(sizes.length);
        for (int size : sizes) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            partitions.add(bytes);
        }
        return partitions;
    }

    /** Creates {@code count} NodeManager local dirs under {@code root}. */
    public static List<Path> nmLocalDirs(Path root, int count) throws IOException {
        List<Path> dirs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            dirs.add(Files.createDirectories(root.resolve("nm-local-" + i)));
        }
        return List.copyOf(dirs);
    }

    /** The application's dirs under the NodeManager's local dirs, as LOCAL_DIRS lists them. */
    public static List<Path> appDirs(List<Path> nmLocalDirs, String user, String appId) {
        return nmLocalDirs.stream()
                .map(dir -> ShuffleLayout.appDirUnderNmLocalDir(dir, user, appId))
                .toList();
    }
}
