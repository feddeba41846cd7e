package io.spindle.shuffle.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.spindle.shuffle.BlockId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShuffleMessageCodecTest {

    private static final BlockId BLOCK = new BlockId("application_1700000000000_0042", 3, 17, 250);

    @TempDir
    Path tmp;

    @Test
    void fetchRequestRoundTrips() throws IOException {
        FetchRequest request = new FetchRequest(Long.MAX_VALUE, new BlockId("appé_✓", 1, 2, 3));
        assertEquals(request, roundTrip(request));
    }

    @Test
    void fetchRequestHasTheDocumentedWireFormat() throws IOException {
        ByteBuf expected = Unpooled.buffer()
                .writeInt(1 + 8 + 4 + BLOCK.appId().length() + 12)
                .writeByte(1)
                .writeLong(7)
                .writeInt(BLOCK.appId().length())
                .writeBytes(BLOCK.appId().getBytes(StandardCharsets.US_ASCII))
                .writeInt(3)
                .writeInt(17)
                .writeInt(250);

        assertArrayEquals(ByteBufUtil.getBytes(expected), encode(new FetchRequest(7, BLOCK)));
    }

    @Test
    void fetchFailureRoundTrips() throws IOException {
        FetchFailure failure = new FetchFailure(9, "map output for shuffle 3, map 17 is not on this node");
        assertEquals(failure, roundTrip(failure));
        assertEquals(new FetchFailure(10, ""), roundTrip(new FetchFailure(10, "")));
    }

    @Test
    void blockDataFromABufferRoundTrips() throws IOException {
        byte[] payload = new byte[100_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        BlockData decoded = (BlockData) roundTrip(BlockData.ofBuffer(5, Unpooled.wrappedBuffer(payload)));
        try {
            assertEquals(5, decoded.requestId());
            assertEquals(payload.length, decoded.length());
            assertArrayEquals(payload, ByteBufUtil.getBytes(decoded.content()));
        } finally {
            decoded.release();
        }
    }

    @Test
    void emptyBlockRoundTrips() throws IOException {
        BlockData decoded = (BlockData) roundTrip(BlockData.ofBuffer(6, Unpooled.EMPTY_BUFFER));
        try {
            assertEquals(6, decoded.requestId());
            assertEquals(0, decoded.length());
            assertFalse(decoded.content().isReadable());
        } finally {
            decoded.release();
        }
    }

    @Test
    void fileRegionIsPassedOnUncopiedAfterItsHeader() throws IOException {
        Path file = Files.write(tmp.resolve("map-0.data"), "0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        EmbeddedChannel channel = new EmbeddedChannel(ShuffleMessageEncoder.INSTANCE);

        channel.writeOutbound(BlockData.ofFileRegion(11, new DefaultFileRegion(file.toFile(), 4, 6)));

        ByteBuf header = channel.readOutbound();
        assertEquals(1 + 8 + 6, header.readInt());
        assertEquals(2, header.readByte());
        assertEquals(11, header.readLong());
        assertFalse(header.isReadable());
        header.release();
        FileRegion region = assertInstanceOf(FileRegion.class, channel.readOutbound());
        assertEquals("456789", new String(transfer(region), StandardCharsets.US_ASCII));
        assertTrue(region.release(), "the region must end with one reference, owned by the transport");
        assertNull(channel.readOutbound());
    }

    @Test
    void fileRegionBlockDecodesToTheFilesBytes() throws IOException {
        Path file = Files.write(tmp.resolve("map-1.data"), "abcdefghij".getBytes(StandardCharsets.US_ASCII));

        BlockData decoded = (BlockData) roundTrip(BlockData.ofFileRegion(12, new DefaultFileRegion(file.toFile(), 2, 5)));
        try {
            assertEquals("cdefg", decoded.content().toString(StandardCharsets.US_ASCII));
        } finally {
            decoded.release();
        }
    }

    @Test
    void framesSplitAcrossReadsAndPackedTogetherAllDecodeInOrder() throws IOException {
        List<ShuffleMessage> messages = List.of(
                new FetchRequest(1, BLOCK),
                new FetchFailure(2, "no such map"),
                BlockData.ofBuffer(3, Unpooled.copiedBuffer("block bytes", StandardCharsets.US_ASCII)),
                new FetchRequest(4, new BlockId("a", 0, 0, 0)));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (ShuffleMessage message : messages) {
            stream.write(encode(message));
        }
        EmbeddedChannel decoder = newDecoderChannel(ShuffleProtocol.MAX_RESPONSE_FRAME_BYTES);

        for (byte b : stream.toByteArray()) {
            decoder.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        assertEquals(messages.get(0), decoder.readInbound());
        assertEquals(messages.get(1), decoder.readInbound());
        BlockData block = decoder.readInbound();
        assertEquals(3, block.requestId());
        assertEquals("block bytes", block.content().toString(StandardCharsets.US_ASCII));
        block.release();
        assertEquals(messages.get(3), decoder.readInbound());
        assertNull(decoder.readInbound());
    }

    @Test
    void releasingADecodedBlockFreesItsFrame() {
        ByteBuf frame = Unpooled.buffer().writeInt(1 + 8 + 3).writeByte(2).writeLong(1).writeBytes(new byte[3]);
        EmbeddedChannel decoder = newDecoderChannel(ShuffleProtocol.MAX_RESPONSE_FRAME_BYTES);

        decoder.writeInbound(frame);
        BlockData block = decoder.readInbound();

        assertTrue(block.release());
        assertEquals(0, frame.refCnt());
    }

    @Test
    void unknownMessageTypeIsRejected() {
        EmbeddedChannel decoder = newDecoderChannel(ShuffleProtocol.MAX_REQUEST_FRAME_BYTES);
        ByteBuf frame = Unpooled.buffer().writeInt(9).writeByte(42).writeLong(1);

        DecoderException e = assertThrows(CorruptedFrameException.class, () -> decoder.writeInbound(frame));
        assertTrue(e.getMessage().contains("unknown shuffle message type 42"), e.getMessage());
    }

    @Test
    void requestNamingANegativeMapIsRejected() {
        EmbeddedChannel decoder = newDecoderChannel(ShuffleProtocol.MAX_REQUEST_FRAME_BYTES);
        ByteBuf frame = Unpooled.buffer()
                .writeInt(1 + 8 + 4 + 1 + 12).writeByte(1).writeLong(8)
                .writeInt(1).writeByte('a').writeInt(0).writeInt(-5).writeInt(0);

        DecoderException e = assertThrows(CorruptedFrameException.class, () -> decoder.writeInbound(frame));
        assertTrue(e.getMessage().contains("fetch request 8 names no valid block"), e.getMessage());
    }

    @Test
    void stringLongerThanItsFrameIsRejected() {
        EmbeddedChannel decoder = newDecoderChannel(ShuffleProtocol.MAX_REQUEST_FRAME_BYTES);
        ByteBuf frame = Unpooled.buffer().writeInt(1 + 8 + 4 + 2).writeByte(3).writeLong(1).writeInt(1000).writeShort(0);

        assertThrows(CorruptedFrameException.class, () -> decoder.writeInbound(frame));
    }

    @Test
    void serverRefusesOversizedRequestFrames() {
        EmbeddedChannel decoder = newDecoderChannel(ShuffleProtocol.MAX_REQUEST_FRAME_BYTES);
        ByteBuf frame = Unpooled.buffer().writeInt(ShuffleProtocol.MAX_REQUEST_FRAME_BYTES + 1).writeByte(1);

        assertThrows(TooLongFrameException.class, () -> decoder.writeInbound(frame));
    }

    private static ShuffleMessage roundTrip(ShuffleMessage message) throws IOException {
        EmbeddedChannel decoder = newDecoderChannel(ShuffleProtocol.MAX_RESPONSE_FRAME_BYTES);
        decoder.writeInbound(Unpooled.wrappedBuffer(encode(message)));
        ShuffleMessage decoded = decoder.readInbound();
        assertNull(decoder.readInbound(), "one frame must decode to one message");
        return decoded;
    }

    /** Encodes a message and returns the bytes the transport would send. */
    private static byte[] encode(ShuffleMessage message) throws IOException {
        EmbeddedChannel encoder = new EmbeddedChannel(ShuffleMessageEncoder.INSTANCE);
        encoder.writeOutbound(message);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Object> parts = new ArrayList<>();
        for (Object part = encoder.readOutbound(); part != null; part = encoder.readOutbound()) {
            parts.add(part);
        }
        for (Object part : parts) {
            if (part instanceof ByteBuf buffer) {
                bytes.write(ByteBufUtil.getBytes(buffer));
                buffer.release();
            } else {
                FileRegion region = (FileRegion) part;
                bytes.write(transfer(region));
                region.release();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] transfer(FileRegion region) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WritableByteChannel target = Channels.newChannel(bytes);
        while (region.transferred() < region.count()) {
            region.transferTo(target, region.transferred());
        }
        return bytes.toByteArray();
    }

    private static EmbeddedChannel newDecoderChannel(int maxFrameBytes) {
        return new EmbeddedChannel(ShuffleProtocol.newFrameDecoder(maxFrameBytes), ShuffleMessageDecoder.INSTANCE);
    }
}
