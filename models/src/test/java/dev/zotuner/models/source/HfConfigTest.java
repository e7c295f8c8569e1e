package dev.zotuner.models.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfConfigTest {

    @TempDir
    Path dir;

    @Test
    void architecturesDecideTheLmKind() {
        assertEquals(Optional.of(ModelKind.MLM), new HfConfig(List.of("RobertaForMaskedLM"), false, null).lmKind());
        assertEquals(Optional.of(ModelKind.CAUSAL), new HfConfig(List.of("LlamaForCausalLM"), false, null).lmKind());
        assertEquals(Optional.of(ModelKind.CAUSAL), new HfConfig(List.of("GPT2LMHeadModel"), false, null).lmKind());
        assertEquals(Optional.of(ModelKind.CAUSAL), new HfConfig(List.of("BertModel"), true, null).lmKind());
        assertEquals(Optional.empty(), new HfConfig(List.of("BertModel"), false, null).lmKind());
    }

    @Test
    void readsConfigAndSentenceTransformersPooling() throws IOException {
        assertEquals(HfConfig.EMPTY, HfConfig.read(dir));
        Files.writeString(dir.resolve("config.json"), "{\"architectures\":[\"BertForMaskedLM\"],\"is_decoder\":false}");
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"pooling_mode_cls_token\":true,\"pooling_mode_mean_tokens\":false}");
        HfConfig c = HfConfig.read(dir);
        assertEquals(List.of("BertForMaskedLM"), c.architectures());
        assertEquals(Pooling.CLS, c.pooling());
        Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"pooling_mode_mean_tokens\":true}");
        assertEquals(Pooling.MEAN, HfConfig.read(dir).pooling());
        Files.writeString(dir.resolve("1_Pooling/config.json"), "{}");
        assertNull(HfConfig.read(dir).pooling());
        assertEquals(AttentionShape.UNKNOWN, c.attention());
        Files.writeString(dir.resolve("config.json"), "{\"architectures\":[\"GPT2LMHeadModel\"],\"n_head\":2,\"n_embd\":8}");
        assertEquals(new AttentionShape(2, 2, 4), HfConfig.read(dir).attention());
    }

    @Test
    void malformedConfigIsAOneLineErrorNamingTheFile() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"architectures\": [");
        ModelException e = assertThrows(ModelException.class, () -> HfConfig.read(dir));
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
