package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlockNamesTest {

    @Test
    void namesFromCommonExporters() {
        assertEquals(Optional.of("embeddings"), BlockNames.fromName("embeddings.word_embeddings.weight"));
        assertEquals(Optional.of("embeddings"), BlockNames.fromName("roberta.embeddings.LayerNorm.bias"));
        assertEquals(Optional.of("embeddings"), BlockNames.fromName("model.embed_tokens.weight"));
        assertEquals(Optional.of("embeddings"), BlockNames.fromName("transformer.wte.weight"));
        assertEquals(Optional.of("layer.3"), BlockNames.fromName("encoder.layer.3.attention.self.query.bias"));
        assertEquals(Optional.of("layer.11"), BlockNames.fromName("model.layers.11.mlp.up_proj.weight"));
        assertEquals(Optional.of("layer.0"), BlockNames.fromName("transformer.h.0.attn.c_attn.weight"));
        assertEquals(Optional.of("layer.2"), BlockNames.fromName("/encoder/layer.2/attention/self/query/MatMul"));
        assertEquals(Optional.of("layer.4"), BlockNames.fromName("bert/encoder/layer_4/attention/self/query/kernel"));
        assertEquals(Optional.of("embeddings"), BlockNames.fromName("/embeddings/LayerNorm/Mul_layer_2"), "not layer.2");
        assertEquals(Optional.empty(), BlockNames.fromName("onnx::MatMul_787"));
        assertEquals(Optional.empty(), BlockNames.fromName("lm_head.weight"));
    }

    @Test
    void anonymisedWeightsTakeTheScopeOfTheirConsumer() {
        GraphProto g = TinyModels.graph("mlm", 1).build().getGraph();
        List<String> names = new ArrayList<>();
        for (TensorProto t : g.getInitializerList()) {
            names.add(t.getName());
        }
        Map<String, String> blocks = BlockNames.assign(g, names);
        assertEquals("layer.0", blocks.get("onnx::MatMul_100"));
        assertEquals("layer.1", blocks.get("encoder.layer.1.dense.weight"));
        assertEquals("embeddings", blocks.get("embeddings.word_embeddings.weight"));
        assertEquals("rest", blocks.get("lm_head.weight"));
        assertEquals("rest", blocks.get("output_scale"));
    }

    @Test
    void blocksAreOrderedLikeAForwardPass() {
        List<String> blocks = new ArrayList<>(List.of("rest", "layer.10", "layer.2", "embeddings", "layer.0"));
        blocks.sort(BlockNames.order());
        assertEquals(List.of("embeddings", "layer.0", "layer.2", "layer.10", "rest"), blocks);
    }
}
