package io.spindle.shuffle.server;

import io.spindle.shuffle.ShuffleServiceMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.StringUtils;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.api.ApplicationInitializationContext;
import org.apache.hadoop.yarn.server.api.ApplicationTerminationContext;
import org.apache.hadoop.yarn.server.api.AuxiliaryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NodeManager auxiliary service that serves Spindle's map output to reducers on other
 * nodes. Enable it in yarn-site.xml:
 *
 * <pre>
 * yarn.nodemanager.aux-services = mapreduce_shuffle,spindle_shuffle
 * yarn.nodemanager.aux-services.spindle_shuffle.class = io.spindle.shuffle.server.SpindleShuffleService
 * yarn.nodemanager.aux-services.spindle_shuffle.classpath = /path/to/spindle-shuffle-aux-service-nm.jar
 * </pre>
 *
 * An application is served once one of its containers is launched with service data for
 * {@value ShuffleServiceMetadata#SERVICE_NAME} (the NodeManager then calls
 * {@link #initializeApplication}); its map output is deleted when it finishes. The service's
 * port reaches containers through {@link ShuffleServiceMetadata}.
 */
public final class SpindleShuffleService extends AuxiliaryService {

    private static final Logger LOG = LoggerFactory.getLogger(SpindleShuffleService.class);

    private String host;
    private int port;
    private int workerThreads;
    private LocalDirsBlockResolver resolver;
    private volatile ShuffleServer server;

    public SpindleShuffleService() {
        super(ShuffleServiceMetadata.SERVICE_NAME);
    }

    @Override
    protected void serviceInit(Configuration conf) throws Exception {
        host = conf.getTrimmed(ShuffleServiceConfig.HOST, ShuffleServiceConfig.DEFAULT_HOST);
        port = conf.getInt(ShuffleServiceConfig.PORT, ShuffleServiceConfig.DEFAULT_PORT);
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException(ShuffleServiceConfig.PORT + " must be a port in [0, 65535], got " + port);
        }
        workerThreads = conf.getInt(ShuffleServiceConfig.WORKER_THREADS, ShuffleServiceConfig.DEFAULT_WORKER_THREADS);
        if (workerThreads < 1) {
            throw new IllegalArgumentException(
                    ShuffleServiceConfig.WORKER_THREADS + " must be at least 1, got " + workerThreads);
        }
        resolver = new LocalDirsBlockResolver(nmLocalDirs(conf));
        super.serviceInit(conf);
    }

    @Override
    protected void serviceStart() throws Exception {
        try {
            server = ShuffleServer.start(host, port, workerThreads, resolver);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "; set " + ShuffleServiceConfig.PORT
                    + " in yarn-site.xml to a free port", e);
        }
        LOG.info("{} service listening on {}:{} with {} I/O threads, serving map output from {}",
                getName(), host, server.port(), workerThreads, resolver.nmLocalDirs());
        super.serviceStart();
    }

    @Override
    protected void serviceStop() throws Exception {
        ShuffleServer running = server;
        if (running != null) {
            running.close();
            server = null;
            LOG.info("{} service stopped", getName());
        }
        super.serviceStop();
    }

    @Override
    public void initializeApplication(ApplicationInitializationContext context) {
        String appId = context.getApplicationId().toString();
        String user = context.getUser();
        boolean known = resolver.isRegistered(appId);
        resolver.registerApplication(appId, user);
        if (!known) {
            LOG.info("Registered application {} of user {} with the {} service", appId, user, getName());
        }
    }

    @Override
    public void stopApplication(ApplicationTerminationContext context) {
        String appId = context.getApplicationId().toString();
        if (resolver.removeApplication(appId)) {
            LOG.info("Removed application {} from the {} service and deleted its map output", appId, getName());
        }
    }

    /** The port the service listens on, for containers to find it; see {@link ShuffleServiceMetadata}. */
    @Override
    public ByteBuffer getMetaData() {
        ShuffleServer running = server;
        if (running == null) {
            throw new IllegalStateException("the " + getName() + " service has not started");
        }
        return ShuffleServiceMetadata.encodePort(running.port());
    }

    /** The port the service listens on; the real one when configured with port 0. */
    public int port() {
        ShuffleServer running = server;
        if (running == null) {
            throw new IllegalStateException("the " + getName() + " service has not started");
        }
        return running.port();
    }

    private static List<Path> nmLocalDirs(Configuration conf) {
        // get() expands ${hadoop.tmp.dir} in the default as well.
        String[] configured = StringUtils.getTrimmedStrings(
                conf.get(YarnConfiguration.NM_LOCAL_DIRS, YarnConfiguration.DEFAULT_NM_LOCAL_DIRS));
        List<Path> dirs = new ArrayList<>(configured.length);
        for (String dir : configured) {
            // The NodeManager accepts plain paths and file: URIs here.
            dirs.add(Path.of(new org.apache.hadoop.fs.Path(dir).toUri().getPath()));
        }
        return dirs;
    }
}
