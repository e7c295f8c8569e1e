package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.source.HfConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigJsonTest {

    @TempDir
    Path tmp;

    private HfConfig read(ModelShape s) throws Exception {
        Files.writeString(tmp.resolve("config.json"), ConfigJson.of(s, 42));
        return HfConfig.read(tmp);
    }

    @Test
    void theProjectReadsKindAndAttentionSizes() throws Exception {
        HfConfig llama = read(ModelShape.named("llama-3.2-1b"));
        assertEquals(List.of("LlamaForCausalLM"), llama.architectures());
        assertEquals(ModelKind.CAUSAL, llama.lmKind().orElseThrow());
        assertEquals(32, llama.attention().heads());
        assertEquals(8, llama.attention().kvHeads());
        assertEquals(64, llama.attention().headDim());
        HfConfig opt = read(ModelShape.named("opt-1.3b"));
        assertEquals(32, opt.attention().kvHeads());
        assertEquals(64, opt.attention().headDim());
        assertEquals(ModelKind.MLM, read(ModelShape.named("roberta-large")).lmKind().orElseThrow());
        assertEquals(ModelKind.MLM, read(ModelShape.named("bert-tiny")).lmKind().orElseThrow());
    }

    @Test
    void fieldsAreSpelledAsEachConfigClassSpellsThem() throws Exception {
        JsonNode opt = new ObjectMapper().readTree(ConfigJson.of(ModelShape.named("opt-1.3b"), 7));
        assertEquals(8192, opt.path("ffn_dim").asInt());
        assertEquals("relu", opt.path("activation_function").asText());
        assertEquals(7, opt.path("zo_synthetic").path("seed").asInt());
        JsonNode llama = new ObjectMapper().readTree(ConfigJson.of(ModelShape.named("llama-3.2-1b"), 7));
        assertEquals("llama3", llama.path("rope_scaling").path("rope_type").asText());
        assertEquals(500000.0, llama.path("rope_theta").asDouble());
        assertEquals(128000, llama.path("bos_token_id").asInt());
        JsonNode bert = new ObjectMapper().readTree(ConfigJson.of(ModelShape.named("bert-base"), 7));
        assertEquals(2, bert.path("type_vocab_size").asInt());
        assertEquals(1e-12, bert.path("layer_norm_eps").asDouble());
    }
}
