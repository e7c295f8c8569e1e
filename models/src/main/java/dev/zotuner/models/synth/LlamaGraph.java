package dev.zotuner.models.synth;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;

/**
 * {@code LlamaForCausalLM} (Llama 3.2): RMSNorm, rotary position embeddings with Llama 3's frequency scaling,
 * grouped-query attention (each key/value head serves {@code heads / kvHeads} query heads), SwiGLU MLP, no biases,
 * LM head tied to the token embeddings. Names as Hugging Face's ({@code model.layers.0.self_attn.k_proj},
 * {@code model.layers.0.mlp.gate_proj}, {@code model.layers.0.input_layernorm.weight}, {@code model.norm.weight});
 * inputs {@code input_ids}, {@code attention_mask}, {@code position_ids}; output {@code logits}.
 */
final class LlamaGraph {

    private LlamaGraph() {
    }

    static GraphBuilder.Built build(ModelShape s) {
        GraphBuilder g = new GraphBuilder("main_graph", 3000 + s.layers());
        Modules m = new Modules(g);
        Attention att = new Attention(m);
        int type = TensorProto.DataType.INT64_VALUE;
        String ids = g.input("input_ids", type, "batch_size", "sequence_length");
        String mask = g.input("attention_mask", type, "batch_size", "sequence_length");
        String positions = g.input("position_ids", type, "batch_size", "sequence_length");
        String tokens = g.weight("model.embed_tokens.weight", WeightInit.normal(), s.vocab(), s.hidden());
        String x = m.embedding("/model/embed_tokens", tokens, ids);

        String rope = "/model/rotary_emb";
        float[] inv = RopeFrequencies.llama3(s.headDim());
        String p = m.unsqueeze(rope, m.cast(rope, positions, TensorProto.DataType.FLOAT), 2);
        String freqs = g.op(rope, "Mul", List.of(p, g.floats(rope, inv, 1, 1, inv.length)));
        String emb = g.op(rope, "Concat", List.of(freqs, freqs), GraphBuilder.attr("axis", -1L));
        String cos = g.op(rope, "Cos", List.of(emb));
        String sin = g.op(rope, "Sin", List.of(emb));

        String causal = att.causalMask("/model", ids, mask);
        for (int i = 0; i < s.layers(); i++) {
            x = layer(m, att, s, "/model/layers." + i, "model.layers." + i, x, causal, cos, sin);
        }
        x = m.rmsNorm("/model/norm", x, "model.norm", s.hidden(), s.eps());
        m.tiedHead("/lm_head", x, tokens);
        g.output("logits", TensorProto.DataType.FLOAT_VALUE, "batch_size", "sequence_length", s.vocab());
        return g.build();
    }

    /** One {@code LlamaDecoderLayer}: RMSNorm, GQA self-attention with RoPE, add; RMSNorm, SwiGLU, add. */
    private static String layer(Modules m, Attention att, ModelShape s, String scope, String p, String x, String mask,
                                String cos, String sin) {
        GraphBuilder g = m.graph();
        int h = s.hidden();
        int d = s.headDim();
        int kv = s.kvHeads() * d;
        String a = scope + "/self_attn";
        String n = m.rmsNorm(scope + "/input_layernorm", x, p + ".input_layernorm", h, s.eps());
        String q = att.split(a, m.linear(a + "/q_proj", n, p + ".self_attn.q_proj", h, h, false), s.heads(), d, false);
        String k = att.split(a, m.linear(a + "/k_proj", n, p + ".self_attn.k_proj", h, kv, false), s.kvHeads(), d, false);
        String v = att.split(a, m.linear(a + "/v_proj", n, p + ".self_attn.v_proj", h, kv, false), s.kvHeads(), d, false);
        String c = m.unsqueeze(a, cos, 1);
        String si = m.unsqueeze(a, sin, 1);
        q = att.rotate(a, q, c, si, d);
        k = att.rotate(a, k, c, si, d);
        int rep = s.heads() / s.kvHeads();
        k = att.repeat(a, k, s.kvHeads(), rep, d);
        v = att.repeat(a, v, s.kvHeads(), rep, d);
        String kT = g.op(a, "Transpose", List.of(k), GraphBuilder.attrInts("perm", 0, 1, 3, 2));
        String ctx = att.attend(a, q, kT, v, mask, (float) Math.sqrt(d), h);
        String o = m.linear(a + "/o_proj", ctx, p + ".self_attn.o_proj", h, h, false);
        String r = g.op(scope, "Add", List.of(x, o));
        String mlp = scope + "/mlp";
        String f = m.rmsNorm(scope + "/post_attention_layernorm", r, p + ".post_attention_layernorm", h, s.eps());
        String gate = m.silu(mlp + "/act_fn", m.linear(mlp + "/gate_proj", f, p + ".mlp.gate_proj", h, s.intermediate(), false));
        String up = m.linear(mlp + "/up_proj", f, p + ".mlp.up_proj", h, s.intermediate(), false);
        String down = m.linear(mlp + "/down_proj", g.op(mlp, "Mul", List.of(gate, up)), p + ".mlp.down_proj",
                s.intermediate(), h, false);
        return g.op(scope, "Add", List.of(r, down));
    }
}
