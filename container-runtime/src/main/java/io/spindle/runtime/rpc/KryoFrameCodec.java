package io.spindle.runtime.rpc;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;

/**
 * Frames RPC messages on a Netty channel: a 4-byte length, then the Kryo encoding of one message object.
 * Each channel gets its own Kryo instances (Netty calls a channel's handlers from one thread).
 */
public final class KryoFrameCodec
{
    /** Largest message: results of collect() travel in one message. */
    static final int MAX_FRAME_BYTES = 1 << 30;

    private KryoFrameCodec()
    {
    }

    public static void install(ChannelPipeline pipeline)
    {
        pipeline.addLast("frameDecoder", new LengthFieldBasedFrameDecoder(MAX_FRAME_BYTES, 0, 4, 0, 4));
        pipeline.addLast("frameEncoder", new LengthFieldPrepender(4));
        pipeline.addLast("kryoDecoder", new Decoder());
        pipeline.addLast("kryoEncoder", new Encoder());
    }

    private static final class Encoder
            extends MessageToByteEncoder<Object>
    {
        private final Kryo kryo = KryoFactory.create();

        @Override
        protected void encode(ChannelHandlerContext ctx, Object message, ByteBuf out)
        {
            try (Output output = new Output(new ByteBufOutputStream(out), 64 * 1024)) {
                kryo.writeClassAndObject(output, message);
            }
        }
    }

    private static final class Decoder
            extends MessageToMessageDecoder<ByteBuf>
    {
        private final Kryo kryo = KryoFactory.create();

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out)
        {
            try (Input input = new Input(new ByteBufInputStream(frame), 64 * 1024)) {
                out.add(kryo.readClassAndObject(input));
            }
        }
    }
}
