package io.spindle.shuffle.client;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.spindle.shuffle.BlockId;
import io.spindle.shuffle.protocol.BlockData;
import io.spindle.shuffle.protocol.FetchFailure;
import io.spindle.shuffle.protocol.FetchRequest;
import io.spindle.shuffle.protocol.ShuffleMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection to one shuffle service: sends fetch requests without waiting for
 * earlier answers and completes each request's future when the answer with its id arrives.
 *
 * <p>The open requests are touched only on the channel's event loop, so a request is either
 * answered or failed when the connection closes, never forgotten.
 */
final class ConnectionHandler extends SimpleChannelInboundHandler<ShuffleMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private final String host;
    private final int port;
    private final long responseTimeoutNanos;
    private final Map<Long, PendingFetch> pending = new HashMap<>();
    private ChannelHandlerContext ctx;

    ConnectionHandler(String host, int port, long responseTimeoutNanos) {
        this.host = host;
        this.port = port;
        this.responseTimeoutNanos = responseTimeoutNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Sends a request; may be called from any thread. */
    void send(FetchRequest request, CompletableFuture<byte[]> result) {
        try {
            ctx.executor().execute(() -> sendOnEventLoop(request, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(failure(request.block(), "the shuffle client is closed", e));
        }
    }

    private void sendOnEventLoop(FetchRequest request, CompletableFuture<byte[]> result) {
        if (!ctx.channel().isActive()) {
            result.completeExceptionally(failure(request.block(), "the connection closed before the request was sent", null));
            return;
        }
        long requestId = request.requestId();
        pending.put(requestId, new PendingFetch(request.block(), result, System.nanoTime()));
        ctx.writeAndFlush(request).addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess()) {
                PendingFetch fetch = pending.remove(requestId);
                if (fetch != null) {
                    fetch.result().completeExceptionally(
                            failure(fetch.block(), "could not send the request: " + future.cause(), future.cause()));
                }
                future.channel().close();
            }
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ShuffleMessage message) {
        PendingFetch fetch = pending.remove(message.requestId());
        if (fetch == null) {
            LOG.warn("Shuffle service {}:{} answered unknown request {}; closing the connection",
                    host, port, message.requestId());
            ctx.close();
            return;
        }
        if (message instanceof BlockData data) {
            fetch.result().complete(ByteBufUtil.getBytes(data.content()));
        } else if (message instanceof FetchFailure failure) {
            fetch.result().completeExceptionally(failure(fetch.block(), failure.message(), null));
        } else {
            fetch.result().completeExceptionally(
                    failure(fetch.block(), "the peer sent a " + message.getClass().getSimpleName()
                            + " instead of an answer; is it a Spindle shuffle service?", null));
            ctx.close();
        }
    }

    /**
     * Reader idleness means nothing arrived for a whole timeout; a request older than the
     * timeout has then been waiting on a silent server at least that long.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            long now = System.nanoTime();
            boolean timedOut = pending.values().stream().anyMatch(fetch -> now - fetch.sentNanos() >= responseTimeoutNanos);
            if (timedOut) {
                failAll("no data arrived for " + responseTimeoutNanos / 1_000_000 + " ms", null);
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        failAll("the connection closed before the block arrived", null);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Closing connection to shuffle service {}:{} after an error", host, port, cause);
        failAll("the connection failed: " + cause, cause);
        ctx.close();
    }

    private void failAll(String reason, Throwable cause) {
        if (pending.isEmpty()) {
            return;
        }
        List<PendingFetch> failed = new ArrayList<>(pending.values());
        pending.clear();
        for (PendingFetch fetch : failed) {
            fetch.result().completeExceptionally(failure(fetch.block(), reason, cause));
        }
    }

    private ShuffleFetchException failure(BlockId block, String reason, Throwable cause) {
        return new ShuffleFetchException(host, port, block, reason, cause);
    }

    private record PendingFetch(BlockId block, CompletableFuture<byte[]> result, long sentNanos) {}
}
