package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildOutputsTest {

    @TempDir
    Path tmp;

    @Test
    void stepTimingsFromBenchStepJson() {
        String stdout = "{\n  \"model\" : \"m\",\n  \"timing\" : {\n    \"repeats\" : 3,\n    \"forward_ms\" : 512.5,\n"
                + "    \"step_ms\" : 1190.0,\n    \"bcd_step_ms\" : 1100.25\n  },\n  \"consecutive_steps\" : {\n"
                + "    \"forward_ms\" : 500.0,\n    \"plain_step_ms\" : 1300.0,\n    \"look_ahead_step_ms\" : 1200.0\n  }\n}\n";
        assertEquals(Map.of("forward_ms", 512.5, "step_ms", 1190.0, "bcd_step_ms", 1100.25, "consecutive_forward_ms", 500.0,
                "plain_step_ms", 1300.0, "look_ahead_step_ms", 1200.0), ChildOutputs.stepTimings(stdout));
        assertTrue(ChildOutputs.stepTimings("").isEmpty());
        assertTrue(ChildOutputs.stepTimings("{broken").isEmpty());
    }

    @Test
    void secondsPerStepFromTheLastStepLine() throws Exception {
        Path m = tmp.resolve("metrics.jsonl");
        Files.writeString(m, "{\"type\":\"eval\",\"step\":0}\n{\"type\":\"step\",\"step\":1,\"train_seconds\":3.0}\n"
                + "{\"type\":\"step\",\"step\":4,\"train_seconds\":10.0}\n{\"type\":\"eval\",\"step\":4}\n");
        assertEquals(2.5, ChildOutputs.secondsPerStep(m), 1e-12);
        assertTrue(Double.isNaN(ChildOutputs.secondsPerStep(tmp.resolve("none.jsonl"))));
    }

    @Test
    void directoryBytesSumsTheRegularFiles() throws Exception {
        Files.write(tmp.resolve("model.onnx"), new byte[100]);
        Files.write(tmp.resolve("model.onnx.data"), new byte[23]);
        Files.createDirectory(tmp.resolve("sub"));
        assertEquals(123, ChildOutputs.directoryBytes(tmp));
        assertEquals(0, ChildOutputs.directoryBytes(tmp.resolve("missing")));
    }
}
