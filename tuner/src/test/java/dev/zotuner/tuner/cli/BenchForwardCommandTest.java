package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.models.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchForwardCommandTest {

    @TempDir
    Path tmp;

    @Test
    void reportsBothMediansAndTheRatio() throws IOException {
        String model = TinyModels.mlm(tmp.resolve("mlm")).toString();
        String cache = tmp.resolve("cache").toString();
        CliRun json = CliRun.of("bench", "forward", "--model", model, "--cache-dir", cache, "--batch", "2", "--seq", "5",
                "--warmup", "1", "--runs", "3", "--json");
        assertEquals(0, json.exit(), json.err());
        JsonNode r = new ObjectMapper().readTree(json.out());
        assertEquals(2, r.get("batch").asInt());
        assertEquals(5, r.get("seq").asInt());
        assertEquals(3, r.get("runs").asInt());
        assertTrue(r.get("original_ms").asDouble() > 0);
        assertEquals(r.get("weights_as_inputs_ms").asDouble() / r.get("original_ms").asDouble(),
                r.get("ratio").asDouble(), 1e-9);
        assertTrue(r.get("paired_ratio").asDouble() > 0);
        assertTrue(r.get("head_sliced").asBoolean(), "the masked LM's graph as zo runs it");

        CliRun text = CliRun.of("bench", "forward", "--model", model, "--cache-dir", cache, "--batch", "1", "--seq", "3",
                "--warmup", "0", "--runs", "1");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("ratio of medians"), text.out());
        assertTrue(text.out().contains("  weights as inputs, head sliced "), text.out());
        assertTrue(text.out().startsWith("forward pass of " + model + ", batch 1 x seq 3"), text.out());
    }
}
