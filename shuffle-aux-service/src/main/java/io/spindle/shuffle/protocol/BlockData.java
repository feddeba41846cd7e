package io.spindle.shuffle.protocol;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import io.netty.util.ReferenceCounted;

/**
 * Carries one block's bytes, either in a buffer or, on the server, as a region of a file that
 * the transport sends without copying it through user space.
 *
 * <p>It owns its body and is reference counted through it: whoever holds the last reference
 * releases it, as with any Netty message.
 */
public final class BlockData implements ShuffleMessage, ReferenceCounted {

    private final long requestId;
    private final long length;
    private final ReferenceCounted body;

    private BlockData(long requestId, long length, ReferenceCounted body) {
        this.requestId = requestId;
        this.length = length;
        this.body = body;
    }

    /** Wraps a buffer's readable bytes; the message takes ownership of the buffer. */
    public static BlockData ofBuffer(long requestId, ByteBuf content) {
        requireNonNull(content, "content is null");
        return new BlockData(requestId, content.readableBytes(), content);
    }

    /** Wraps an unsent file region; the message takes ownership of the region. */
    public static BlockData ofFileRegion(long requestId, FileRegion region) {
        requireNonNull(region, "region is null");
        if (region.transferred() != 0) {
            throw new IllegalArgumentException("file region was already partly sent: " + region);
        }
        return new BlockData(requestId, region.count(), region);
    }

    @Override
    public long requestId() {
        return requestId;
    }

    /** The block's length in bytes. */
    public long length() {
        return length;
    }

    public boolean isFileRegion() {
        return body instanceof FileRegion;
    }

    /** The block's bytes, for a message made from a buffer (as every decoded message is). */
    public ByteBuf content() {
        if (!(body instanceof ByteBuf buffer)) {
            throw new IllegalStateException("block data of request " + requestId + " is a file region");
        }
        return buffer;
    }

    /** The ByteBuf or FileRegion to put on the wire after the header. */
    ReferenceCounted body() {
        return body;
    }

    @Override
    public int refCnt() {
        return body.refCnt();
    }

    @Override
    public BlockData retain() {
        body.retain();
        return this;
    }

    @Override
    public BlockData retain(int increment) {
        body.retain(increment);
        return this;
    }

    @Override
    public BlockData touch() {
        body.touch();
        return this;
    }

    @Override
    public BlockData touch(Object hint) {
        body.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return body.release();
    }

    @Override
    public boolean release(int decrement) {
        return body.release(decrement);
    }

    @Override
    public String toString() {
        return "BlockData[requestId=" + requestId + ", length=" + length
                + (isFileRegion() ? ", file region" : "") + "]";
    }
}
