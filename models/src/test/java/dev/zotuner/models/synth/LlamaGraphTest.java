package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlamaGraphTest {

    @TempDir
    Path tmp;

    private static NodeProto node(GraphBuilder.Built g, String name) {
        return g.graph().getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + name));
    }

    private static WeightSpec weightOf(GraphBuilder.Built g, String matmul) {
        String w = node(g, matmul).getInput(1);
        return g.weights().stream().filter(s -> s.name().equals(w)).findFirst().orElseThrow();
    }

    @Test
    void groupedQueryAttentionRopeRmsNormSwiGluAndTiedEmbeddingsArePresent() {
        ModelShape s = ModelShape.named("llama-tiny");           // 4 query heads, 2 key/value heads of 8
        GraphBuilder.Built g = LlamaGraph.build(s);
        assertEquals(List.of("input_ids", "attention_mask", "position_ids"),
                g.graph().getInputList().stream().map(i -> i.getName()).toList());
        assertArrayEquals(new long[] {32, 32}, weightOf(g, "/model/layers.0/self_attn/q_proj/MatMul").dims());
        assertArrayEquals(new long[] {32, 16}, weightOf(g, "/model/layers.0/self_attn/k_proj/MatMul").dims());
        assertArrayEquals(new long[] {32, 16}, weightOf(g, "/model/layers.1/self_attn/v_proj/MatMul").dims());
        assertEquals("Expand", node(g, "/model/layers.0/self_attn/Expand").getOpType(), "repeat_kv");
        node(g, "/model/rotary_emb/Cos");
        node(g, "/model/rotary_emb/Sin");
        node(g, "/model/layers.0/self_attn/Neg");                 // rotate_half
        node(g, "/model/layers.0/input_layernorm/ReduceMean");
        node(g, "/model/layers.0/mlp/act_fn/Sigmoid");
        assertArrayEquals(new long[] {32, 64}, weightOf(g, "/model/layers.0/mlp/gate_proj/MatMul").dims());
        assertTrue(g.weights().stream().noneMatch(w -> w.name().endsWith(".bias")), "Llama has no biases");
        assertTrue(g.weights().stream().anyMatch(w -> w.name().equals("model.layers.1.post_attention_layernorm.weight")));
        WeightSpec head = weightOf(g, "/lm_head/MatMul");
        assertEquals("model.embed_tokens.weight", ((WeightInit.Transposed) head.init()).source().name());
    }

    @Test
    void causalPaddingFreeAndRotaryPositionsAreRelative() throws Exception {
        Behaviour b = new Behaviour(ModelShape.named("llama-tiny"), tmp, 0);
        long[] ids = {768, 17, 300, 41, 9, 77};
        long[] changed = {768, 17, 300, 41, 9, 500};
        float[] out = b.logits(new long[][] {ids, changed, ids}, new int[] {6, 6, 3});
        for (int p = 0; p < 5; p++) {
            assertArrayEquals(b.at(out, 6, 0, p), b.at(out, 6, 1, p), 1e-5f, "position " + p + " does not see token 5");
        }
        assertFalse(Arrays.equals(b.at(out, 6, 0, 5), b.at(out, 6, 1, 5)));
        for (int p = 0; p < 3; p++) {
            assertArrayEquals(b.at(out, 6, 0, p), b.at(out, 6, 2, p), 1e-5f, "padding after position 2");
        }
        float[] shifted = b.logits(new long[][] {ids}, new int[] {6}, new long[] {7, 8, 9, 10, 11, 12});
        float[] spread = b.logits(new long[][] {ids}, new int[] {6}, new long[] {0, 2, 4, 6, 8, 10});
        for (int p = 0; p < 6; p++) {
            assertArrayEquals(b.at(out, 6, 0, p), b.at(shifted, 6, 0, p), 2e-4f, "RoPE is relative: a shift changes nothing");
        }
        assertFalse(Arrays.equals(b.at(out, 6, 0, 5), b.at(spread, 6, 0, 5)), "other distances, other logits");
        b.close();
    }
}
