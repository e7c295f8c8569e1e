package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptGraphTest {

    @TempDir
    Path tmp;

    @Test
    void hasOptsNamesOffsetPositionsAndATiedHead() {
        ModelShape s = ModelShape.named("opt-tiny");
        GraphBuilder.Built g = OptGraph.build(s);
        Set<String> names = g.weights().stream().map(WeightSpec::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(List.of("model.decoder.embed_tokens.weight", "model.decoder.embed_positions.weight",
                "model.decoder.layers.0.self_attn.q_proj.bias", "model.decoder.layers.1.self_attn_layer_norm.weight",
                "model.decoder.layers.1.fc2.bias", "model.decoder.final_layer_norm.weight")), names.toString());
        WeightSpec positions = g.weights().get(1);
        assertEquals(s.maxPositions() + 2, positions.dims()[0]);
        WeightSpec head = g.weights().get(g.weights().size() - 1);
        assertEquals("model.decoder.embed_tokens.weight", ((WeightInit.Transposed) head.init()).source().name());
        assertTrue(g.graph().getNodeList().stream().anyMatch(n -> n.getName().equals("/model/decoder/layers.0/activation_fn/Relu")));
        assertEquals(List.of("input_ids", "attention_mask"), g.graph().getInputList().stream().map(i -> i.getName()).toList());
    }

    @Test
    void causalAndPaddingFree() throws Exception {
        Behaviour b = new Behaviour(ModelShape.named("opt-tiny"), tmp, 1);
        long[] ids = {2, 17, 300, 41, 9, 77};
        long[] changed = {2, 17, 300, 41, 9, 500};
        float[] out = b.logits(new long[][] {ids, changed, ids}, new int[] {6, 6, 3});
        for (int p = 0; p < 5; p++) {
            assertArrayEquals(b.at(out, 6, 0, p), b.at(out, 6, 1, p), 1e-5f, "position " + p + " does not see token 5");
        }
        assertFalse(Arrays.equals(b.at(out, 6, 0, 5), b.at(out, 6, 1, 5)));
        for (int p = 0; p < 3; p++) {
            assertArrayEquals(b.at(out, 6, 0, p), b.at(out, 6, 2, p), 1e-5f, "padding after position 2");
        }
        b.close();
    }
}
