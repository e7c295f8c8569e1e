package dev.zotuner.models.testing;

import static dev.zotuner.models.testing.TinyLlamaLayers.in;

/**
 * One {@link TinyLlama} decoder layer: pre-norm grouped-query self-attention with rotary embeddings (Su et al. 2021,
 * "RoFormer"; Ainslie et al. 2023, "GQA") and a SwiGLU MLP (Shazeer 2020, "GLU Variants Improve Transformer"), each
 * added to the residual stream.
 */
final class TinyLlamaAttention {

    private static final int REPEATS = TinyLlama.HEADS / TinyLlama.KV_HEADS;

    private final TinyLlamaLayers b;
    private final int layer;
    private final String scope;

    TinyLlamaAttention(TinyLlamaLayers b, int layer) {
        this.b = b;
        this.layer = layer;
        this.scope = "/model/layers." + layer;
    }

    /** The layer's output for residual input {@code x}. */
    String layer(String x, String mask, String[] rotary, boolean past, boolean presents) {
        String p = "model.layers." + layer + ".";
        String h = b.rmsNorm(scope + "/input_layernorm", x, p + "input_layernorm.weight");
        String q = heads(projection("q_proj", h, true), TinyLlama.HEADS, "q");
        String k = heads(projection("k_proj", h, true), TinyLlama.KV_HEADS, "k");
        String v = heads(projection("v_proj", h, true), TinyLlama.KV_HEADS, "v");
        q = rope(q, rotary, "q");
        k = rope(k, rotary, "k");
        if (past) {
            k = b.op("Concat", scope + "/self_attn/Concat_past_k", in("past_key_values." + layer + ".key", k), "axis", 2);
            v = b.op("Concat", scope + "/self_attn/Concat_past_v", in("past_key_values." + layer + ".value", v), "axis", 2);
        }
        if (presents) {
            b.node("Identity", scope + "/self_attn/Identity_k", in(k), "present." + layer + ".key");
            b.node("Identity", scope + "/self_attn/Identity_v", in(v), "present." + layer + ".value");
        }
        String keys = b.op("Transpose", scope + "/self_attn/Transpose_keys", in(repeat(k, "k")), "perm", new long[] {0, 1, 3, 2});
        String scores = b.op("Mul", scope + "/self_attn/Mul", in(b.op("MatMul", scope + "/self_attn/MatMul", in(q, keys)),
                "/model/Constant_scale"));
        String weights = b.op("Softmax", scope + "/self_attn/Softmax", in(b.op("Add", scope + "/self_attn/Add",
                in(scores, mask))), "axis", -1);
        String attended = b.op("MatMul", scope + "/self_attn/MatMul_1", in(weights, repeat(v, "v")));
        String merged = b.op("Reshape", scope + "/self_attn/Reshape_out", in(b.op("Transpose",
                scope + "/self_attn/Transpose_out", in(attended), "perm", new long[] {0, 2, 1, 3}), shape(0, 0, TinyLlama.HIDDEN)));
        String x2 = b.op("Add", scope + "/Add", in(x, projection("o_proj", merged, false)));
        String h2 = b.rmsNorm(scope + "/post_attention_layernorm", x2, p + "post_attention_layernorm.weight");
        String gate = projection("gate_proj", h2, false);
        String silu = b.op("Mul", scope + "/mlp/act_fn/Mul", in(gate, b.op("Sigmoid", scope + "/mlp/act_fn/Sigmoid", in(gate))));
        String product = b.op("Mul", scope + "/mlp/Mul", in(silu, projection("up_proj", h2, false)));
        return b.op("Add", scope + "/Add_1", in(x2, projection("down_proj", product, false)));
    }

    /** {@code x · W (+ bias)}, the MatMul named {@code /model/layers.N/<self_attn|mlp>/<module>/MatMul}. */
    private String projection(String module, String x, boolean bias) {
        String path = scope + (module.endsWith("_proj") && "qkvo".indexOf(module.charAt(0)) >= 0 ? "/self_attn/" : "/mlp/")
                + module;
        String y = b.op("MatMul", path + "/MatMul", in(x, TinyLlamaLayers.projection(layer, module) + b.suffix()));
        if (!bias) {
            return y;
        }
        return b.op("Add", path + "/Add", in("model.layers." + layer + ".self_attn." + module + ".bias" + b.suffix(), y));
    }

    /** {@code [batch, seq, heads·head_dim]} → {@code [batch, heads, seq, head_dim]}. */
    private String heads(String x, int heads, String tag) {
        String r = b.op("Reshape", scope + "/self_attn/Reshape_" + tag, in(x, shape(0, 0, heads, TinyLlama.HEAD_DIM)));
        return b.op("Transpose", scope + "/self_attn/Transpose_" + tag, in(r), "perm", new long[] {0, 2, 1, 3});
    }

    /** {@code x·cos + rotate_half(x)·sin}. */
    private String rope(String x, String[] rotary, String tag) {
        String s = scope + "/self_attn/rotary_" + tag;
        int half = TinyLlama.HEAD_DIM / 2;
        String x1 = b.op("Slice", s + "/Slice", in(x, ints(s + "/lo", 0), ints(s + "/mid", half), "/model/axes_3"));
        String x2 = b.op("Slice", s + "/Slice_1", in(x, ints(s + "/mid", half), ints(s + "/hi", TinyLlama.HEAD_DIM),
                "/model/axes_3"));
        String rotated = b.op("Concat", s + "/Concat", in(b.op("Neg", s + "/Neg", in(x2)), x1), "axis", -1);
        return b.op("Add", s + "/Add", in(b.op("Mul", s + "/Mul", in(x, rotary[0])),
                b.op("Mul", s + "/Mul_1", in(rotated, rotary[1]))));
    }

    /** Each key/value head repeated for the query heads that share it: {@code [b, kv, s, d]} → {@code [b, heads, s, d]}. */
    private String repeat(String x, String tag) {
        String s = scope + "/self_attn/repeat_" + tag;
        String u = b.op("Unsqueeze", s + "/Unsqueeze", in(x, "/model/axes_2"));
        String[] copies = new String[REPEATS];
        java.util.Arrays.fill(copies, u);
        String c = b.op("Concat", s + "/Concat", copies, "axis", 2);
        return b.op("Reshape", s + "/Reshape", in(c, shape(0, TinyLlama.HEADS, -1, TinyLlama.HEAD_DIM)));
    }

    private String shape(long... dims) {
        return ints(scope + "/self_attn/shape_" + java.util.Arrays.toString(dims).replaceAll("[^0-9-]+", "_"), dims);
    }

    /** A 1-D INT64 constant of this layer (declared once). */
    private String ints(String name, long... values) {
        return b.constant(name, values);
    }
}
