package io.spindle.shuffle.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spindle.shuffle.BlockId;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A blocking shuffle server written straight from the protocol's documented wire format, whose
 * behaviour per connection a test scripts. It checks the client against the format rather than
 * against the Netty codec the client shares with the real server.
 */
final class ScriptedShuffleServer implements Closeable {

    /** What the server does with one accepted connection. */
    interface Script {
        void run(int connectionNumber, DataInputStream in, DataOutputStream out) throws IOException;
    }

    record Request(long requestId, BlockId block) {}

    private final ServerSocket serverSocket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    ScriptedShuffleServer(Script script) throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> acceptLoop(script), "scripted-shuffle-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    int acceptedConnections() {
        return accepted.get();
    }

    List<Throwable> errors() {
        return errors;
    }

    static Request readRequest(DataInputStream in) throws IOException {
        int frameLength = in.readInt();
        assertEquals(1, in.readByte(), "message type of a fetch request");
        long requestId = in.readLong();
        byte[] appId = new byte[in.readInt()];
        in.readFully(appId);
        assertEquals(1 + 8 + 4 + appId.length + 12, frameLength, "frame length of a fetch request");
        BlockId block = new BlockId(new String(appId, StandardCharsets.UTF_8), in.readInt(), in.readInt(), in.readInt());
        return new Request(requestId, block);
    }

    static void writeBlock(DataOutputStream out, long requestId, byte[] payload) throws IOException {
        out.writeInt(1 + 8 + payload.length);
        out.writeByte(2);
        out.writeLong(requestId);
        out.write(payload);
    }

    static void writeFailure(DataOutputStream out, long requestId, String message) throws IOException {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        out.writeInt(1 + 8 + 4 + text.length);
        out.writeByte(3);
        out.writeLong(requestId);
        out.writeInt(text.length);
        out.write(text);
    }

    private void acceptLoop(Script script) {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(socket);
            int number = accepted.incrementAndGet();
            Thread handler = new Thread(() -> {
                try (socket;
                        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()))) {
                    script.run(number, in, out);
                    out.flush();
                } catch (IOException | RuntimeException | AssertionError e) {
                    if (!serverSocket.isClosed()) {
                        errors.add(e);
                    }
                }
            }, "scripted-shuffle-connection-" + number);
            handler.setDaemon(true);
            handler.start();
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
