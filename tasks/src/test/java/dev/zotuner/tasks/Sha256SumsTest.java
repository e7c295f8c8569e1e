package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256SumsTest {

    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hashesLikeSha256sum() {
        assertEquals(ABC, Sha256Sums.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void verifiesMatchingBytes() {
        Sha256Sums sums = Sha256Sums.parse(ABC + "  x/abc.txt\n\n", "SUMS");
        sums.verify("x/abc.txt", "abc".getBytes(StandardCharsets.US_ASCII), "x/abc.txt");
        assertEquals(ABC, sums.digests().get("x/abc.txt"));
    }

    @Test
    void mismatchIsOneLineErrorNamingTheFile() {
        Sha256Sums sums = Sha256Sums.parse(ABC + "  abc.txt\n", "SUMS");
        DataFileException e = assertThrows(DataFileException.class,
                () -> sums.verify("abc.txt", "abd".getBytes(StandardCharsets.US_ASCII), "data/abc.txt"));
        assertTrue(e.getMessage().startsWith("data/abc.txt: SHA-256 mismatch"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void missingEntryAndMalformedLineAreErrors() {
        Sha256Sums sums = Sha256Sums.parse(ABC + "  abc.txt\n", "SUMS");
        assertThrows(DataFileException.class, () -> sums.verify("other.txt", new byte[0], "other.txt"));
        DataFileException e = assertThrows(DataFileException.class,
                () -> Sha256Sums.parse(ABC + "  a\nnot-a-digest  b\n", "SUMS"));
        assertTrue(e.getMessage().startsWith("SUMS:2:"), e.getMessage());
    }
}
