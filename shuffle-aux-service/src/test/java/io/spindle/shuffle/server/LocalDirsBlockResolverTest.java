package io.spindle.shuffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spindle.shuffle.BlockId;
import io.spindle.shuffle.MapOutputs;
import io.spindle.shuffle.ShuffleLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirsBlockResolverTest {

    private static final String APP = "application_1700000000000_0001";
    private static final String USER = "alice";

    @TempDir
    Path tmp;

    private List<Path> nmLocalDirs;
    private List<Path> appDirs;
    private LocalDirsBlockResolver resolver;

    @BeforeEach
    void setUp() throws IOException {
        nmLocalDirs = MapOutputs.nmLocalDirs(tmp, 3);
        appDirs = MapOutputs.appDirs(nmLocalDirs, USER, APP);
        resolver = new LocalDirsBlockResolver(nmLocalDirs);
        resolver.registerApplication(APP, USER);
    }

    @Test
    void resolvesEachPartitionToItsRangeOfTheDataFile() throws IOException {
        Path data = MapOutputs.write(appDirs, 2, 7, MapOutputs.randomPartitions(1, 100, 0, 35));

        assertEquals(new FileSegment(data.toFile(), 0, 100), resolver.resolve(new BlockId(APP, 2, 7, 0)));
        assertEquals(new FileSegment(data.toFile(), 100, 0), resolver.resolve(new BlockId(APP, 2, 7, 1)));
        assertEquals(new FileSegment(data.toFile(), 100, 35), resolver.resolve(new BlockId(APP, 2, 7, 2)));
    }

    @Test
    void findsOutputWrittenByAContainerThatSawFewerDisks() throws IOException {
        // A container launched while disks 0 and 2 were unhealthy only got the app dir on disk 1.
        Path data = MapOutputs.write(List.of(appDirs.get(1)), 0, 0, MapOutputs.randomPartitions(2, 10));
        assertTrue(ShuffleLayout.appDirIndex(0, 0, appDirs.size()) != 1, "the usual choice must differ");

        assertEquals(new FileSegment(data.toFile(), 0, 10), resolver.resolve(new BlockId(APP, 0, 0, 0)));
    }

    @Test
    void unregisteredApplicationIsRefused() {
        BlockUnavailableException e = assertThrows(BlockUnavailableException.class,
                () -> resolver.resolve(new BlockId("application_1700000000000_0999", 0, 0, 0)));

        assertTrue(e.getMessage().startsWith("application application_1700000000000_0999 is not registered with the"
                + " spindle_shuffle service on this node"), e.getMessage());
    }

    @Test
    void missingMapOutputNamesTheBlockAndEveryPathLookedAt() {
        BlockUnavailableException e = assertThrows(BlockUnavailableException.class,
                () -> resolver.resolve(new BlockId(APP, 3, 9, 1)));

        assertTrue(e.getMessage().contains("shuffle 3, map 9 (reduce 1) of application " + APP), e.getMessage());
        for (Path appDir : appDirs) {
            assertTrue(e.getMessage().contains(ShuffleLayout.indexFileIn(appDir, 3, 9).toString()), e.getMessage());
        }
    }

    @Test
    void partitionPastTheLastIsUnavailable() throws IOException {
        MapOutputs.write(appDirs, 0, 1, MapOutputs.randomPartitions(3, 5, 5));

        BlockUnavailableException e = assertThrows(BlockUnavailableException.class,
                () -> resolver.resolve(new BlockId(APP, 0, 1, 2)));
        assertTrue(e.getMessage().contains("reduce partition 2 is out of range"), e.getMessage());
    }

    @Test
    void indexWithoutDataIsUnavailable() throws IOException {
        Path data = MapOutputs.write(appDirs, 0, 2, MapOutputs.randomPartitions(4, 5));
        Files.delete(data);

        BlockUnavailableException e = assertThrows(BlockUnavailableException.class,
                () -> resolver.resolve(new BlockId(APP, 0, 2, 0)));
        assertTrue(e.getMessage().contains("data file " + data + " does not"), e.getMessage());
    }

    @Test
    void dataFileThatDisagreesWithItsIndexIsAnError() throws IOException {
        Path data = MapOutputs.write(appDirs, 0, 3, MapOutputs.randomPartitions(5, 5, 5));
        Files.write(data, new byte[7]);

        IOException e = assertThrows(IOException.class, () -> resolver.resolve(new BlockId(APP, 0, 3, 0)));
        assertFalse(e instanceof BlockUnavailableException, "corruption is this node's fault, not the fetcher's");
        assertTrue(e.getMessage().contains("is 7 bytes but index file"), e.getMessage());
        assertTrue(e.getMessage().contains("says 10"), e.getMessage());
    }

    @Test
    void removingAnApplicationDeletesItsMapOutputOnly() throws IOException {
        for (int map = 0; map < 6; map++) {
            MapOutputs.write(appDirs, 1, map, MapOutputs.randomPartitions(map, 3, 4));
        }
        Path otherFile = Files.writeString(appDirs.get(0).resolve("container-scratch"), "keep");

        assertTrue(resolver.removeApplication(APP));

        for (Path appDir : appDirs) {
            assertFalse(Files.exists(ShuffleLayout.shuffleRoot(appDir)), appDir + " still holds map output");
        }
        assertTrue(Files.exists(otherFile), "files that are not map output belong to YARN");
        assertFalse(resolver.isRegistered(APP));
        assertThrows(BlockUnavailableException.class, () -> resolver.resolve(new BlockId(APP, 1, 0, 0)));
        assertFalse(resolver.removeApplication(APP), "a second removal has nothing to remove");
    }
}
