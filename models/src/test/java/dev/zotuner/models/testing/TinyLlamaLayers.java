package dev.zotuner.models.testing;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The weights and node bodies of {@link TinyLlama}, named as torch.onnx.export names a Hugging Face
 * {@code LlamaForCausalLM}: {@code /model/layers.0/input_layernorm/Pow}, {@code /model/layers.0/self_attn/q_proj/MatMul},
 * {@code /model/layers.0/mlp/act_fn/Sigmoid}, {@code /model/norm/...}, {@code /lm_head/MatMul}. Scalars and 1-D
 * integer constants are initializers of the graph the nodes go into (in a merged decoder, of each branch).
 */
public final class TinyLlamaLayers {

    /** Name of the token embeddings (before any suffix). */
    public static final String EMBED = "model.embed_tokens.weight";
    /** Name of the LM head's weight {@code [hidden, vocab]} (before any suffix). */
    public static final String LM_HEAD = "onnx::MatMul_1100";

    private static final int KV = TinyLlama.KV_HEADS * TinyLlama.HEAD_DIM;
    private static final String[] PROJECTIONS = {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};

    private final TinyGraph g;
    private final String suffix;
    private final Set<String> declared = new HashSet<>();

    private TinyLlamaLayers(TinyGraph g, String suffix) {
        this.g = g;
        this.suffix = suffix;
    }

    /** Name of a projection's anonymous weight ({@code q_proj} … {@code down_proj}) of {@code layer}. */
    public static String projection(int layer, String module) {
        return "onnx::MatMul_" + (1000 + 10 * layer + List.of(PROJECTIONS).indexOf(module));
    }

    /** Every weight, seeded, in the order an export lists them; the LM head the transpose of the embeddings if tied. */
    static List<TensorProto> weights(boolean tied, String suffix) {
        SplittableRandom random = new SplittableRandom(7);
        List<TensorProto> out = new ArrayList<>();
        float[] embed = uniform(random, TinyLlama.VOCAB * TinyLlama.HIDDEN, 1, 0);
        out.add(tensor(EMBED + suffix, embed, TinyLlama.VOCAB, TinyLlama.HIDDEN));
        int h = TinyLlama.HIDDEN;
        int i = TinyLlama.INTERMEDIATE;
        for (int l = 0; l < TinyLlama.LAYERS; l++) {
            String p = "model.layers." + l + ".";
            out.add(tensor(p + "input_layernorm.weight" + suffix, uniform(random, h, 0.1f, 1), h));
            for (String m : List.of("q_proj", "k_proj", "v_proj")) {
                int width = m.equals("q_proj") ? h : KV;
                out.add(tensor(projection(l, m) + suffix, uniform(random, h * width, 0.5f, 0), h, width));
                out.add(tensor(p + "self_attn." + m + ".bias" + suffix, uniform(random, width, 0.1f, 0), width));
            }
            out.add(tensor(projection(l, "o_proj") + suffix, uniform(random, h * h, 0.5f, 0), h, h));
            out.add(tensor(p + "post_attention_layernorm.weight" + suffix, uniform(random, h, 0.1f, 1), h));
            out.add(tensor(projection(l, "gate_proj") + suffix, uniform(random, h * i, 0.5f, 0), h, i));
            out.add(tensor(projection(l, "up_proj") + suffix, uniform(random, h * i, 0.5f, 0), h, i));
            out.add(tensor(projection(l, "down_proj") + suffix, uniform(random, i * h, 0.5f, 0), i, h));
        }
        out.add(tensor("model.norm.weight" + suffix, uniform(random, h, 0.1f, 1), h));
        float[] head = tied ? transpose(embed, TinyLlama.VOCAB, h) : uniform(random, h * TinyLlama.VOCAB, 0.5f, 0);
        out.add(tensor(LM_HEAD + suffix, head, h, TinyLlama.VOCAB));
        return out;
    }

    /**
     * Adds the decoder's constants and nodes to {@code g}: with {@code past}, keys and values are appended to
     * {@code past_key_values.N.*}; with {@code presents}, {@code present.N.*} are produced. Returns {@code g}.
     */
    static TinyGraph decoder(TinyGraph g, boolean past, boolean presents, String suffix) {
        new TinyLlamaLayers(g, suffix).build(past, presents);
        return g;
    }

    private void build(boolean past, boolean presents) {
        constants();
        String x = op("Gather", "/model/embed_tokens/Gather", in(EMBED + suffix, "input_ids"));
        String bias = mask();
        String[] rotary = rotary();
        for (int l = 0; l < TinyLlama.LAYERS; l++) {
            x = new TinyLlamaAttention(this, l).layer(x, bias, rotary, past, presents);
        }
        String y = rmsNorm("/model/norm", x, "model.norm.weight");
        g.node("MatMul", "/lm_head/MatMul", in(y, LM_HEAD + suffix), "logits");
    }

