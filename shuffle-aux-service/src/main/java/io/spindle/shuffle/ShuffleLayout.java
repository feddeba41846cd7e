package io.spindle.shuffle;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The on-disk contract between the executors that write map output and the shuffle service
 * that serves it.
 *
 * <p>An executor container receives its application's directories in {@code LOCAL_DIRS}, each
 * {@code <nm-local-dir>/usercache/<user>/appcache/<appId>}. The output of map {@code m} of
 * shuffle {@code s} is two files in {@code <appDir>/spindle-shuffle/<s>/}: {@code map-<m>.data}
 * holds every reduce partition's bytes back to back, and {@code map-<m>.index} holds
 * {@code numPartitions + 1} big-endian longs: the partitions' start offsets followed by the data
 * file's length, so partition {@code r} is bytes {@code [off[r], off[r+1])}. The app dir is
 * {@code appDirs.get(floorMod(31 * s + m, appDirs.size()))}, which spreads maps over disks.
 *
 * <p>Writers write both files under temporary names in the target directory (see
 * {@link #tempFileFor}) and then {@link #commit} them; the index appears last, so a reader that
 * finds an index also finds its data.
 */
public final class ShuffleLayout {

    /** The environment variable in which YARN hands a container its application's local dirs. */
    public static final String LOCAL_DIRS_ENV = "LOCAL_DIRS";
    /** The directory, inside each application dir, that holds all of Spindle's map output. */
    public static final String SHUFFLE_DIR_NAME = "spindle-shuffle";

    private static final String USER_CACHE_DIR_NAME = "usercache";
    private static final String APP_CACHE_DIR_NAME = "appcache";
    private static final String DATA_SUFFIX = ".data";
    private static final String INDEX_SUFFIX = ".index";

    private ShuffleLayout() {}

    /** Reads the application dirs YARN gave this container in {@code LOCAL_DIRS}. */
    public static List<Path> appDirsFromEnvironment(Map<String, String> env) {
        String value = env.get(LOCAL_DIRS_ENV);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + LOCAL_DIRS_ENV
                    + " is not set; map output can only be written inside a YARN container");
        }
        return parseDirList(value);
    }

    /** Splits a comma-separated list of directories, ignoring blanks around and between them. */
    public static List<Path> parseDirList(String commaSeparated) {
        List<Path> dirs = new ArrayList<>();
        for (String dir : commaSeparated.split(",")) {
            if (!dir.isBlank()) {
                dirs.add(Path.of(dir.trim()));
            }
        }
        return List.copyOf(dirs);
    }

    /** Returns {@code <nmLocalDir>/usercache/<user>/appcache/<appId>}, as YARN lays it out. */
    public static Path appDirUnderNmLocalDir(Path nmLocalDir, String user, String appId) {
        requireNonNull(nmLocalDir, "nmLocalDir is null");
        return nmLocalDir.resolve(USER_CACHE_DIR_NAME)
                .resolve(requireSafeName(user, "user"))
                .resolve(APP_CACHE_DIR_NAME)
                .resolve(requireSafeName(appId, "appId"));
    }

    /** Returns the directory that holds all of Spindle's map output inside one app dir. */
    public static Path shuffleRoot(Path appDir) {
        return appDir.resolve(SHUFFLE_DIR_NAME);
    }

    /** Returns the directory that holds one shuffle's map output inside one app dir. */
    public static Path shuffleDir(Path appDir, int shuffleId) {
        requireNonNegative(shuffleId, "shuffleId");
        return shuffleRoot(appDir).resolve(Integer.toString(shuffleId));
    }

    /** Returns the index, among {@code numDirs} app dirs, of the dir that holds a map's output. */
    public static int appDirIndex(int shuffleId, int mapId, int numDirs) {
        requireNonNegative(shuffleId, "shuffleId");
        requireNonNegative(mapId, "mapId");
        if (numDirs <= 0) {
            throw new IllegalArgumentException("there must be at least one app dir, got " + numDirs);
        }
        return Math.floorMod(31 * shuffleId + mapId, numDirs);
    }

    /** Returns the app dir, among {@code appDirs}, that holds a map's output. */
    public static Path chooseAppDir(List<Path> appDirs, int shuffleId, int mapId) {
        return appDirs.get(appDirIndex(shuffleId, mapId, appDirs.size()));
    }

    public static String dataFileName(int mapId) {
        requireNonNegative(mapId, "mapId");
        return "map-" + mapId + DATA_SUFFIX;
    }

    public static String indexFileName(int mapId) {
        requireNonNegative(mapId, "mapId");
        return "map-" + mapId + INDEX_SUFFIX;
    }

    /** Returns where a map's data file lives, given all of the application's dirs. */
    public static Path dataFile(List<Path> appDirs, int shuffleId, int mapId) {
        return dataFileIn(chooseAppDir(appDirs, shuffleId, mapId), shuffleId, mapId);
    }

    /** Returns where a map's index file lives, given all of the application's dirs. */
    public static Path indexFile(List<Path> appDirs, int shuffleId, int mapId) {
        return indexFileIn(chooseAppDir(appDirs, shuffleId, mapId), shuffleId, mapId);
    }

    /** Returns the data file a map would have in one given app dir. */
    public static Path dataFileIn(Path appDir, int shuffleId, int mapId) {
        return shuffleDir(appDir, shuffleId).resolve(dataFileName(mapId));
    }

    /** Returns the index file a map would have in one given app dir. */
    public static Path indexFileIn(Path appDir, int shuffleId, int mapId) {
        return shuffleDir(appDir, shuffleId).resolve(indexFileName(mapId));
    }

    /**
     * Returns a unique temporary name next to {@code target}, for a writer to fill before
     * {@link #commit}. Being in the same directory keeps the final rename atomic.
     */
    public static Path tempFileFor(Path target) {
        return target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
    }

    /**
     * Writes an index file for a data file whose partitions have the given lengths, in order.
     * A partition may be empty (length 0).
     */
    public static void writeIndex(Path indexFile, long[] partitionLengths) throws IOException {
        try (DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(indexFile)))) {
            long offset = 0;
            out.writeLong(offset);
            for (int partition = 0; partition < partitionLengths.length; partition++) {
                long length = partitionLengths[partition];
                if (length < 0) {
                    throw new IllegalArgumentException(
                            "partition " + partition + " has negative length " + length);
                }
                offset += length;
                out.writeLong(offset);
            }
        }
    }

    /**
     * Reads where reduce partition {@code reduceId} lies in a map's data file.
     *
     * @throws java.nio.file.NoSuchFileException if the index file does not exist
     * @throws IllegalArgumentException if the map output has no partition {@code reduceId}
     * @throws IOException if the index file cannot be read or is malformed
     */
    public static PartitionRange readPartitionRange(Path indexFile, int reduceId) throws IOException {
        requireNonNegative(reduceId, "reduceId");
        try (FileChannel channel = FileChannel.open(indexFile, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 2 * Long.BYTES || size % Long.BYTES != 0) {
                throw new IOException("index file " + indexFile + " is corrupt: its size " + size
                        + " is not a whole number (at least 2) of 8-byte offsets");
            }
            long numPartitions = size / Long.BYTES - 1;
            if (reduceId >= numPartitions) {
                throw new IllegalArgumentException("reduce partition " + reduceId
                        + " is out of range: index file " + indexFile + " holds " + numPartitions
                        + " partitions");
            }
            ByteBuffer offsets = readFully(channel, (long) reduceId * Long.BYTES, 2 * Long.BYTES, indexFile);
            long start = offsets.getLong();
            long end = offsets.getLong();
            long dataLength = readFully(channel, size - Long.BYTES, Long.BYTES, indexFile).getLong();
            if (start < 0 || end < start || end > dataLength) {
                throw new IOException("index file " + indexFile + " is corrupt: partition " + reduceId
                        + " spans [" + start + ", " + end + ") of a " + dataLength + "-byte data file");
            }
            return new PartitionRange(start, end - start, (int) numPartitions, dataLength);
        }
    }

    /**
     * Publishes a map's output: renames the temporary data file, then the temporary index file,
     * onto their final names. Each rename is atomic and the index goes last, so a reader never
     * sees an index without its data. An index left by an earlier attempt of the same map is
     * removed first, so a new reader never pairs the old index with the new data.
     *
     * <p>On failure the temporary files are deleted and the map has no visible output.
     */
    public static void commit(Path tmpData, Path tmpIndex, Path data, Path index) throws IOException {
        try {
            Files.deleteIfExists(index);
            Files.move(tmpData, data, ATOMIC_MOVE, REPLACE_EXISTING);
            Files.move(tmpIndex, index, ATOMIC_MOVE, REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteAfterFailure(tmpData, e);
            deleteAfterFailure(tmpIndex, e);
            throw e;
        }
    }

    /** Where one reduce partition lies in a map's data file, as its index file states. */
    public record PartitionRange(long offset, long length, int numPartitions, long dataLength) {}

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path file)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new EOFException("index file " + file + " ended while reading " + length
                        + " bytes at offset " + position);
            }
        }
        return buffer.flip();
    }

    private static void deleteAfterFailure(Path file, Exception failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static String requireSafeName(String name, String what) {
        requireNonNull(name, what + " is null");
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
                || name.contains("\\")) {
            throw new IllegalArgumentException(what + " '" + name + "' cannot be a directory name");
        }
        return name;
    }

    private static void requireNonNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
    }
}
