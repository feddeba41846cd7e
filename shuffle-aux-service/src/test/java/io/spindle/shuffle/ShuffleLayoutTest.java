package io.spindle.shuffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spindle.shuffle.ShuffleLayout.PartitionRange;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShuffleLayoutTest {

    @TempDir
    Path tmp;

    @Test
    void appDirFollowsYarnsUserCacheLayout() {
        assertEquals(Path.of("/data1/yarn/local/usercache/alice/appcache/application_1_0002"),
                ShuffleLayout.appDirUnderNmLocalDir(Path.of("/data1/yarn/local"), "alice", "application_1_0002"));
    }

    @Test
    void appDirRejectsNamesThatEscapeTheLocalDir() {
        Path nmLocalDir = Path.of("/data1/yarn/local");
        assertThrows(IllegalArgumentException.class,
                () -> ShuffleLayout.appDirUnderNmLocalDir(nmLocalDir, "alice", "../../etc"));
        assertThrows(IllegalArgumentException.class,
                () -> ShuffleLayout.appDirUnderNmLocalDir(nmLocalDir, "..", "application_1_0002"));
    }

    @Test
    void mapOutputGoesToTheAppDirPickedByShuffleAndMapId() {
        List<Path> appDirs = List.of(Path.of("/d0/app"), Path.of("/d1/app"), Path.of("/d2/app"));
        // 31 * 2 + 5 = 67 = 22 * 3 + 1
        assertEquals(Path.of("/d1/app/spindle-shuffle/2/map-5.data"), ShuffleLayout.dataFile(appDirs, 2, 5));
        assertEquals(Path.of("/d1/app/spindle-shuffle/2/map-5.index"), ShuffleLayout.indexFile(appDirs, 2, 5));
        assertEquals(Path.of("/d0/app/spindle-shuffle/0/map-0.data"), ShuffleLayout.dataFile(appDirs, 0, 0));
    }

    @Test
    void appDirIndexStaysInRangeWhenTheHashOverflows() {
        int shuffleId = 100_000_000;
        assertTrue(31 * shuffleId + 3 < 0, "the hash should overflow for this test to mean anything");
        int index = ShuffleLayout.appDirIndex(shuffleId, 3, 7);
        assertEquals(Math.floorMod(31 * shuffleId + 3, 7), index);
        assertTrue(index >= 0 && index < 7);
    }

    @Test
    void readsAppDirsFromTheContainerEnvironment() {
        assertEquals(List.of(Path.of("/d0/app"), Path.of("/d1/app")),
                ShuffleLayout.appDirsFromEnvironment(Map.of("LOCAL_DIRS", " /d0/app, /d1/app ,")));
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> ShuffleLayout.appDirsFromEnvironment(Map.of()));
        assertTrue(missing.getMessage().contains("LOCAL_DIRS"), missing.getMessage());
    }

    @Test
    void indexHoldsBigEndianOffsetsEndingWithTheDataLength() throws IOException {
        Path index = tmp.resolve("map-0.index");
        ShuffleLayout.writeIndex(index, new long[] {10, 0, 5});

        assertEquals(4 * Long.BYTES, Files.size(index));
        try (DataInputStream in = new DataInputStream(Files.newInputStream(index))) {
            assertArrayEquals(new long[] {0, 10, 10, 15},
                    new long[] {in.readLong(), in.readLong(), in.readLong(), in.readLong()});
        }
        assertEquals(new PartitionRange(0, 10, 3, 15), ShuffleLayout.readPartitionRange(index, 0));
        assertEquals(new PartitionRange(10, 0, 3, 15), ShuffleLayout.readPartitionRange(index, 1));
        assertEquals(new PartitionRange(10, 5, 3, 15), ShuffleLayout.readPartitionRange(index, 2));
    }

    @Test
    void readingAPartitionPastTheLastFailsNamingTheCount() throws IOException {
        Path index = tmp.resolve("map-0.index");
        ShuffleLayout.writeIndex(index, new long[] {1, 2});

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ShuffleLayout.readPartitionRange(index, 2));
        assertTrue(e.getMessage().contains("reduce partition 2 is out of range"), e.getMessage());
        assertTrue(e.getMessage().contains("holds 2 partitions"), e.getMessage());
    }

    @Test
    void malformedOrMissingIndexFails() throws IOException {
        Path truncated = Files.write(tmp.resolve("map-1.index"), new byte[12]);
        IOException corrupt = assertThrows(IOException.class, () -> ShuffleLayout.readPartitionRange(truncated, 0));
        assertTrue(corrupt.getMessage().contains(truncated.toString()), corrupt.getMessage());
        assertTrue(corrupt.getMessage().contains("corrupt"), corrupt.getMessage());

        assertThrows(NoSuchFileException.class,
                () -> ShuffleLayout.readPartitionRange(tmp.resolve("map-2.index"), 0));
    }

    @Test
    void commitPublishesBothFilesAndLeavesNoTemporaries() throws IOException {
        List<Path> appDirs = List.of(tmp.resolve("app"));
        Path data = MapOutputs.write(appDirs, 1, 4, List.of("abc".getBytes(), "de".getBytes()));

        Path index = ShuffleLayout.indexFile(appDirs, 1, 4);
        assertEquals("abcde", Files.readString(data));
        assertEquals(new PartitionRange(3, 2, 2, 5), ShuffleLayout.readPartitionRange(index, 1));
        try (Stream<Path> files = Files.list(data.getParent())) {
            assertEquals(List.of("map-4.data", "map-4.index"),
                    files.map(file -> file.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void commitReplacesAnEarlierAttemptsOutput() throws IOException {
        List<Path> appDirs = List.of(tmp.resolve("app"));
        MapOutputs.write(appDirs, 0, 0, List.of("old-output".getBytes()));
        Path data = MapOutputs.write(appDirs, 0, 0, List.of("new".getBytes(), "!".getBytes()));

        assertEquals("new!", Files.readString(data));
        assertEquals(new PartitionRange(3, 1, 2, 4),
                ShuffleLayout.readPartitionRange(ShuffleLayout.indexFile(appDirs, 0, 0), 1));
    }

    @Test
    void failedCommitLeavesNoIndexAndNoTemporaries() throws IOException {
        List<Path> appDirs = List.of(tmp.resolve("app"));
        MapOutputs.write(appDirs, 0, 0, List.of("old".getBytes()));
        Path data = ShuffleLayout.dataFile(appDirs, 0, 0);
        Path index = ShuffleLayout.indexFile(appDirs, 0, 0);
        Path tmpData = ShuffleLayout.tempFileFor(data);
        Path tmpIndex = ShuffleLayout.tempFileFor(index);
        ShuffleLayout.writeIndex(tmpIndex, new long[] {3});

        // The data was never written, so its rename fails.
        assertThrows(NoSuchFileException.class, () -> ShuffleLayout.commit(tmpData, tmpIndex, data, index));

        assertFalse(Files.exists(index), "a reader must not find an index for data that was not committed");
        assertFalse(Files.exists(tmpIndex));
    }

    @Test
    void tempFileIsASiblingWithAUniqueName() {
        Path target = Path.of("/d0/app/spindle-shuffle/0/map-0.data");
        Path first = ShuffleLayout.tempFileFor(target);
        assertEquals(target.getParent(), first.getParent());
        assertTrue(first.getFileName().toString().startsWith("map-0.data.tmp-"), first.toString());
        assertFalse(first.equals(ShuffleLayout.tempFileFor(target)));
    }
}
