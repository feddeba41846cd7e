package io.spindle.shuffle.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@link ShuffleMessage}s as frames. A {@link BlockData} becomes a small header buffer
 * followed by its body unchanged, so a file region stays zero-copy. Stateless and shareable.
 */
@ChannelHandler.Sharable
public final class ShuffleMessageEncoder extends MessageToMessageEncoder<ShuffleMessage> {

    public static final ShuffleMessageEncoder INSTANCE = new ShuffleMessageEncoder();

    private ShuffleMessageEncoder() {}

    @Override
    protected void encode(ChannelHandlerContext ctx, ShuffleMessage message, List<Object> out) {
        if (message instanceof FetchRequest request) {
            byte[] appId = request.block().appId().getBytes(StandardCharsets.UTF_8);
            int frameLength = ShuffleProtocol.HEADER_BYTES + Integer.BYTES + appId.length + 3 * Integer.BYTES;
            ByteBuf frame = startFrame(ctx, ShuffleProtocol.LENGTH_FIELD_BYTES + frameLength, frameLength,
                    MessageType.FETCH_REQUEST, request.requestId());
            frame.writeInt(appId.length).writeBytes(appId);
            frame.writeInt(request.block().shuffleId());
            frame.writeInt(request.block().mapId());
            frame.writeInt(request.block().reduceId());
            out.add(frame);
        } else if (message instanceof FetchFailure failure) {
            byte[] text = failure.message().getBytes(StandardCharsets.UTF_8);
            int frameLength = ShuffleProtocol.HEADER_BYTES + Integer.BYTES + text.length;
            ByteBuf frame = startFrame(ctx, ShuffleProtocol.LENGTH_FIELD_BYTES + frameLength, frameLength,
                    MessageType.FETCH_FAILURE, failure.requestId());
            frame.writeInt(text.length).writeBytes(text);
            out.add(frame);
        } else if (message instanceof BlockData data) {
            if (data.length() > ShuffleProtocol.MAX_BLOCK_BYTES) {
                throw new EncoderException("block of request " + data.requestId() + " is " + data.length()
                        + " bytes, more than the " + ShuffleProtocol.MAX_BLOCK_BYTES + " one fetch can carry");
            }
            int frameLength = ShuffleProtocol.HEADER_BYTES + (int) data.length();
            out.add(startFrame(ctx, ShuffleProtocol.LENGTH_FIELD_BYTES + ShuffleProtocol.HEADER_BYTES, frameLength,
                    MessageType.BLOCK_DATA, data.requestId()));
            // The encoder releases the message once this returns; the body travels on.
            out.add(data.body().retain());
        } else {
            throw new EncoderException("unknown shuffle message " + message);
        }
    }

    private static ByteBuf startFrame(
            ChannelHandlerContext ctx, int bufferBytes, int frameLength, MessageType type, long requestId) {
        ByteBuf buffer = ctx.alloc().buffer(bufferBytes);
        buffer.writeInt(frameLength);
        buffer.writeByte(type.code());
        buffer.writeLong(requestId);
        return buffer;
    }
}
