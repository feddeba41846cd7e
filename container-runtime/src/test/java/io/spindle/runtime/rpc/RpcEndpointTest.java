package io.spindle.runtime.rpc;

import io.netty.channel.Channel;
import io.spindle.runtime.task.TaskDescription;
import io.spindle.runtime.task.TaskMetrics;
import io.spindle.runtime.task.TaskResult;
import io.spindle.runtime.testing.Tasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A driver endpoint and an executor endpoint talking over loopback. */
class RpcEndpointTest
{
    private record Received(Channel channel, Object message)
    {
    }

    /** Queues what arrives, and counts disconnects. */
    private static final class Recorder
            implements RpcEndpoint.Handler
    {
        final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
        final CountDownLatch disconnected = new CountDownLatch(1);

        @Override
        public void onMessage(Channel channel, Object message)
        {
            messages.add(new Received(channel, message));
        }

        @Override
        public void onDisconnect(Channel channel)
        {
            disconnected.countDown();
        }

        Received next() throws InterruptedException
        {
            Received received = messages.poll(20, TimeUnit.SECONDS);
            assertNotNull(received, "no message arrived within 20 seconds (a message that fails to decode closes the channel)");
            return received;
        }
    }

    private final Recorder driverSide = new Recorder();
    private final Recorder executorSide = new Recorder();
    private RpcEndpoint driver;
    private RpcEndpoint executor;

    @BeforeEach
    void connect()
    {
        driver = RpcEndpoint.listen("127.0.0.1", 0, driverSide);
        executor = RpcEndpoint.connect("127.0.0.1", driver.port(), executorSide, 10_000);
    }

    @AfterEach
    void close()
    {
        if (executor != null) {
            executor.close();
        }
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void launchTaskArrivesWithTheSameFragment() throws Exception
    {
        executor.channel().writeAndFlush(new Messages.RegisterExecutor("exec-1", "localhost", 2, -1)).sync();
        Received registration = driverSide.next();
        assertEquals(new Messages.RegisterExecutor("exec-1", "localhost", 2, -1), registration.message());

        TaskDescription task = Tasks.scanStageTask();
        registration.channel().writeAndFlush(new Messages.LaunchTask(task)).sync();

        Messages.LaunchTask launch = assertInstanceOf(Messages.LaunchTask.class, executorSide.next().message());
        assertEquals(task.fragment().treeString(), launch.task().fragment().treeString());
        KryoFactoryTest.assertSameTask(task, launch.task());
    }

    @Test
    void statusUpdateWithLargeResultFramesArrivesIntact() throws Exception
    {
        byte[] frames = new byte[5 << 20];
        new Random(7).nextBytes(frames);
        TaskMetrics metrics = new TaskMetrics();
        metrics.rowsOut = 123_456;
        TaskResult result = TaskResult.success(9, "exec-1", Optional.empty(), frames, metrics);

        executor.channel().writeAndFlush(new Messages.StatusUpdate(result)).sync();

        Messages.StatusUpdate update = assertInstanceOf(Messages.StatusUpdate.class, driverSide.next().message());
        assertArrayEquals(frames, update.result().resultFrames());
        assertEquals(123_456, update.result().metrics().rowsOut);
        assertEquals(9, update.result().taskId());
    }

    @Test
    void messagesArriveInTheOrderSent() throws Exception
    {
        for (int i = 0; i < 200; i++) {
            executor.channel().write(new Messages.Heartbeat("exec-" + i));
        }
        executor.channel().flush();

        List<Object> received = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            received.add(driverSide.next().message());
        }
        for (int i = 0; i < 200; i++) {
            assertEquals(new Messages.Heartbeat("exec-" + i), received.get(i));
        }
    }

    @Test
    void driverSeesTheExecutorDisconnect() throws Exception
    {
        executor.channel().writeAndFlush(new Messages.Heartbeat("exec-1")).sync();
        driverSide.next();

        executor.close();
        executor = null;

        assertTrue(driverSide.disconnected.await(20, TimeUnit.SECONDS), "the driver's handler heard no disconnect");
    }

    @Test
    void listeningOnATakenPortNamesTheAddress()
    {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RpcEndpoint.listen("127.0.0.1", driver.port(), new Recorder()));

        assertTrue(e.getMessage().contains("127.0.0.1:" + driver.port()), e.getMessage());
    }

    @Test
    void connectingToNobodyNamesTheAddress()
    {
        int port = driver.port();
        executor.close();
        executor = null;
        driver.close();
        driver = null;

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RpcEndpoint.connect("127.0.0.1", port, new Recorder(), 2_000));

        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }
}
