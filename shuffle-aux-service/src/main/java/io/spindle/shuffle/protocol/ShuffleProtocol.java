package io.spindle.shuffle.protocol;

import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * The shuffle wire protocol. Every message is one frame; all numbers are big-endian.
 *
 * <pre>
 * frame        := length:int32 type:int8 requestId:int64 payload   (length counts the bytes after it)
 * FetchRequest := type 1, payload appId:string shuffleId:int32 mapId:int32 reduceId:int32
 * BlockData    := type 2, payload the block's bytes (the rest of the frame)
 * FetchFailure := type 3, payload message:string
 * string       := byteLength:int32 utf8Bytes
 * </pre>
 *
 * A client may send many requests on one connection without waiting; the server answers each
 * with a BlockData or a FetchFailure carrying the request's id.
 */
public final class ShuffleProtocol {

    /** Bytes of the length prefix in front of every frame. */
    public static final int LENGTH_FIELD_BYTES = Integer.BYTES;
    /** Bytes of every frame after the length prefix and before the payload: type and request id. */
    public static final int HEADER_BYTES = Byte.BYTES + Long.BYTES;
    /** Largest frame a server accepts; requests are a few dozen bytes. */
    public static final int MAX_REQUEST_FRAME_BYTES = 64 * 1024;
    /** Largest frame a client accepts: a block the size of the largest Java array. */
    public static final int MAX_RESPONSE_FRAME_BYTES = Integer.MAX_VALUE;
    /** Largest block one fetch can carry: the client hands it out as one byte[]. */
    public static final long MAX_BLOCK_BYTES = Integer.MAX_VALUE - 64;

    private ShuffleProtocol() {}

    /** Returns a decoder that cuts the stream into frames and strips their length prefix. */
    public static LengthFieldBasedFrameDecoder newFrameDecoder(int maxFrameBytes) {
        return new LengthFieldBasedFrameDecoder(maxFrameBytes, 0, LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES);
    }
}
