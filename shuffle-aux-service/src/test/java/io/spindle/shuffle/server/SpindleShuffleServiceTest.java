package io.spindle.shuffle.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spindle.shuffle.BlockId;
import io.spindle.shuffle.MapOutputs;
import io.spindle.shuffle.ShuffleLayout;
import io.spindle.shuffle.ShuffleServiceMetadata;
import io.spindle.shuffle.client.ShuffleClient;
import io.spindle.shuffle.client.ShuffleFetchException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.service.Service;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.api.ApplicationInitializationContext;
import org.apache.hadoop.yarn.server.api.ApplicationTerminationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the service through the calls a NodeManager makes, in the order it makes them. */
class SpindleShuffleServiceTest {

    private static final String HOST = "127.0.0.1";

    @TempDir
    Path tmp;

    private List<Path> nmLocalDirs;
    private SpindleShuffleService service;
    private ShuffleClient client;

    @BeforeEach
    void setUp() throws IOException {
        nmLocalDirs = MapOutputs.nmLocalDirs(tmp, 2);
        service = new SpindleShuffleService();
        client = new ShuffleClient(1, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @AfterEach
    void tearDown() {
        client.close();
        service.stop();
    }

    @Test
    void servesARegisteredApplicationUntilItStops() throws Exception {
        service.init(configuration(0));
        service.start();
        assertEquals("spindle_shuffle", service.getName());

        ByteBuffer metadata = service.getMetaData();
        int port = ShuffleServiceMetadata.decodePort(metadata);
        assertEquals(service.port(), port);
        // What a container sees: the NodeManager base64-encodes the metadata's backing array.
        String env = Base64.getEncoder().encodeToString(metadata.array());
        assertEquals(port, ShuffleServiceMetadata.portFromEnvironment(Map.of(ShuffleServiceMetadata.ENV_VAR, env)));

        ApplicationId appId = ApplicationId.newInstance(1_700_000_000_000L, 12);
        service.initializeApplication(new ApplicationInitializationContext("carol", appId, ByteBuffer.allocate(0)));
        List<Path> appDirs = MapOutputs.appDirs(nmLocalDirs, "carol", appId.toString());
        List<byte[]> partitions = MapOutputs.randomPartitions(21, 1000, 0, 123_456);
        for (int map = 0; map < 4; map++) {
            MapOutputs.write(appDirs, 0, map, partitions);
        }

        for (int reduce = 0; reduce < partitions.size(); reduce++) {
            byte[] fetched = client.fetch(HOST, port, new BlockId(appId.toString(), 0, 3, reduce)).get(30, TimeUnit.SECONDS);
            assertArrayEquals(partitions.get(reduce), fetched);
        }
        assertTrue(Files.exists(ShuffleLayout.shuffleRoot(appDirs.get(0))));
        assertTrue(Files.exists(ShuffleLayout.shuffleRoot(appDirs.get(1))));

        service.stopApplication(new ApplicationTerminationContext(appId));

        for (Path appDir : appDirs) {
            assertFalse(Files.exists(ShuffleLayout.shuffleRoot(appDir)), appDir + " still holds map output");
            assertTrue(Files.exists(appDir), "the app dir itself is the NodeManager's to delete");
        }
        ExecutionException gone = assertThrows(ExecutionException.class,
                () -> client.fetch(HOST, port, new BlockId(appId.toString(), 0, 3, 0)).get(30, TimeUnit.SECONDS));
        assertTrue(gone.getCause().getMessage().contains("is not registered with the spindle_shuffle service"),
                gone.getCause().getMessage());

        service.stop();

        assertTrue(service.isInState(Service.STATE.STOPPED));
        ExecutionException stopped = assertThrows(ExecutionException.class,
                () -> client.fetch(HOST, port, new BlockId(appId.toString(), 0, 3, 0)).get(30, TimeUnit.SECONDS));
        assertInstanceOf(ShuffleFetchException.class, stopped.getCause());
    }

    @Test
    void stopForAnApplicationItNeverServedLeavesItsFilesAlone() throws IOException {
        service.init(configuration(0));
        service.start();
        ApplicationId appId = ApplicationId.newInstance(1_700_000_000_000L, 13);
        List<Path> appDirs = MapOutputs.appDirs(nmLocalDirs, "dave", appId.toString());
        Path data = MapOutputs.write(appDirs, 0, 0, MapOutputs.randomPartitions(22, 10));

        service.stopApplication(new ApplicationTerminationContext(appId));

        assertTrue(Files.exists(data));
    }

    @Test
    void acceptsLocalDirsGivenAsFileUris() throws Exception {
        Configuration conf = configuration(0);
        conf.set(YarnConfiguration.NM_LOCAL_DIRS, nmLocalDirs.get(0).toUri() + " , " + nmLocalDirs.get(1));
        service.init(conf);
        service.start();
        ApplicationId appId = ApplicationId.newInstance(1_700_000_000_000L, 14);
        service.initializeApplication(new ApplicationInitializationContext("erin", appId, ByteBuffer.allocate(0)));
        List<byte[]> partitions = MapOutputs.randomPartitions(23, 64);
        for (int map = 0; map < 2; map++) {
            MapOutputs.write(MapOutputs.appDirs(nmLocalDirs, "erin", appId.toString()), 0, map, partitions);
        }

        for (int map = 0; map < 2; map++) {
            assertArrayEquals(partitions.get(0),
                    client.fetch(HOST, service.port(), new BlockId(appId.toString(), 0, map, 0)).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void takenPortFailsStartNamingTheSettingToChange() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            service.init(configuration(taken.getLocalPort()));

            Exception e = assertThrows(Exception.class, () -> service.start());

            assertTrue(e.getMessage().contains(HOST + ":" + taken.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains(ShuffleServiceConfig.PORT), e.getMessage());
        }
    }

    @Test
    void invalidPortFailsInitNamingTheSetting() {
        Exception e = assertThrows(Exception.class, () -> service.init(configuration(70_000)));

        assertTrue(e.getMessage().contains("spindle.shuffle.service.port must be a port in [0, 65535], got 70000"),
                e.getMessage());
    }

    @Test
    void metadataIsUnavailableBeforeStart() {
        service.init(configuration(0));

        assertThrows(IllegalStateException.class, () -> service.getMetaData());
    }

    private Configuration configuration(int port) {
        Configuration conf = new Configuration(false);
        conf.set(YarnConfiguration.NM_LOCAL_DIRS, nmLocalDirs.get(0) + "," + nmLocalDirs.get(1));
        conf.setInt(ShuffleServiceConfig.PORT, port);
        conf.set(ShuffleServiceConfig.HOST, HOST);
        conf.setInt(ShuffleServiceConfig.WORKER_THREADS, 2);
        return conf;
    }
}
