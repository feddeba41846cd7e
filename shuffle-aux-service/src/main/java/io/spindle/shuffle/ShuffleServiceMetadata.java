package io.spindle.shuffle;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;

/**
 * How the shuffle service publishes its port: the NodeManager passes the service's
 * {@code getMetaData()} bytes to the AM (in {@code startContainers}' reply) and to every
 * container (base64, in env var {@value #ENV_VAR}). The bytes are the port as one big-endian int.
 */
public final class ShuffleServiceMetadata {

    /** The aux service's name in {@code yarn.nodemanager.aux-services}. */
    public static final String SERVICE_NAME = "spindle_shuffle";
    /** The env var in which the NodeManager hands a container the service's metadata. */
    public static final String ENV_VAR = "NM_AUX_SERVICE_" + SERVICE_NAME;

    private ShuffleServiceMetadata() {}

    /**
     * Encodes a port. The buffer's backing array holds exactly the metadata, because the
     * NodeManager base64-encodes {@code array()}, not the buffer's remaining bytes.
     */
    public static ByteBuffer encodePort(int port) {
        requireValidPort(port, "port");
        return ByteBuffer.wrap(ByteBuffer.allocate(Integer.BYTES).putInt(port).array());
    }

    /** Decodes the port from the service's metadata, leaving the buffer's position untouched. */
    public static int decodePort(ByteBuffer metadata) {
        if (metadata == null) {
            throw new IllegalArgumentException("no " + SERVICE_NAME + " metadata; is the "
                    + SERVICE_NAME + " aux service configured in yarn-site.xml?");
        }
        if (metadata.remaining() != Integer.BYTES) {
            throw new IllegalArgumentException(SERVICE_NAME + " metadata must be " + Integer.BYTES
                    + " bytes (a port), got " + metadata.remaining());
        }
        int port = metadata.getInt(metadata.position());
        requireValidPort(port, SERVICE_NAME + " metadata");
        return port;
    }

    /** Reads the service's port from a container's environment, as the NodeManager set it. */
    public static int portFromEnvironment(Map<String, String> env) {
        String encoded = env.get(ENV_VAR);
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalStateException("environment variable " + ENV_VAR + " is not set; is the "
                    + SERVICE_NAME + " aux service configured in yarn-site.xml? Add " + SERVICE_NAME
                    + " to yarn.nodemanager.aux-services and set yarn.nodemanager.aux-services."
                    + SERVICE_NAME + ".class to io.spindle.shuffle.server.SpindleShuffleService");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variable " + ENV_VAR
                    + " is not valid base64: '" + encoded + "'", e);
        }
        try {
            return decodePort(ByteBuffer.wrap(bytes));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variable " + ENV_VAR + " ('" + encoded
                    + "') does not hold a port: " + e.getMessage(), e);
        }
    }

    private static void requireValidPort(int port, String what) {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException(what + " must be a port in [1, 65535], got " + port);
        }
    }
}
