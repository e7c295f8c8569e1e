package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.synth.ExportLayout;
import dev.zotuner.models.synth.GeneratorProgress;
import dev.zotuner.models.synth.ModelGenerator;
import dev.zotuner.models.synth.ModelShape;
import dev.zotuner.models.testing.TinyDecoders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwardProbeTest {

    @TempDir
    Path tmp;

    @Test
    void timesPlainOrtAndZoOnTheSameBatch() throws Exception {
        Path dir = tmp.resolve("llama");
        ModelGenerator.generate(ModelShape.named("llama-tiny"), ExportLayout.OPTIMUM, dir, 1, GeneratorProgress.NONE);
        ForwardProbe probe = new ForwardProbe(4, 8, 2, 42);
        Map<String, Double> ort = probe.ort(dir.resolve("model.onnx"), 1, () -> false);
        assertEquals(List.of("session_s", "first_forward_ms", "forward_ms"), List.copyOf(ort.keySet()));
        assertTrue(ort.values().stream().allMatch(v -> v > 0), ort.toString());
        Map<String, Double> zo = probe.zo(ModelSpec.of(dir.toString()).withCacheDir(tmp.resolve("cache")), () -> false);
        assertEquals(List.of("load_s", "parameters", "first_forward_ms", "forward_ms"), List.copyOf(zo.keySet()));
        assertEquals((double) ModelGenerator.parameters(ModelShape.named("llama-tiny")), zo.get("parameters"));
    }

    @Test
    void aStopIsAskedBeforeEveryPassAndEndsTheProbeThere() throws Exception {
        Path dir = tmp.resolve("llama");
        ModelGenerator.generate(ModelShape.named("llama-tiny"), ExportLayout.OPTIMUM, dir, 1, GeneratorProgress.NONE);
        ForwardProbe probe = new ForwardProbe(2, 4, 3, 42);
        AtomicInteger asked = new AtomicInteger();
        assertEquals(3, probe.ort(dir.resolve("model.onnx"), 1, () -> asked.incrementAndGet() < 0).size());
        assertEquals(4, asked.get(), "the untimed pass and 3 timed ones");
        asked.set(0);
        CancellationException e = assertThrows(CancellationException.class,
                () -> probe.zo(ModelSpec.of(dir.toString()).withCacheDir(tmp.resolve("cache")), () -> asked.incrementAndGet() > 2));
        assertEquals("stopped before a forward pass", e.getMessage());
        assertEquals(3, asked.get(), "two passes ran, the third was not started");
    }

    @Test
    void refusesGraphsWithInputsItCannotFeedAndEmptyBatches() {
        assertThrows(IllegalArgumentException.class, () -> new ForwardProbe(0, 8, 1, 1));
        Path dir = TinyDecoders.withPast(tmp.resolve("past"), "model.onnx", false,
                TinyDecoders.CONFIG);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ForwardProbe(2, 4, 1, 1).ort(dir.resolve("model.onnx"), 1, () -> false));
        assertTrue(e.getMessage().contains("is not a token input"), e.getMessage());
    }
}
