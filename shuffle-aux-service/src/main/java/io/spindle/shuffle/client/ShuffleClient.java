package io.spindle.shuffle.client;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.spindle.shuffle.BlockId;
import io.spindle.shuffle.protocol.FetchRequest;
import io.spindle.shuffle.protocol.ShuffleMessageDecoder;
import io.spindle.shuffle.protocol.ShuffleMessageEncoder;
import io.spindle.shuffle.protocol.ShuffleProtocol;
import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches blocks from shuffle services. Keeps one connection per service and sends every
 * fetch to that service on it, without waiting for earlier answers.
 *
 * <p>Thread-safe. The futures complete on the client's I/O threads: use the {@code *Async}
 * methods of {@link CompletableFuture} for work that takes long. A fetch that fails completes
 * with a {@link ShuffleFetchException}.
 */
public final class ShuffleClient implements Closeable {

    public static final int DEFAULT_IO_THREADS = 2;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(120);

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 2;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final long responseTimeoutNanos;
    private final ConcurrentMap<Endpoint, CompletableFuture<Channel>> connections = new ConcurrentHashMap<>();
    private final AtomicLong nextRequestId = new AtomicLong();
    private volatile boolean closed;

    public ShuffleClient() {
        this(DEFAULT_IO_THREADS, DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT);
    }

    /**
     * @param ioThreads threads that move bytes for all connections
     * @param connectTimeout how long to wait for a connection to a service
     * @param responseTimeout how long a fetch waits while its service sends nothing at all;
     *     the fetch fails after one to two times this long
     */
    public ShuffleClient(int ioThreads, Duration connectTimeout, Duration responseTimeout) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, got " + ioThreads);
        }
        long connectTimeoutMillis = requireNonNull(connectTimeout, "connectTimeout is null").toMillis();
        if (connectTimeoutMillis < 1 || connectTimeoutMillis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout must be between 1 ms and 24 days, got " + connectTimeout);
        }
        this.responseTimeoutNanos = requireNonNull(responseTimeout, "responseTimeout is null").toNanos();
        if (responseTimeoutNanos <= 0) {
            throw new IllegalArgumentException("responseTimeout must be positive, got " + responseTimeout);
        }
        this.group = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("spindle-shuffle-client", true));
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
    }

    /** Fetches one block from the shuffle service at {@code host:port}. */
    public CompletableFuture<byte[]> fetch(String host, int port, BlockId block) {
        requireNonNull(host, "host is null");
        requireNonNull(block, "block is null");
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("shuffle service port must be in [1, 65535], got " + port);
        }
        if (closed) {
            throw new IllegalStateException("the shuffle client is closed");
        }
        FetchRequest request = new FetchRequest(nextRequestId.incrementAndGet(), block);
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        connection(new Endpoint(host, port)).whenComplete((channel, connectFailure) -> {
            if (connectFailure != null) {
                result.completeExceptionally(new ShuffleFetchException(
                        host, port, block, "could not connect: " + connectFailure, connectFailure));
                return;
            }
            // A closed channel's pipeline loses its handlers once it is deregistered.
            ConnectionHandler connection = channel.pipeline().get(ConnectionHandler.class);
            if (connection == null) {
                result.completeExceptionally(new ShuffleFetchException(
                        host, port, block, "the connection closed before the request was sent"));
            } else {
                connection.send(request, result);
            }
        });
        return result;
    }

    /** Closes every connection, failing the fetches still open, and stops the I/O threads. */
    @Override
    public void close() {
        closed = true;
        for (CompletableFuture<Channel> connection : connections.values()) {
            connection.thenAccept(Channel::close);
        }
        connections.clear();
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private CompletableFuture<Channel> connection(Endpoint endpoint) {
        while (true) {
            CompletableFuture<Channel> existing = connections.get(endpoint);
            if (existing != null) {
                if (!existing.isDone()
                        || (!existing.isCompletedExceptionally() && existing.getNow(null).isActive())) {
                    return existing;
                }
                // Failed or closed, and its listener has not removed it yet.
                connections.remove(endpoint, existing);
                continue;
            }
            CompletableFuture<Channel> created = new CompletableFuture<>();
            if (connections.putIfAbsent(endpoint, created) == null) {
                connect(endpoint, created);
                return created;
            }
        }
    }

    private void connect(Endpoint endpoint, CompletableFuture<Channel> created) {
        ChannelFuture connect;
        try {
            connect = bootstrap.clone()
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast("idle", new IdleStateHandler(responseTimeoutNanos, 0, 0, TimeUnit.NANOSECONDS))
                                    .addLast("frameDecoder", ShuffleProtocol.newFrameDecoder(ShuffleProtocol.MAX_RESPONSE_FRAME_BYTES))
                                    .addLast("decoder", ShuffleMessageDecoder.INSTANCE)
                                    .addLast("encoder", ShuffleMessageEncoder.INSTANCE)
                                    .addLast("connection", new ConnectionHandler(endpoint.host(), endpoint.port(), responseTimeoutNanos));
                        }
                    })
                    .connect(endpoint.host(), endpoint.port());
        } catch (RuntimeException e) {
            connections.remove(endpoint, created);
            created.completeExceptionally(e);
            return;
        }
        connect.addListener((ChannelFutureListener) future -> {
            if (future.isSuccess()) {
                future.channel().closeFuture().addListener(closing -> connections.remove(endpoint, created));
                created.complete(future.channel());
            } else {
                connections.remove(endpoint, created);
                created.completeExceptionally(future.cause());
            }
        });
    }

    private record Endpoint(String host, int port) {}
}
