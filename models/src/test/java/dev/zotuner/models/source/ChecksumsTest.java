package dev.zotuner.models.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {

    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void knownVectorForBytesAndFiles(@TempDir Path tmp) throws IOException {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals(ABC, Checksums.sha256(abc));
        Path file = Files.write(tmp.resolve("abc"), abc);
        assertEquals(ABC, Checksums.sha256(file));
        assertEquals("00ff", Checksums.hex(new byte[] {0, (byte) 0xff}));
    }
}
