package io.spindle.shuffle.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spindle.shuffle.BlockId;
import io.spindle.shuffle.client.ScriptedShuffleServer.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShuffleClientTest {

    private static final String HOST = "127.0.0.1";
    private static final String APP = "application_1700000000000_0003";

    private final ShuffleClient client = new ShuffleClient(2, Duration.ofSeconds(5), Duration.ofMillis(300));
    private ScriptedShuffleServer server;

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        if (server != null) {
            server.close();
            assertEquals(List.of(), server.errors(), "the scripted server saw a malformed exchange");
        }
    }

    @Test
    void pipelinesFetchesOnOneConnectionAndMatchesAnswersById() throws Exception {
        int fetches = 50;
        server = new ScriptedShuffleServer((connection, in, out) -> {
            List<Request> requests = new ArrayList<>();
            for (int i = 0; i < fetches; i++) {
                requests.add(ScriptedShuffleServer.readRequest(in));
            }
            // All requests arrived before any answer; answer them backwards.
            for (int i = requests.size() - 1; i >= 0; i--) {
                Request request = requests.get(i);
                ScriptedShuffleServer.writeBlock(out, request.requestId(), payloadFor(request.block()));
            }
        });

        List<CompletableFuture<byte[]>> results = new ArrayList<>();
        for (int reduce = 0; reduce < fetches; reduce++) {
            results.add(client.fetch(HOST, server.port(), new BlockId(APP, 1, 2, reduce)));
        }

        for (int reduce = 0; reduce < fetches; reduce++) {
            assertArrayEquals(payloadFor(new BlockId(APP, 1, 2, reduce)), results.get(reduce).get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, server.acceptedConnections());
    }

    @Test
    void failureAnswerFailsOnlyItsFetch() throws Exception {
        server = new ScriptedShuffleServer((connection, in, out) -> {
            // Requests sent while the connection opens may arrive in any order.
            for (int i = 0; i < 2; i++) {
                Request request = ScriptedShuffleServer.readRequest(in);
                if (request.block().mapId() == 0) {
                    ScriptedShuffleServer.writeFailure(out, request.requestId(), "map output is not on this node");
                } else {
                    ScriptedShuffleServer.writeBlock(out, request.requestId(), payloadFor(request.block()));
                }
            }
            out.flush();
            in.read();
        });
        BlockId missing = new BlockId(APP, 0, 0, 0);
        BlockId present = new BlockId(APP, 0, 1, 0);

        CompletableFuture<byte[]> failed = client.fetch(HOST, server.port(), missing);
        CompletableFuture<byte[]> served = client.fetch(HOST, server.port(), present);

        assertArrayEquals(payloadFor(present), served.get(10, TimeUnit.SECONDS));
        ShuffleFetchException e = failureOf(failed);
        assertEquals("could not fetch block " + missing + " from shuffle service " + HOST + ":" + server.port()
                + ": map output is not on this node", e.getMessage());
    }

    @Test
    void lostConnectionFailsOpenFetchesAndTheNextFetchReconnects() throws Exception {
        server = new ScriptedShuffleServer((connection, in, out) -> {
            Request request = ScriptedShuffleServer.readRequest(in);
            if (connection == 2) {
                ScriptedShuffleServer.writeBlock(out, request.requestId(), payloadFor(request.block()));
            }
            // The first connection closes without answering.
        });
        BlockId block = new BlockId(APP, 2, 3, 4);

        ShuffleFetchException e = failureOf(client.fetch(HOST, server.port(), block));
        assertTrue(e.getMessage().contains("connection closed before the block arrived"), e.getMessage());
        assertTrue(e.getMessage().contains(HOST + ":" + server.port()), e.getMessage());

        assertArrayEquals(payloadFor(block), client.fetch(HOST, server.port(), block).get(10, TimeUnit.SECONDS));
        assertEquals(2, server.acceptedConnections());
    }

    @Test
    void silentServerTimesTheFetchOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server = new ScriptedShuffleServer((connection, in, out) -> {
            ScriptedShuffleServer.readRequest(in);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();

        ShuffleFetchException e = failureOf(client.fetch(HOST, server.port(), new BlockId(APP, 0, 0, 0)));

        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        release.countDown();
        assertTrue(e.getMessage().contains("no data arrived for 300 ms"), e.getMessage());
        assertTrue(elapsedMillis >= 300 && elapsedMillis < 5_000, "timed out after " + elapsedMillis + " ms");
    }

    @Test
    void closingTheClientFailsOpenFetchesAndRefusesNewOnes() throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        server = new ScriptedShuffleServer((connection, in, out) -> {
            ScriptedShuffleServer.readRequest(in);
            requestArrived.countDown();
            in.read();
        });
        try (ShuffleClient patient = new ShuffleClient(1, Duration.ofSeconds(5), Duration.ofSeconds(60))) {
            CompletableFuture<byte[]> open = patient.fetch(HOST, server.port(), new BlockId(APP, 0, 0, 0));
            assertTrue(requestArrived.await(10, TimeUnit.SECONDS));

            patient.close();

            assertInstanceOf(ShuffleFetchException.class, failureOf(open));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> patient.fetch(HOST, server.port(), new BlockId(APP, 0, 0, 1)));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }

    @Test
    void rejectsImpossiblePorts() {
        assertThrows(IllegalArgumentException.class, () -> client.fetch(HOST, 0, new BlockId(APP, 0, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> client.fetch(HOST, 70_000, new BlockId(APP, 0, 0, 0)));
    }

    private static byte[] payloadFor(BlockId block) {
        return block.toString().repeat(block.reduceId() + 1).getBytes(StandardCharsets.UTF_8);
    }

    private static ShuffleFetchException failureOf(CompletableFuture<byte[]> fetch) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> fetch.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(ShuffleFetchException.class, e.getCause());
    }
}
