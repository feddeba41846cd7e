package io.spindle.shuffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShuffleServiceMetadataTest {

    @Test
    void portIsFourBigEndianBytesFillingTheBackingArray() {
        ByteBuffer metadata = ShuffleServiceMetadata.encodePort(7448);

        // The NodeManager base64-encodes array(), so it must hold nothing else.
        assertArrayEquals(new byte[] {0, 0, 0x1D, 0x18}, metadata.array());
        assertEquals(4, metadata.remaining());
        assertEquals(7448, ShuffleServiceMetadata.decodePort(metadata));
        assertEquals(0, metadata.position(), "decoding must not consume the buffer");
    }

    @Test
    void decodesThePortTheNodeManagerPutInTheEnvironment() {
        String encoded = Base64.getEncoder().encodeToString(ShuffleServiceMetadata.encodePort(40123).array());

        assertEquals(40123, ShuffleServiceMetadata.portFromEnvironment(
                Map.of("NM_AUX_SERVICE_spindle_shuffle", encoded)));
    }

    @Test
    void missingEnvironmentVariableSaysHowToFixIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ShuffleServiceMetadata.portFromEnvironment(Map.of("NM_AUX_SERVICE_mapreduce_shuffle", "AAAA")));

        assertTrue(e.getMessage().contains("NM_AUX_SERVICE_spindle_shuffle"), e.getMessage());
        assertTrue(e.getMessage().contains("is the spindle_shuffle aux service configured in yarn-site.xml?"),
                e.getMessage());
    }

    @Test
    void malformedEnvironmentVariableIsReported() {
        IllegalStateException notBase64 = assertThrows(IllegalStateException.class,
                () -> ShuffleServiceMetadata.portFromEnvironment(Map.of(ShuffleServiceMetadata.ENV_VAR, "#!")));
        assertTrue(notBase64.getMessage().contains("not valid base64"), notBase64.getMessage());

        String eightBytes = Base64.getEncoder().encodeToString(new byte[8]);
        IllegalStateException wrongLength = assertThrows(IllegalStateException.class,
                () -> ShuffleServiceMetadata.portFromEnvironment(Map.of(ShuffleServiceMetadata.ENV_VAR, eightBytes)));
        assertTrue(wrongLength.getMessage().contains("must be 4 bytes"), wrongLength.getMessage());
    }

    @Test
    void rejectsPortsOutsideTheTcpRange() {
        assertThrows(IllegalArgumentException.class, () -> ShuffleServiceMetadata.encodePort(0));
        assertThrows(IllegalArgumentException.class, () -> ShuffleServiceMetadata.encodePort(65536));
        assertThrows(IllegalArgumentException.class,
                () -> ShuffleServiceMetadata.decodePort(ByteBuffer.allocate(4).putInt(0, -1)));
    }
}
