package dev.zotuner.models.synth;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;

/**
 * The PyTorch modules of the four architectures as {@code torch.onnx.export} (opset 17) writes them: {@code Linear}
 * as {@code MatMul} with an anonymous transposed weight and an {@code Add} of the named bias, {@code LayerNorm} as
 * {@code LayerNormalization}, exact GELU as {@code Div/Erf/Add/Mul/Mul}, SiLU as {@code Sigmoid/Mul}, Llama's
 * RMSNorm as {@code Pow/ReduceMean/Add/Sqrt/Div/Mul/Mul}, embeddings as {@code Gather}.
 */
final class Modules {

    private final GraphBuilder g;

    Modules(GraphBuilder g) {
        this.g = g;
    }

    GraphBuilder graph() {
        return g;
    }

    /** {@code nn.Linear(in, out)} at {@code scope} (e.g. {@code /model/layers.0/self_attn/q_proj}), parameters {@code prefix.*}. */
    String linear(String scope, String x, String prefix, long in, long out, boolean bias) {
        String w = g.anonymousWeight("MatMul", WeightInit.normal(), in, out);
        String y = g.op(scope, "MatMul", List.of(x, w));
        if (!bias) {
            return y;
        }
        String b = g.weight(prefix + ".bias", WeightInit.zeros(), out);
        return g.op(scope, "Add", List.of(b, y));
    }

    /** {@code nn.LayerNorm(width)}, parameters {@code prefix.weight} (ones) and {@code prefix.bias} (zeros). */
    String layerNorm(String scope, String x, String prefix, long width, double eps) {
        String w = g.weight(prefix + ".weight", WeightInit.ones(), width);
        String b = g.weight(prefix + ".bias", WeightInit.zeros(), width);
        return g.op(scope, "LayerNormalization", List.of(x, w, b), GraphBuilder.attr("axis", -1L),
                GraphBuilder.attr("epsilon", (float) eps));
    }

    /** Llama's RMSNorm: {@code weight * x / sqrt(mean(x²) + eps)}, parameter {@code prefix.weight} (ones). */
    String rmsNorm(String scope, String x, String prefix, long width, double eps) {
        String w = g.weight(prefix + ".weight", WeightInit.ones(), width);
        String sq = g.op(scope, "Pow", List.of(x, g.float32(scope, 2f)));
        String mean = g.op(scope, "ReduceMean", List.of(sq), GraphBuilder.attrInts("axes", -1), GraphBuilder.attr("keepdims", 1L));
        String var = g.op(scope, "Add", List.of(mean, g.float32(scope, (float) eps)));
        String rms = g.op(scope, "Sqrt", List.of(var));
        String inv = g.op(scope, "Div", List.of(g.float32(scope, 1f), rms));
        String normed = g.op(scope, "Mul", List.of(x, inv));
        return g.op(scope, "Mul", List.of(w, normed));
    }

    /** Exact GELU, {@code x · ½(1 + erf(x/√2))}. */
    String gelu(String scope, String x) {
        String div = g.op(scope, "Div", List.of(x, g.float32(scope, (float) Math.sqrt(2))));
        String erf = g.op(scope, "Erf", List.of(div));
        String add = g.op(scope, "Add", List.of(erf, g.float32(scope, 1f)));
        String mul = g.op(scope, "Mul", List.of(x, add));
        return g.op(scope, "Mul", List.of(mul, g.float32(scope, 0.5f)));
    }

    /** SiLU, {@code x · σ(x)}. */
    String silu(String scope, String x) {
        return g.op(scope, "Mul", List.of(x, g.op(scope, "Sigmoid", List.of(x))));
    }

    /** {@code nn.Embedding}: rows of the named table at {@code ids}. */
    String embedding(String scope, String table, String ids) {
        return g.op(scope, "Gather", List.of(table, ids));
    }

    /**
     * A tied output projection: {@code x · Eᵀ} where Eᵀ is an anonymous initializer holding the transpose of the
     * embedding table (what constant folding leaves of {@code F.linear(x, E)}); the output is {@code logits}.
     */
    String tiedHead(String scope, String x, String embeddingTable) {
        String t = g.anonymousWeight("MatMul", new WeightInit.Transposed(g.spec(embeddingTable)),
                g.spec(embeddingTable).dims()[1], g.spec(embeddingTable).dims()[0]);
        return g.opTo("logits", scope, "MatMul", List.of(x, t));
    }

    /** The same, plus a named bias (BERT's {@code cls.predictions.bias}, RoBERTa's {@code lm_head.bias}). */
    String tiedHead(String scope, String x, String embeddingTable, String bias) {
        long vocab = g.spec(embeddingTable).dims()[0];
        String t = g.anonymousWeight("MatMul", new WeightInit.Transposed(g.spec(embeddingTable)),
                g.spec(embeddingTable).dims()[1], vocab);
        String y = g.op(scope, "MatMul", List.of(x, t));
        String b = g.weight(bias, WeightInit.zeros(), vocab);
        return g.opTo("logits", scope, "Add", List.of(y, b));
    }

    /** {@code x[..., :]} cast to {@code type} (an ONNX {@code DataType} number). */
    String cast(String scope, String x, TensorProto.DataType type) {
        return g.op(scope, "Cast", List.of(x), GraphBuilder.attr("to", (long) type.getNumber()));
    }

    /** {@code x} with new axes of size 1 at {@code axes}. */
    String unsqueeze(String scope, String x, long... axes) {
        return g.op(scope, "Unsqueeze", List.of(x, g.ints(scope, axes)));
    }

    /** The length of axis {@code axis} of {@code x}, as an INT64 scalar. */
    String dim(String scope, String x, long axis) {
        String shape = g.op(scope, "Shape", List.of(x));
        return g.op(scope, "Gather", List.of(shape, g.int64(scope, axis)), GraphBuilder.attr("axis", 0L));
    }
}
