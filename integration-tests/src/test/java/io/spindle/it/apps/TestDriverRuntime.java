package io.spindle.it.apps;

import io.spindle.am.yarn.DriverRuntime;
import io.spindle.am.yarn.YarnClusterContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the driver's RPC endpoint: accepts one line from each executor that connects, answers
 * {@code ok}, and keeps the lines for {@link ExecutorsApp} to check.
 */
public final class TestDriverRuntime
        implements DriverRuntime
{
    private static final List<String> GREETINGS = new CopyOnWriteArrayList<>();

    private ServerSocket server;

    public static List<String> greetings()
    {
        return List.copyOf(GREETINGS);
    }

    @Override
    public int start(YarnClusterContext context)
            throws IOException
    {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(0));
        Thread acceptor = new Thread(this::accept, "test-driver-rpc");
        acceptor.setDaemon(true);
        acceptor.start();
        return server.getLocalPort();
    }

    @Override
    public void stop()
    {
        try {
            server.close();
        }
        catch (IOException e) {
            throw new IllegalStateException("could not close the test driver's socket", e);
        }
    }

    private void accept()
    {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                String line = in.readLine();
                if (line != null) {
                    GREETINGS.add(line);
                }
                OutputStream out = socket.getOutputStream();
                out.write("ok\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            catch (IOException e) {
                if (!server.isClosed()) {
                    e.printStackTrace();
                }
            }
        }
    }
}
