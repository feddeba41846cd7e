package io.spindle.shuffle.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spindle.shuffle.BlockId;
import io.spindle.shuffle.MapOutputs;
import io.spindle.shuffle.ShuffleLayout;
import io.spindle.shuffle.client.ShuffleClient;
import io.spindle.shuffle.client.ShuffleFetchException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real server over a directory laid out like a NodeManager's, fetched from by the real client. */
class ShuffleServerTest {

    private static final String HOST = "127.0.0.1";
    private static final String APP = "application_1700000000000_0007";
    private static final String USER = "bob";

    @TempDir
    Path tmp;

    private List<Path> appDirs;
    private ShuffleServer server;
    private ShuffleClient client;

    @BeforeEach
    void setUp() throws IOException {
        List<Path> nmLocalDirs = MapOutputs.nmLocalDirs(tmp, 2);
        appDirs = MapOutputs.appDirs(nmLocalDirs, USER, APP);
        LocalDirsBlockResolver resolver = new LocalDirsBlockResolver(nmLocalDirs);
        resolver.registerApplication(APP, USER);
        server = ShuffleServer.start(HOST, 0, 2, resolver);
        client = new ShuffleClient(2, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    @Test
    void listensOnAnEphemeralPort() {
        assertTrue(server.port() > 0);
        assertEquals(HOST, server.address().getAddress().getHostAddress());
    }

    @Test
    void fetchesTheRightBytesForEveryReducePartition() throws Exception {
        List<byte[]> partitions = MapOutputs.randomPartitions(11, 1, 4096, 3_000_000, 17, 65_537);
        MapOutputs.write(appDirs, 4, 2, partitions);

        for (int reduce = 0; reduce < partitions.size(); reduce++) {
            byte[] fetched = fetch(new BlockId(APP, 4, 2, reduce));
            assertArrayEquals(partitions.get(reduce), fetched, "reduce partition " + reduce);
        }
    }

    @Test
    void emptyPartitionsArriveAsEmptyBlocks() throws Exception {
        List<byte[]> partitions = MapOutputs.randomPartitions(12, 0, 10, 0, 0);
        MapOutputs.write(appDirs, 0, 0, partitions);
        MapOutputs.write(appDirs, 0, 1, MapOutputs.randomPartitions(13, 0));

        assertEquals(0, fetch(new BlockId(APP, 0, 0, 0)).length);
        assertArrayEquals(partitions.get(1), fetch(new BlockId(APP, 0, 0, 1)));
        assertEquals(0, fetch(new BlockId(APP, 0, 0, 3)).length);
        assertEquals(0, fetch(new BlockId(APP, 0, 1, 0)).length, "a map with no output at all");
    }

    @Test
    void unknownApplicationFailsTheFetchWithTheServersReason() {
        BlockId block = new BlockId("application_1700000000000_0404", 0, 0, 0);

        ShuffleFetchException e = fetchFailure(block);

        assertTrue(e.getMessage().contains("application application_1700000000000_0404 is not registered with the"
                + " spindle_shuffle service on this node"), e.getMessage());
        assertTrue(e.getMessage().contains(HOST + ":" + server.port()), e.getMessage());
        assertEquals(HOST, e.host());
        assertEquals(server.port(), e.port());
        assertEquals(block, e.block());
    }

    @Test
    void missingMapOutputFailureNamesTheBlockAndThePathsLookedAt() {
        ShuffleFetchException e = fetchFailure(new BlockId(APP, 3, 9, 1));

        assertTrue(e.getMessage().contains("map output for shuffle 3, map 9 (reduce 1) of application " + APP),
                e.getMessage());
        for (Path appDir : appDirs) {
            assertTrue(e.getMessage().contains(ShuffleLayout.indexFileIn(appDir, 3, 9).toString()), e.getMessage());
        }
    }

    @Test
    void connectionServesFetchesAfterAFailure() throws Exception {
        List<byte[]> partitions = MapOutputs.randomPartitions(14, 300);
        MapOutputs.write(appDirs, 0, 0, partitions);

        fetchFailure(new BlockId(APP, 0, 5, 0));
        assertArrayEquals(partitions.get(0), fetch(new BlockId(APP, 0, 0, 0)));
    }

    @Test
    void twoHundredConcurrentFetchesFromManyThreadsAllGetTheirOwnBytes() throws Exception {
        int maps = 10;
        int reduces = 20;
        List<List<byte[]>> outputs = new ArrayList<>();
        for (int map = 0; map < maps; map++) {
            int[] sizes = new int[reduces];
            for (int reduce = 0; reduce < reduces; reduce++) {
                sizes[reduce] = (map * 7919 + reduce * 104_729) % 50_000;
            }
            outputs.add(MapOutputs.randomPartitions(100 + map, sizes));
            MapOutputs.write(appDirs, 6, map, outputs.get(map));
        }

        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<CompletableFuture<byte[]>>> issued = new ArrayList<>();
            for (int map = 0; map < maps; map++) {
                for (int reduce = 0; reduce < reduces; reduce++) {
                    BlockId block = new BlockId(APP, 6, map, reduce);
                    issued.add(callers.submit(() -> client.fetch(HOST, server.port(), block)));
                }
            }
            for (int i = 0; i < issued.size(); i++) {
                int map = i / reduces;
                int reduce = i % reduces;
                byte[] fetched = issued.get(i).get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
                assertArrayEquals(outputs.get(map).get(reduce), fetched, "map " + map + ", reduce " + reduce);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void malformedRequestClosesOnlyThatConnection() throws Exception {
        List<byte[]> partitions = MapOutputs.randomPartitions(15, 40);
        MapOutputs.write(appDirs, 0, 0, partitions);
        assertArrayEquals(partitions.get(0), fetch(new BlockId(APP, 0, 0, 0)));

        try (Socket socket = new Socket(HOST, server.port())) {
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(1 + 8);
            out.writeByte(42);
            out.writeLong(1);
            out.flush();
            assertEquals(-1, socket.getInputStream().read(), "the server must hang up on a malformed request");
        }

        assertArrayEquals(partitions.get(0), fetch(new BlockId(APP, 0, 0, 0)));
    }

    @Test
    void refusedConnectionNamesTheServiceAndTheBlock() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            closedPort = socket.getLocalPort();
        }
        BlockId block = new BlockId(APP, 0, 0, 0);

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.fetch(HOST, closedPort, block).get(30, TimeUnit.SECONDS));

        ShuffleFetchException failure = assertInstanceOf(ShuffleFetchException.class, e.getCause());
        assertTrue(failure.getMessage().contains("could not connect"), failure.getMessage());
        assertTrue(failure.getMessage().contains(HOST + ":" + closedPort), failure.getMessage());
        assertTrue(failure.getMessage().contains(block.toString()), failure.getMessage());
    }

    @Test
    void closedServerStopsListening() {
        int port = server.port();
        server.close();
        server.close();

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.fetch(HOST, port, new BlockId(APP, 0, 0, 0)).get(30, TimeUnit.SECONDS));
        assertInstanceOf(ShuffleFetchException.class, e.getCause());
    }

    @Test
    void bindingATakenPortFailsNamingTheAddress() throws IOException {
        LocalDirsBlockResolver resolver = new LocalDirsBlockResolver(List.of(tmp));

        IOException e = assertThrows(IOException.class, () -> ShuffleServer.start(HOST, server.port(), 1, resolver));
        assertTrue(e.getMessage().contains(HOST + ":" + server.port()), e.getMessage());
    }

    private byte[] fetch(BlockId block) throws Exception {
        return client.fetch(HOST, server.port(), block).get(30, TimeUnit.SECONDS);
    }

    private ShuffleFetchException fetchFailure(BlockId block) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> fetch(block));
        return assertInstanceOf(ShuffleFetchException.class, e.getCause());
    }
}
