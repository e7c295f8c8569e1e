package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeReportTest {

    @TempDir
    Path tmp;

    @Test
    void roundTripsThroughItsJson() throws Exception {
        ProbeReport r = new ProbeReport(1, 12.5, 811_232, "OutOfMemoryError: Java heap space", Map.of("session_s", 1.9));
        Path file = tmp.resolve("r.json");
        Files.writeString(file, r.json());
        assertEquals(r, ProbeReport.read(file).orElseThrow());
        assertEquals(r, ProbeReport.parse("{\"exit_code\":1,\"seconds\":12.5,\"peak_rss_kib\":811232,"
                + "\"error\":\"OutOfMemoryError: Java heap space\",\"values\":{\"session_s\":1.9}}"));
    }

    @Test
    void aMissingOrBrokenFileIsNoReport() throws Exception {
        assertTrue(ProbeReport.read(tmp.resolve("none.json")).isEmpty());
        Files.writeString(tmp.resolve("half.json"), "{\"exit_code\":");
        assertTrue(ProbeReport.read(tmp.resolve("half.json")).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ProbeReport.parse("not json"));
    }
}
