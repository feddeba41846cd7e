package io.spindle.shuffle.server;

/**
 * The shuffle service's settings, read from the NodeManager's configuration (yarn-site.xml).
 * It also reads {@code yarn.nodemanager.local-dirs}, YARN's own key, to find map output.
 */
public final class ShuffleServiceConfig {

    /** TCP port the service listens on (int; 0 picks a free port, published through the service's metadata). */
    public static final String PORT = "spindle.shuffle.service.port";
    public static final int DEFAULT_PORT = 7448;

    /** Address the service binds to (host name or IP; 0.0.0.0 listens on every interface). */
    public static final String HOST = "spindle.shuffle.service.host";
    public static final String DEFAULT_HOST = "0.0.0.0";

    /** Number of I/O threads serving fetches (int, at least 1). */
    public static final String WORKER_THREADS = "spindle.shuffle.service.worker-threads";
    public static final int DEFAULT_WORKER_THREADS = 4;

    private ShuffleServiceConfig() {}
}
