package dev.zotuner.tuner.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizerStateTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsBuffersLargerThanTheIoChunk() throws IOException {
        float[] m = new float[100_003];
        float[] v = new float[5];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) Math.sin(i) * 1e-3f;
        }
        v[4] = Float.MIN_VALUE;
        Map<String, float[]> buffers = new LinkedHashMap<>();
        buffers.put("m", m);
        buffers.put("v", v);
        Path file = dir.resolve("opt.state");
        new OptimizerState("zo-adam", 1234567890123L, buffers).save(file);
        new OptimizerState("zo-adam", 1234567890123L, buffers).save(file);    // replaces atomically
        assertFalse(Files.exists(dir.resolve("opt.state.tmp")));
        OptimizerState back = OptimizerState.load(file);
        assertEquals("zo-adam", back.method());
        assertEquals(1234567890123L, back.steps());
        assertEquals(java.util.List.of("m", "v"), java.util.List.copyOf(back.buffers().keySet()));
        assertArrayEquals(m, back.buffers().get("m"));
        assertArrayEquals(v, back.buffers().get("v"));
    }

    @Test
    void rejectsForeignAndTruncatedFiles() throws IOException {
        Path foreign = dir.resolve("foreign.state");
        Files.writeString(foreign, "definitely not a state file");
        IOException e = assertThrows(IOException.class, () -> OptimizerState.load(foreign));
        assertEquals("optimizer state " + foreign + ": not a zo optimizer state file (bad magic)", e.getMessage());

        Path good = dir.resolve("good.state");
        new OptimizerState("zo-sgd-mmt", 3, Map.of("momentum", new float[1000])).save(good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.state");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 10));
        IOException truncated = assertThrows(IOException.class, () -> OptimizerState.load(cut));
        assertEquals("optimizer state " + cut + ": truncated", truncated.getMessage());
    }

    @Test
    void optimizersRefuseAnotherMethodsState() {
        try (PerturbationEngine engine = new PerturbationEngine(1, NoiseKind.GAUSSIAN)) {
            ZoOptimizer adam = ZoMethod.ZO_ADAM.create(Problems.single(4), engine, ZoSettings.defaults(1));
            ZoOptimizer mmt = ZoMethod.ZO_SGD_MOMENTUM.create(Problems.single(4), engine, ZoSettings.defaults(1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.restore(mmt.state()));
            assertEquals("optimizer state is for zo-sgd-mmt, this optimizer is zo-adam", e.getMessage());
            ZoOptimizer bigger = ZoMethod.ZO_SGD_MOMENTUM.create(Problems.single(5), engine, ZoSettings.defaults(1));
            assertThrows(IllegalArgumentException.class, () -> bigger.restore(mmt.state()));
        }
    }
}
