package io.spindle.it.apps;

import io.spindle.shuffle.ShuffleServiceMetadata;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A stand-in for the executor JVM: checks the arguments the allocator gives every executor, reads the shuffle
 * service's port from the NodeManager's environment, and tells the driver
 * {@code hello <executor-id> <cores> <app-id> <shuffle-port>} before it exits.
 */
public final class TestExecutorMain
{
    private TestExecutorMain()
    {
    }

    public static void main(String[] args)
            throws Exception
    {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        for (String required : new String[] {"--driver", "--executor-id", "--cores", "--app-id"}) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required + " in " + String.join(" ", args));
            }
        }
        int shufflePort = ShuffleServiceMetadata.portFromEnvironment(System.getenv());
        String driver = options.get("--driver");
        int colon = driver.lastIndexOf(':');
        try (Socket socket = new Socket(driver.substring(0, colon), Integer.parseInt(driver.substring(colon + 1)))) {
            OutputStream out = socket.getOutputStream();
            String greeting = "hello " + options.get("--executor-id") + " " + options.get("--cores") + " "
                    + options.get("--app-id") + " " + shufflePort + "\n";
            out.write(greeting.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (!"ok".equals(answer)) {
                throw new IllegalStateException("the driver answered " + answer);
            }
        }
    }
}
