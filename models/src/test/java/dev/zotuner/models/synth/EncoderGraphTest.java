package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderGraphTest {

    @TempDir
    Path tmp;

    @Test
    void bertHasHuggingFaceNamesTokenTypesAndATiedDecoder() {
        GraphBuilder.Built g = EncoderGraph.build(ModelShape.named("bert-tiny"));
        Set<String> names = g.weights().stream().map(WeightSpec::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(List.of("bert.embeddings.word_embeddings.weight", "bert.embeddings.LayerNorm.bias",
                "bert.encoder.layer.1.attention.self.query.bias", "bert.encoder.layer.0.output.LayerNorm.weight",
                "cls.predictions.transform.dense.bias", "cls.predictions.bias")), names.toString());
        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"),
                g.graph().getInputList().stream().map(i -> i.getName()).toList());
        assertEquals(2 * 6 + 1 + 1, g.weights().stream().filter(w -> w.name().startsWith("onnx::MatMul_")).count(),
                "six Linear weights per layer, the head's dense, the tied decoder");
        WeightSpec decoder = g.weights().get(g.weights().size() - 2);
        assertEquals("bert.embeddings.word_embeddings.weight", ((WeightInit.Transposed) decoder.init()).source().name());
        NodeProto q = g.graph().getNodeList().stream()
                .filter(n -> n.getName().equals("/bert/encoder/layer.0/attention/self/query/MatMul")).findFirst().orElseThrow();
        assertTrue(q.getInput(1).startsWith("onnx::MatMul_"));
    }

    @Test
    void robertaHasNoTokenTypeInputAndOneTokenType() {
        GraphBuilder.Built g = EncoderGraph.build(ModelShape.named("roberta-tiny"));
        assertEquals(List.of("input_ids", "attention_mask"), g.graph().getInputList().stream().map(i -> i.getName()).toList());
        WeightSpec types = g.weights().stream().filter(w -> w.name().equals("roberta.embeddings.token_type_embeddings.weight"))
                .findFirst().orElseThrow();
        assertEquals(1, types.dims()[0]);
        assertTrue(g.weights().stream().anyMatch(w -> w.name().equals("lm_head.layer_norm.weight")));
    }

    @Test
    void paddingChangesNothingAndEveryTokenSeesTheWholeSentence() throws Exception {
        for (String shape : List.of("bert-tiny", "roberta-tiny")) {
            Behaviour b = new Behaviour(ModelShape.named(shape), tmp.resolve(shape), shape.startsWith("roberta") ? 1 : 0);
            long[] ids = {5, 17, 300, 41, 9, 77};
            float[] padded = b.logits(new long[][] {ids, ids}, new int[] {6, 4});
            float[] alone = b.logits(new long[][] {Arrays.copyOf(ids, 4)}, new int[] {4});
            for (int p = 0; p < 4; p++) {
                assertArrayEquals(b.at(alone, 4, 0, p), b.at(padded, 6, 1, p), 1e-5f, shape + " position " + p);
            }
            assertFalse(Arrays.equals(b.at(padded, 6, 0, 0), b.at(padded, 6, 1, 0)), shape + ": bidirectional");
            b.close();
        }
    }
}
