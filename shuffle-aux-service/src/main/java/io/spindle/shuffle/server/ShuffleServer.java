package io.spindle.shuffle.server;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.spindle.shuffle.protocol.ShuffleMessageDecoder;
import io.spindle.shuffle.protocol.ShuffleMessageEncoder;
import io.spindle.shuffle.protocol.ShuffleProtocol;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Netty server that answers shuffle fetch requests with blocks found by a
 * {@link ShuffleBlockResolver}. One thread accepts connections; a few I/O threads serve them.
 * Thread-safe; {@link #close} may be called more than once.
 */
public final class ShuffleServer implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ShuffleServer.class);
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 2;

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ShuffleServer(EventLoopGroup bossGroup, EventLoopGroup workerGroup, Channel serverChannel) {
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.serverChannel = serverChannel;
    }

    /**
     * Starts a server listening on {@code host:port}; port 0 picks a free port.
     *
     * @throws IOException if the address cannot be bound
     */
    public static ShuffleServer start(String host, int port, int workerThreads, ShuffleBlockResolver resolver)
            throws IOException {
        requireNonNull(host, "host is null");
        requireNonNull(resolver, "resolver is null");
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be at least 1, got " + workerThreads);
        }
        EventLoopGroup bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("spindle-shuffle-accept", true));
        EventLoopGroup workerGroup =
                new NioEventLoopGroup(workerThreads, new DefaultThreadFactory("spindle-shuffle-io", true));
        FetchRequestHandler handler = new FetchRequestHandler(resolver);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast("frameDecoder", ShuffleProtocol.newFrameDecoder(ShuffleProtocol.MAX_REQUEST_FRAME_BYTES))
                                .addLast("decoder", ShuffleMessageDecoder.INSTANCE)
                                .addLast("encoder", ShuffleMessageEncoder.INSTANCE)
                                .addLast("handler", handler);
                    }
                });
        ChannelFuture bind = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            shutDown(bossGroup, workerGroup);
            throw new IOException("shuffle server could not listen on " + host + ":" + port + ": " + bind.cause(),
                    bind.cause());
        }
        ShuffleServer server = new ShuffleServer(bossGroup, workerGroup, bind.channel());
        LOG.debug("Shuffle server listening on {}", server.address());
        return server;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The port the server listens on, the real one when it was started on port 0. */
    public int port() {
        return address().getPort();
    }

    /** Stops accepting, closes every connection and stops the threads, within a few seconds. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().awaitUninterruptibly();
        shutDown(bossGroup, workerGroup);
    }

    private static void shutDown(EventLoopGroup bossGroup, EventLoopGroup workerGroup) {
        Future<?> boss = bossGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Future<?> workers = workerGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        boss.awaitUninterruptibly();
        workers.awaitUninterruptibly();
    }
}
