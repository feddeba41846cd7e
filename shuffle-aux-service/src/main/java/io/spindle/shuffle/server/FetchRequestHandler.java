package io.spindle.shuffle.server;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.spindle.shuffle.BlockId;
import io.spindle.shuffle.protocol.BlockData;
import io.spindle.shuffle.protocol.FetchFailure;
import io.spindle.shuffle.protocol.FetchRequest;
import io.spindle.shuffle.protocol.ShuffleMessage;
import io.spindle.shuffle.protocol.ShuffleProtocol;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each fetch request with the block's bytes, sent from the file without copying, or with
 * a failure that says why. Requests on one connection are answered in order; the connection
 * stops reading while its answers pile up faster than the client takes them.
 */
@ChannelHandler.Sharable
final class FetchRequestHandler extends SimpleChannelInboundHandler<FetchRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(FetchRequestHandler.class);

    private final ShuffleBlockResolver resolver;

    FetchRequestHandler(ShuffleBlockResolver resolver) {
        this.resolver = requireNonNull(resolver, "resolver is null");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FetchRequest request) {
        BlockId block = request.block();
        ctx.write(respond(ctx, request)).addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess()) {
                if (future.cause() instanceof ClosedChannelException) {
                    LOG.debug("Fetcher {} left before block {} was sent", future.channel().remoteAddress(), block);
                } else {
                    // Part of a frame may be on the wire already, so the stream cannot go on.
                    LOG.warn("Could not send block {} to {}; closing the connection",
                            block, future.channel().remoteAddress(), future.cause());
                }
                future.channel().close();
            }
        });
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private ShuffleMessage respond(ChannelHandlerContext ctx, FetchRequest request) {
        BlockId block = request.block();
        FileSegment segment;
        try {
            segment = resolver.resolve(block);
        } catch (BlockUnavailableException e) {
            LOG.info("Cannot serve block {} to {}: {}", block, ctx.channel().remoteAddress(), e.getMessage());
            return new FetchFailure(request.requestId(), e.getMessage());
        } catch (IOException e) {
            LOG.warn("Cannot serve block {} to {}", block, ctx.channel().remoteAddress(), e);
            return new FetchFailure(request.requestId(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Shuffle service failed to resolve block {} for {}", block, ctx.channel().remoteAddress(), e);
            return new FetchFailure(request.requestId(), "shuffle service failed to resolve block " + block + ": " + e);
        }
        if (segment.length() > ShuffleProtocol.MAX_BLOCK_BYTES) {
            return new FetchFailure(request.requestId(), "block " + block + " is " + segment.length()
                    + " bytes, more than the " + ShuffleProtocol.MAX_BLOCK_BYTES + " one fetch can carry;"
                    + " use more reduce partitions");
        }
        if (segment.length() == 0) {
            return BlockData.ofBuffer(request.requestId(), Unpooled.EMPTY_BUFFER);
        }
        // Opens the file only when the transport starts sending it, and closes it after.
        return BlockData.ofFileRegion(request.requestId(),
                new DefaultFileRegion(segment.file(), segment.offset(), segment.length()));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            LOG.warn("Closing shuffle connection from {}: it sent a malformed request", ctx.channel().remoteAddress(), cause);
        } else {
            // Mostly a fetcher that went away (connection reset), which is its own business.
            LOG.debug("Closing shuffle connection from {} after an error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
