package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: {@code zo model inspect --model default|bge-small --json} on the real embedded models. */
class ModelInspectCommandIT {

    @Test
    void defaultModelHas22565376TrainableParameters(@TempDir Path cache) throws IOException {
        CliRun run = CliRun.of("model", "inspect", "--model", "default", "--json", "--cache-dir", cache.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("minilm-l6", json.get("model").asText());
        assertEquals("encoder", json.get("kind").asText());
        assertEquals(22_565_376L, json.get("trainable").asLong());
        assertEquals(7, json.get("blocks").size());
        long sum = 0;
        for (JsonNode b : json.get("blocks")) {
            sum += b.get("parameters").asLong();
        }
        assertEquals(22_565_376L, sum);
    }

    @Test
    void bgeSmallHas33212160ParametersInTwelveLayerBlocks(@TempDir Path cache) throws IOException {
        CliRun run = CliRun.of("model", "inspect", "--model", "bge-small", "--json", "--cache-dir", cache.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("bge-small", json.get("model").asText());
        assertEquals("cls", json.get("pooling").asText());
        assertEquals(33_212_160L, json.get("trainable").asLong());
        List<String> layers = new ArrayList<>();
        for (JsonNode b : json.get("blocks")) {
            if (b.get("name").asText().startsWith("layer.")) {
                layers.add(b.get("name").asText());
                assertEquals(1_774_464L, b.get("parameters").asLong(), b.get("name").asText());
            }
        }
        assertEquals(12, layers.size());
        assertEquals("layer.11", layers.get(11));
    }
}
