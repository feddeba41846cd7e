package io.spindle.shuffle.protocol;

/** The type byte that starts every frame. */
enum MessageType {
    FETCH_REQUEST((byte) 1),
    BLOCK_DATA((byte) 2),
    FETCH_FAILURE((byte) 3);

    private final byte code;

    MessageType(byte code) {
        this.code = code;
    }

    byte code() {
        return code;
    }

    /** Returns the type with this code, or null if there is none. */
    static MessageType fromCode(byte code) {
        for (MessageType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
