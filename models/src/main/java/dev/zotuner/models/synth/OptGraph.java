package dev.zotuner.models.synth;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;

/**
 * {@code OPTForCausalLM} (pre-LN decoder, ReLU MLP, biases everywhere, learned positions offset by 2, LM head tied to
 * the token embeddings) with Hugging Face's names ({@code model.decoder.layers.0.self_attn.q_proj.bias},
 * {@code model.decoder.layers.0.self_attn_layer_norm.weight}, {@code model.decoder.final_layer_norm.weight}) and
 * scopes ({@code /model/decoder/layers.0/self_attn/q_proj/MatMul}). Inputs {@code input_ids}, {@code attention_mask};
 * output {@code logits}. Positions are {@code cumsum(mask) · mask − 1 + 2}, as {@code OPTLearnedPositionalEmbedding}.
 */
final class OptGraph {

    private static final long POSITION_OFFSET = 2;

    private OptGraph() {
    }

    static GraphBuilder.Built build(ModelShape s) {
        GraphBuilder g = new GraphBuilder("main_graph", 2000 + s.layers());
        Modules m = new Modules(g);
        Attention att = new Attention(m);
        int type = TensorProto.DataType.INT64_VALUE;
        String ids = g.input("input_ids", type, "batch_size", "sequence_length");
        String mask = g.input("attention_mask", type, "batch_size", "sequence_length");
        String root = "/model/decoder";
        String tokens = g.weight("model.decoder.embed_tokens.weight", WeightInit.normal(), s.vocab(), s.hidden());
        String table = g.weight("model.decoder.embed_positions.weight", WeightInit.normal(),
                s.maxPositions() + POSITION_OFFSET, s.hidden());
        String x = m.embedding(root + "/embed_tokens", tokens, ids);
        String pos = root + "/embed_positions";
        String counted = g.op(pos, "Mul", List.of(g.op(pos, "CumSum", List.of(mask, g.int64(pos, 1))), mask));
        String positions = g.op(pos, "Add", List.of(g.op(pos, "Sub", List.of(counted, g.int64(pos, 1))),
                g.int64(pos, POSITION_OFFSET)));
        x = g.op(root, "Add", List.of(x, m.embedding(pos, table, positions)));
        String causal = att.causalMask(root, ids, mask);
        for (int i = 0; i < s.layers(); i++) {
            x = layer(m, att, s, root + "/layers." + i, "model.decoder.layers." + i, x, causal);
        }
        x = m.layerNorm(root + "/final_layer_norm", x, "model.decoder.final_layer_norm", s.hidden(), s.eps());
        m.tiedHead("/lm_head", x, tokens);
        g.output("logits", TensorProto.DataType.FLOAT_VALUE, "batch_size", "sequence_length", s.vocab());
        return g.build();
    }

    /** One {@code OPTDecoderLayer}: LN, self-attention (queries scaled by 1/√d first), add; LN, fc1, ReLU, fc2, add. */
    private static String layer(Modules m, Attention att, ModelShape s, String scope, String p, String x, String mask) {
        GraphBuilder g = m.graph();
        int h = s.hidden();
        int d = s.headDim();
        String a = scope + "/self_attn";
        String n = m.layerNorm(scope + "/self_attn_layer_norm", x, p + ".self_attn_layer_norm", h, s.eps());
        String q = m.linear(a + "/q_proj", n, p + ".self_attn.q_proj", h, h, true);
        q = g.op(a, "Mul", List.of(q, g.float32(a, (float) (1 / Math.sqrt(d)))));
        String k = m.linear(a + "/k_proj", n, p + ".self_attn.k_proj", h, h, true);
        String v = m.linear(a + "/v_proj", n, p + ".self_attn.v_proj", h, h, true);
        String ctx = att.attend(a, att.split(a, q, s.heads(), d, false), att.split(a, k, s.heads(), d, true),
                att.split(a, v, s.heads(), d, false), mask, 0f, h);
        String o = m.linear(a + "/out_proj", ctx, p + ".self_attn.out_proj", h, h, true);
        String r = g.op(scope, "Add", List.of(x, o));
        String f = m.layerNorm(scope + "/final_layer_norm", r, p + ".final_layer_norm", h, s.eps());
        f = m.linear(scope + "/fc1", f, p + ".fc1", h, s.intermediate(), true);
        f = g.op(scope + "/activation_fn", "Relu", List.of(f));
        f = m.linear(scope + "/fc2", f, p + ".fc2", s.intermediate(), h, true);
        return g.op(scope, "Add", List.of(r, f));
    }
}
