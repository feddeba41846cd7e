package io.spindle.shuffle.server;

import static java.util.Objects.requireNonNull;

import io.spindle.shuffle.BlockId;
import io.spindle.shuffle.ShuffleLayout;
import io.spindle.shuffle.ShuffleLayout.PartitionRange;
import io.spindle.shuffle.ShuffleServiceMetadata;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves blocks written through {@link ShuffleLayout} into the NodeManager's local dirs, for
 * the applications registered with it.
 *
 * <p>A map's output is first looked for in the app dir its writer would have chosen, then in
 * the other dirs: a container sees only the disks that were healthy when it started, so its
 * choice may differ from one made over all the NodeManager's dirs. Only registered applications
 * are served, which also keeps a request's appId from naming a path outside the local dirs.
 *
 * <p>Thread-safe.
 */
public final class LocalDirsBlockResolver implements ShuffleBlockResolver {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDirsBlockResolver.class);

    private final List<Path> nmLocalDirs;
    private final ConcurrentMap<String, RegisteredApplication> applications = new ConcurrentHashMap<>();

    public LocalDirsBlockResolver(List<Path> nmLocalDirs) {
        requireNonNull(nmLocalDirs, "nmLocalDirs is null");
        if (nmLocalDirs.isEmpty()) {
            throw new IllegalArgumentException("at least one NodeManager local dir is needed");
        }
        this.nmLocalDirs = List.copyOf(nmLocalDirs);
    }

    public List<Path> nmLocalDirs() {
        return nmLocalDirs;
    }

    /** Starts serving an application's blocks; registering it again replaces its user. */
    public void registerApplication(String appId, String user) {
        List<Path> appDirs = new ArrayList<>(nmLocalDirs.size());
        for (Path nmLocalDir : nmLocalDirs) {
            appDirs.add(ShuffleLayout.appDirUnderNmLocalDir(nmLocalDir, user, appId));
        }
        applications.put(appId, new RegisteredApplication(user, List.copyOf(appDirs)));
    }

    public boolean isRegistered(String appId) {
        return applications.containsKey(appId);
    }

    /**
     * Stops serving an application and deletes its map output from every local dir.
     *
     * @return whether the application was registered; nothing is deleted if it was not
     */
    public boolean removeApplication(String appId) {
        RegisteredApplication application = applications.remove(appId);
        if (application == null) {
            return false;
        }
        for (Path appDir : application.appDirs()) {
            deleteShuffleRoot(appId, ShuffleLayout.shuffleRoot(appDir));
        }
        return true;
    }

    @Override
    public FileSegment resolve(BlockId block) throws IOException {
        RegisteredApplication application = applications.get(block.appId());
        if (application == null) {
            throw new BlockUnavailableException("application " + block.appId() + " is not registered with the "
                    + ShuffleServiceMetadata.SERVICE_NAME + " service on this node (it has finished, or its"
                    + " containers were launched without service data for " + ShuffleServiceMetadata.SERVICE_NAME + ")");
        }
        List<Path> appDirs = application.appDirs();
        int preferred = ShuffleLayout.appDirIndex(block.shuffleId(), block.mapId(), appDirs.size());
        List<Path> indexFilesTried = new ArrayList<>(appDirs.size());
        for (int i = 0; i < appDirs.size(); i++) {
            Path appDir = appDirs.get((preferred + i) % appDirs.size());
            Path indexFile = ShuffleLayout.indexFileIn(appDir, block.shuffleId(), block.mapId());
            indexFilesTried.add(indexFile);
            PartitionRange range;
            try {
                range = ShuffleLayout.readPartitionRange(indexFile, block.reduceId());
            } catch (NoSuchFileException e) {
                continue;
            } catch (IllegalArgumentException e) {
                throw new BlockUnavailableException("cannot serve block " + block + ": " + e.getMessage());
            }
            return segmentOf(block, appDir, indexFile, range);
        }
        throw new BlockUnavailableException(String.format(
                "map output for shuffle %d, map %d (reduce %d) of application %s is not on this node;"
                        + " looked for %s",
                block.shuffleId(), block.mapId(), block.reduceId(), block.appId(), indexFilesTried));
    }

    private static FileSegment segmentOf(BlockId block, Path appDir, Path indexFile, PartitionRange range)
            throws IOException {
        Path dataFile = ShuffleLayout.dataFileIn(appDir, block.shuffleId(), block.mapId());
        long dataLength;
        try {
            dataLength = Files.size(dataFile);
        } catch (NoSuchFileException e) {
            throw new BlockUnavailableException("cannot serve block " + block + ": index file " + indexFile
                    + " exists but data file " + dataFile + " does not");
        }
        if (dataLength != range.dataLength()) {
            throw new IOException("cannot serve block " + block + ": data file " + dataFile + " is " + dataLength
                    + " bytes but index file " + indexFile + " says " + range.dataLength()
                    + "; the map output is corrupt or being rewritten");
        }
        return new FileSegment(dataFile.toFile(), range.offset(), range.length());
    }

    private static void deleteShuffleRoot(String appId, Path shuffleRoot) {
        if (!Files.exists(shuffleRoot)) {
            return;
        }
        try {
            Files.walkFileTree(shuffleRoot, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                    if (failure instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw failure;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null && !(failure instanceof NoSuchFileException)) {
                        throw failure;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // The NodeManager deletes the app dir at the same time: what is gone needs no deleting.
            LOG.debug("Map output {} of application {} was already being deleted", shuffleRoot, appId);
        } catch (IOException e) {
            // The NodeManager deletes the whole app dir itself once the application is done;
            // this eager delete only frees the disk sooner, so a failure is worth a warning only.
            LOG.warn("Could not delete map output {} of finished application {}", shuffleRoot, appId, e);
        }
    }

    private record RegisteredApplication(String user, List<Path> appDirs) {}
}
