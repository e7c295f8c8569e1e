package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProvenanceConfigTest {

    private static final String A = "a".repeat(64);
    private static final String B = "0123456789abcdef".repeat(4);

    @Test
    void acceptsItsOwnBaseAndRefusesAnotherNamingBoth() {
        ProvenanceConfig p = ProvenanceConfig.now(A);
        assertEquals(ProvenanceConfig.TOOL_VERSION, p.toolVersion());
        p.requireBase(A, "m", Path.of("run"), "resume");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.requireBase(B, "models/x", Path.of("run"), "export"));
        assertTrue(e.getMessage().startsWith(Path.of("run", "config.json") + ": cannot export"), e.getMessage());
        assertTrue(e.getMessage().contains(A) && e.getMessage().contains(B) && e.getMessage().contains("models/x"));
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aChecksumIsSixtyFourLowerCaseHexDigits() {
        assertThrows(IllegalArgumentException.class, () -> ProvenanceConfig.now(A.toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> ProvenanceConfig.now("abc"));
        assertThrows(IllegalArgumentException.class, () -> new ProvenanceConfig(null, "v"));
    }
}
