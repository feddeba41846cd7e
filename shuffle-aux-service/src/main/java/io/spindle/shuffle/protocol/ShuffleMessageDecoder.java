package io.spindle.shuffle.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.spindle.shuffle.BlockId;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns frames (length prefix already stripped by {@link ShuffleProtocol#newFrameDecoder}) into
 * {@link ShuffleMessage}s. A decoded {@link BlockData} holds a slice of the frame that its
 * receiver must release. Stateless and shareable.
 */
@ChannelHandler.Sharable
public final class ShuffleMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    public static final ShuffleMessageDecoder INSTANCE = new ShuffleMessageDecoder();

    private ShuffleMessageDecoder() {}

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (frame.readableBytes() < ShuffleProtocol.HEADER_BYTES) {
            throw new CorruptedFrameException("shuffle frame of " + frame.readableBytes()
                    + " bytes is shorter than the " + ShuffleProtocol.HEADER_BYTES + "-byte header");
        }
        byte code = frame.readByte();
        long requestId = frame.readLong();
        MessageType type = MessageType.fromCode(code);
        if (type == null) {
            throw new CorruptedFrameException("unknown shuffle message type " + code + " in request " + requestId
                    + "; is the peer a Spindle shuffle service or client of the same version?");
        }
        switch (type) {
            case FETCH_REQUEST -> out.add(decodeFetchRequest(requestId, frame));
            case BLOCK_DATA -> out.add(BlockData.ofBuffer(requestId, frame.readRetainedSlice(frame.readableBytes())));
            case FETCH_FAILURE -> {
                String message = readString(frame, requestId);
                requireFullyRead(frame, type, requestId);
                out.add(new FetchFailure(requestId, message));
            }
        }
    }

    private static FetchRequest decodeFetchRequest(long requestId, ByteBuf frame) {
        String appId = readString(frame, requestId);
        if (frame.readableBytes() != 3 * Integer.BYTES) {
            throw new CorruptedFrameException("fetch request " + requestId + " has " + frame.readableBytes()
                    + " bytes after its appId, expected " + 3 * Integer.BYTES);
        }
        int shuffleId = frame.readInt();
        int mapId = frame.readInt();
        int reduceId = frame.readInt();
        try {
            return new FetchRequest(requestId, new BlockId(appId, shuffleId, mapId, reduceId));
        } catch (IllegalArgumentException e) {
            throw new CorruptedFrameException("fetch request " + requestId + " names no valid block: "
                    + e.getMessage(), e);
        }
    }

    private static String readString(ByteBuf frame, long requestId) {
        if (frame.readableBytes() < Integer.BYTES) {
            throw new CorruptedFrameException("message of request " + requestId + " ends before a string's length");
        }
        int length = frame.readInt();
        if (length < 0 || length > frame.readableBytes()) {
            throw new CorruptedFrameException("message of request " + requestId + " has a string of length "
                    + length + " but only " + frame.readableBytes() + " bytes left");
        }
        String value = frame.toString(frame.readerIndex(), length, StandardCharsets.UTF_8);
        frame.skipBytes(length);
        return value;
    }

    private static void requireFullyRead(ByteBuf frame, MessageType type, long requestId) {
        if (frame.isReadable()) {
            throw new CorruptedFrameException(type + " message of request " + requestId + " has "
                    + frame.readableBytes() + " unexpected trailing bytes");
        }
    }
}