    private void constants() {
        g.int64("/model/Constant_zero", new long[] {0}).int64("/model/Constant_one", new long[] {1})
                .int64("/model/axes_0", new long[] {0}, 1).int64("/model/axes_1", new long[] {1}, 1)
                .int64("/model/axes_2", new long[] {2}, 1).int64("/model/axes_1_2", new long[] {1, 2}, 2)
                .int64("/model/axes_3", new long[] {3}, 1)
                .scalar("/model/Constant_two", 2f).scalar("/model/Constant_eps", 1e-6f)
                .scalar("/model/Constant_unit", 1f).scalar("/model/Constant_nil", 0f)
                .scalar("/model/Constant_min", -1e9f)
                .scalar("/model/Constant_scale", (float) (1 / Math.sqrt(TinyLlama.HEAD_DIM)));
    }

    /** The additive causal and padding mask {@code [batch, 1, seq, total]}: 0 where attended, −10⁹ elsewhere. */
    private String mask() {
        String s = op("Gather", "/model/Gather", in(op("Shape", "/model/Shape", in("input_ids")), "/model/Constant_one"),
                "axis", 0);
        String total = op("Gather", "/model/Gather_1", in(op("Shape", "/model/Shape_1", in("attention_mask")),
                "/model/Constant_one"), "axis", 0);
        String start = op("Sub", "/model/Sub", in(total, s));
        String queries = op("Range", "/model/Range", in(start, total, "/model/Constant_one"));
        String keys = op("Range", "/model/Range_1", in("/model/Constant_zero", total, "/model/Constant_one"));
        String causal = op("LessOrEqual", "/model/LessOrEqual", in(op("Unsqueeze", "/model/Unsqueeze", in(keys,
                "/model/axes_0")), op("Unsqueeze", "/model/Unsqueeze_1", in(queries, "/model/axes_1"))));
        String padding = op("Unsqueeze", "/model/Unsqueeze_2", in(op("Cast", "/model/Cast", in("attention_mask"), "to",
                TensorProto.DataType.BOOL_VALUE), "/model/axes_1_2"));
        String attended = op("And", "/model/And", in(causal, padding));
        return op("Where", "/model/Where", in(attended, "/model/Constant_nil", "/model/Constant_min"));
    }

    /** cos and sin of the rotary embedding (base 10000), {@code [batch, 1, seq, head_dim]}. */
    private String[] rotary() {
        int half = TinyLlama.HEAD_DIM / 2;
        float[] inverse = new float[half];
        for (int k = 0; k < half; k++) {
            inverse[k] = (float) Math.pow(10000, -2.0 * k / TinyLlama.HEAD_DIM);
        }
        String freq = op("Constant", "/model/rotary_emb/Constant", in(), "value", tensor("", inverse, half));
        String pos = op("Unsqueeze", "/model/rotary_emb/Unsqueeze", in(op("Cast", "/model/rotary_emb/Cast",
                in("position_ids"), "to", TensorProto.DataType.FLOAT_VALUE), "/model/axes_2"));
        String angles = op("Mul", "/model/rotary_emb/Mul", in(pos, freq));
        String emb = op("Concat", "/model/rotary_emb/Concat", in(angles, angles), "axis", -1);
        return new String[] {
            op("Unsqueeze", "/model/rotary_emb/Unsqueeze_1", in(op("Cos", "/model/rotary_emb/Cos", in(emb)), "/model/axes_1")),
            op("Unsqueeze", "/model/rotary_emb/Unsqueeze_2", in(op("Sin", "/model/rotary_emb/Sin", in(emb)), "/model/axes_1"))};
    }

    /** RMSNorm (Zhang &amp; Sennrich 2019): {@code w · x / sqrt(mean(x²) + eps)}. */
    String rmsNorm(String scope, String x, String weight) {
        String mean = op("ReduceMean", scope + "/ReduceMean", in(op("Pow", scope + "/Pow", in(x, "/model/Constant_two"))),
                "axes", new long[] {-1}, "keepdims", 1);
        String root = op("Sqrt", scope + "/Sqrt", in(op("Add", scope + "/Add", in(mean, "/model/Constant_eps"))));
        String normed = op("Mul", scope + "/Mul", in(x, op("Div", scope + "/Div", in("/model/Constant_unit", root))));
        return op("Mul", scope + "/Mul_1", in(weight + suffix, normed));
    }

    /** Adds a one-output node; its output is named torch-style {@code <name>_output_0}. */
    String op(String type, String name, String[] inputs, Object... attributes) {
        String out = name + "_output_0";
        g.node(type, name, inputs, out, attributes);
        return out;
    }

    /** Adds a node with a chosen output name. */
    void node(String type, String name, String[] inputs, String output, Object... attributes) {
        g.node(type, name, inputs, output, attributes);
    }

    /** A 1-D INT64 constant of the graph, declared on first use. */
    String constant(String name, long... values) {
        if (declared.add(name)) {
            g.int64(name, values, values.length);
        }
        return name;
    }

    String suffix() {
        return suffix;
    }

    static String[] in(String... names) {
        return names;
    }

    private static float[] uniform(SplittableRandom random, int n, float scale, float centre) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = centre + (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    private static float[] transpose(float[] v, int rows, int cols) {
        float[] t = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = v[r * cols + c];
            }
        }
        return t;
    }

    static TensorProto tensor(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
