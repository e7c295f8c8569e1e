package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.source.HfConfig;
import dev.zotuner.models.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphSignatureTest {

    private static final Path FILE = Path.of("m.onnx");

    @Test
    void tokenInputsAndOutputOfEachKind() {
        GraphSignature mlm = GraphSignature.of(TinyModels.graph("mlm", 1).build().getGraph(), FILE);
        assertEquals(List.of(TokenInput.INPUT_IDS, TokenInput.ATTENTION_MASK), mlm.tokenInputs());
        assertTrue(mlm.hasLogits());
        GraphSignature causal = GraphSignature.of(TinyModels.graph("causal", 1).build().getGraph(), FILE);
        assertTrue(causal.tokenInputs().contains(TokenInput.POSITION_IDS));
        GraphSignature enc = GraphSignature.of(TinyModels.graph("encoder", 1).build().getGraph(), FILE);
        assertTrue(enc.tokenInputs().contains(TokenInput.TOKEN_TYPE_IDS));
        assertFalse(enc.hasLogits());
        assertEquals("last_hidden_state", enc.output().name());
    }

    @Test
    void kindComesFromFlagThenConfigAndMustFitTheOutput() {
        GraphSignature lm = GraphSignature.of(TinyModels.graph("mlm", 1).build().getGraph(), FILE);
        HfConfig causalConfig = new HfConfig(List.of("GPT2LMHeadModel"), false, null);
        assertEquals(ModelKind.CAUSAL, lm.kind(null, causalConfig, FILE));
        assertEquals(ModelKind.MLM, lm.kind(ModelKind.MLM, causalConfig, FILE), "the flag wins");
        ModelException unknown = assertThrows(ModelException.class, () -> lm.kind(null, HfConfig.EMPTY, FILE));
        assertTrue(unknown.getMessage().contains("--kind mlm or --kind causal"), unknown.getMessage());
        ModelException misfit = assertThrows(ModelException.class, () -> lm.kind(ModelKind.ENCODER, HfConfig.EMPTY, FILE));
        assertTrue(misfit.getMessage().startsWith("m.onnx: --kind encoder needs a hidden-state output"), misfit.getMessage());
        GraphSignature enc = GraphSignature.of(TinyModels.graph("encoder", 1).build().getGraph(), FILE);
        assertEquals(ModelKind.ENCODER, enc.kind(null, HfConfig.EMPTY, FILE));
    }

    @Test
    void modelsWithoutTokenInputsOrUsableOutputsAreRefused(@TempDir Path tmp) {
        GraphProto noIds = OnnxFile.read(
                TinyModels.withoutInputIds(tmp.resolve("x")).resolve("model.onnx")).proto().getGraph();
        ModelException e = assertThrows(ModelException.class, () -> GraphSignature.of(noIds, FILE));
        assertEquals("m.onnx: unsupported graph input 'tokens' (supported: input_ids, attention_mask, "
                + "token_type_ids, position_ids; past_key_values.* and use_cache_branch are fed empty)", e.getMessage());

        GraphProto maskOnly = TinyModels.graph("mlm", 1).build().getGraph().toBuilder().removeInput(0).build();
        ModelException missing = assertThrows(ModelException.class, () -> GraphSignature.of(maskOnly, FILE));
        assertEquals("m.onnx: no recognisable token input 'input_ids' (inputs: attention_mask)", missing.getMessage());

        GraphProto.Builder renamed = TinyModels.graph("encoder", 1).build().getGraph().toBuilder();
        renamed.getOutputBuilder(0).setName("pooler_output");
        ModelException output = assertThrows(ModelException.class, () -> GraphSignature.of(renamed.build(), FILE));
        assertTrue(output.getMessage().contains("no 'logits' or 'last_hidden_state' output (outputs: pooler_output)"));
    }
}
