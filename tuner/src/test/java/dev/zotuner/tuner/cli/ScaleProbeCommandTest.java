package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.tuner.bench.ProbeReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleProbeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void runsAZoCommandAndReportsItsStatusAndPeak() {
        Path model = TinyModels.mlm(tmp.resolve("mlm"));
        Path result = tmp.resolve("r.json");
        CliRun run = CliRun.of("bench", "probe", "--result", result.toString(), "--", "model", "inspect", "--model",
                model.toString(), "--cache-dir", tmp.resolve("cache").toString());
        assertEquals(0, run.exit(), run.err());
        ProbeReport r = ProbeReport.read(result).orElseThrow();
        assertEquals(0, r.exitCode());
        assertTrue(r.peakRssKib() > 10_000, "VmHWM of this JVM: " + r.peakRssKib());
        CliRun bad = CliRun.of("bench", "probe", "--result", result.toString(), "--", "model", "inspect", "--model",
                tmp.resolve("none.onnx").toString());
        assertEquals(1, bad.exit());
        assertEquals(1, ProbeReport.read(result).orElseThrow().exitCode());
    }

    @Test
    void ortAndLoadModesMeasureForwards() {
        Path model = TinyModels.mlm(tmp.resolve("mlm"));
        Path result = tmp.resolve("r.json");
        assertEquals(0, CliRun.of("bench", "probe", "--result", result.toString(), "--ort", model.resolve("model.onnx").toString(),
                "--batch", "2", "--seq", "5", "--runs", "1").exit());
        assertTrue(ProbeReport.read(result).orElseThrow().values().containsKey("session_s"));
        assertEquals(0, CliRun.of("bench", "probe", "--result", result.toString(), "--load", model.toString(), "--cache-dir",
                tmp.resolve("cache").toString(), "--batch", "2", "--seq", "5", "--runs", "1").exit());
        assertTrue(ProbeReport.read(result).orElseThrow().values().containsKey("load_s"));
    }

    @Test
    void withoutAModeItFailsInOneLineAndStillReports() {
        Path result = tmp.resolve("r.json");
        CliRun run = CliRun.of("bench", "probe", "--result", result.toString());
        assertEquals(1, run.exit());
        assertEquals("zo: bench probe: give --ort, --load or a zo command after --\n", run.err());
        assertEquals("bench probe: give --ort, --load or a zo command after --", ProbeReport.read(result).orElseThrow().error());
    }
}
