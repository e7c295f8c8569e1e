package dev.zotuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.zotuner.models.onnx.PreparedModel;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.models.testing.TinyLlama;
import dev.zotuner.models.testing.TinyLlamaLayers;
import dev.zotuner.models.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInfoTest {

    @Test
    void describesInputsOutputsAndBlocks(@TempDir Path tmp) {
        Path dir = TinyModels.causal(tmp.resolve("c"));
        ModelInfo info = ModelInfo.of(PreparedModel.prepare(ModelSpec.of(dir.toString()), new ModelCache(tmp)));
        assertEquals(ModelKind.CAUSAL, info.kind());
        assertNull(info.pooling());
        assertEquals(List.of("input_ids", "attention_mask", "position_ids"),
                info.inputs().stream().map(t -> t.name()).toList());
        assertEquals("logits", info.output());
        assertEquals(TinyModels.CAUSAL_PARAMETERS, info.trainable());
        assertEquals(List.of(new ModelInfo.Block("embeddings", 2, 35 * 8 + TinyModels.POSITIONS * 8),
                new ModelInfo.Block("layer.0", 2, 72), new ModelInfo.Block("layer.1", 2, 72),
                new ModelInfo.Block("rest", 2, 8 * 35 + 35)), info.blocks());
        assertEquals(info.trainable(), info.blocks().stream().mapToLong(ModelInfo.Block::size).sum());
        assertEquals("logits at the last real token only: zo_positions gathers x2 before 3 head nodes (/Mul_1 … "
                + "/lm_head/Add)", info.head());
        assertEquals("logits at every position", ModelInfo.of(PreparedModel.prepare(ModelSpec.of(dir.toString())
                .withSliceHead(false), new ModelCache(tmp))).head(), "a run made before the slice");
        assertEquals("", ModelInfo.of(PreparedModel.prepare(ModelSpec.of(TinyModels.encoder(tmp.resolve("e")).toString()),
                new ModelCache(tmp))).head(), "an encoder has no logits");
    }

    @Test
    void listsTrainedTiesAndThoseLeftFrozen(@TempDir Path tmp) {
        Path dir = TinyLlama.write(tmp.resolve("tied"), TinyLlama.Layout.PLAIN, true);
        String tie = TinyLlamaLayers.LM_HEAD + " = transpose of " + TinyLlamaLayers.EMBED + " (280 values)";
        assertEquals(List.of(tie), ModelInfo.of(PreparedModel.prepare(ModelSpec.of(dir.toString()), new ModelCache(tmp)))
                .ties());
        assertEquals(List.of(tie + ", frozen with it"), ModelInfo.of(PreparedModel.prepare(ModelSpec.of(dir.toString())
                .withTopLayers(1), new ModelCache(tmp))).ties());
    }
}
