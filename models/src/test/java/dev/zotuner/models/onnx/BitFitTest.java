package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.testing.TinyGraph;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BitFitTest {

    private static final Set<String> BIASES = Set.of("encoder.layer.0.attention.self.query.bias", "onnx::Add_8",
            "onnx::Gemm_3", "onnx::Skip_4");
    private static final Set<String> LAYER_NORM = Set.of("encoder.layer.0.attention.output.LayerNorm.weight",
            "encoder.layer.0.attention.output.LayerNorm.bias", "h.0.ln_1.weight", "ln_f.bias", "onnx::Mul_7", "g1", "b1",
            "g2", "b2", "model.layers.0.input_layernorm.weight");

    /** Rank-1 weights of every kind BitFit must tell apart (the graph is only read, never run). */
    private static GraphProto graph() {
        TinyGraph g = new TinyGraph(1).tokenInput("x");
        for (String name : new String[] {"encoder.layer.0.attention.self.query.bias", "onnx::Add_8", "onnx::Gemm_3",
                "onnx::Skip_4", "encoder.layer.0.attention.output.LayerNorm.weight",
                "encoder.layer.0.attention.output.LayerNorm.bias", "h.0.ln_1.weight", "ln_f.bias", "onnx::Mul_7", "g1",
                "b1", "g2", "b2", "model.layers.0.input_layernorm.weight", "encoder.layer.0.scale", "kiln.weight"}) {
            g.weight(name, 1, 8);
        }
        return g.weight("eps", 1, 1).weight("encoder.layer.0.dense.weight", 1, 8, 8)
                .node("Add", "/encoder/layer.0/attention/self/query/Add", new String[] {"q", "encoder.layer.0.attention.self.query.bias"}, "q1")
                .node("Add", "/encoder/layer.1/output/dense/Add", new String[] {"onnx::Add_8", "d"}, "d1")
                .node("Gemm", "/pooler/dense/Gemm", new String[] {"p", "w", "onnx::Gemm_3"}, "p1")
                .node("SkipLayerNormalization", "SkipLayerNorm_AddBias_0", new String[] {"s", "t", "g2", "b2", "onnx::Skip_4"}, "s1")
                .node("Mul", "/encoder/layer.1/output/LayerNorm/Mul", new String[] {"n", "onnx::Mul_7"}, "n1")
                .node("LayerNormalization", "/final/Op", new String[] {"f", "g1", "b1"}, "f1")
                .node("Mul", "/encoder/layer.0/Mul", new String[] {"z", "encoder.layer.0.scale"}, "z1")
                .node("Mul", "/kiln/Mul", new String[] {"k", "kiln.weight"}, "k1")
                .node("Add", "/encoder/layer.0/LayerNorm/Add", new String[] {"v", "eps"}, "v1")
                .build().getGraph();
    }

    private static Set<String> chosen(GraphProto g, boolean layerNorm) {
        Predicate<TensorProto> bitFit = BitFit.trainable(g, layerNorm);
        return g.getInitializerList().stream().filter(bitFit).map(TensorProto::getName).collect(Collectors.toSet());
    }

    @Test
    void biasesByNameOrUseAndNotLayerNormOrOtherVectors() {
        assertEquals(BIASES, chosen(graph(), false),
                "named biases, added vectors, Gemm C, the fused skip-LN bias; not γ/β, a Mul scale, a 1-element epsilon");
    }

    @Test
    void layerNormByNameLnComponentConsumerNameOrOpTypeWhenAsked() {
        Set<String> both = new HashSet<>(BIASES);
        both.addAll(LAYER_NORM);
        assertEquals(both, chosen(graph(), true));
    }

    @Test
    void theRealModelsNamesAreClassified() {
        GraphProto g = new TinyGraph(2).weight("encoder.layer.0.attention.self.query.bias", 1, 384)
                .weight("encoder.layer.0.attention.output.LayerNorm.weight", 1, 384)
                .weight("embeddings.LayerNorm.bias", 1, 384).weight("onnx::MatMul_787", 1, 384, 384)
                .weight("embeddings.word_embeddings.weight", 1, 30, 384).build().getGraph();
        assertEquals(Set.of("encoder.layer.0.attention.self.query.bias"), chosen(g, false));
        assertEquals(Set.of("encoder.layer.0.attention.self.query.bias", "encoder.layer.0.attention.output.LayerNorm.weight",
                "embeddings.LayerNorm.bias"), chosen(g, true));
    }
}
