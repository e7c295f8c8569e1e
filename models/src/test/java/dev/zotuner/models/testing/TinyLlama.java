package dev.zotuner.models.testing;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny Llama-family decoder (SmolLM2, Qwen2.5, Llama-3.2) as torch.onnx.export and Optimum write it: RMSNorm, rotary
 * position embeddings, grouped-query attention ({@value #HEADS} query heads share {@value #KV_HEADS} key/value head),
 * a SwiGLU MLP, q/k/v biases (as Qwen2 has), anonymous projection weights {@code onnx::MatMul_N} visible only through
 * their readers ({@code /model/layers.0/self_attn/q_proj/MatMul}), and optionally tied embeddings (the LM head's
 * weight the exact transpose of {@code model.embed_tokens.weight}, as constant folding leaves it). Node bodies are in
 * {@link TinyLlamaLayers}.
 *
 * <p>One set of weights, three layouts: {@link Layout#PLAIN} (no cache), {@link Layout#WITH_PAST} (past inputs,
 * present outputs) and {@link Layout#MERGED}: Optimum's {@code decoder_model_merged.onnx}, where every weight is a
 * top-level initializer renamed {@code <name>_merged_0}, scalars and 1-D integer constants stay inside the branches,
 * and a top-level {@code If} on {@code use_cache_branch} holds the with-past decoder as {@code then_branch} and the
 * no-cache decoder as {@code else_branch}.
 */
public final class TinyLlama {

    /** The three export layouts of one model. */
    public enum Layout { PLAIN, WITH_PAST, MERGED }

    /** Decoder layers. */
    public static final int LAYERS = 2;
    /** Hidden width. */
    public static final int HIDDEN = 8;
    /** Query heads. */
    public static final int HEADS = 2;
    /** Key/value heads (grouped-query attention). */
    public static final int KV_HEADS = 1;
    /** Width of a head. */
    public static final int HEAD_DIM = 4;
    /** Width of the SwiGLU MLP. */
    public static final int INTERMEDIATE = 12;
    /** Vocabulary (the GPT-style tiny tokenizer's). */
    public static final int VOCAB = TinyTokenizers.VOCAB;
    /** The suffix Optimum's merge gives every deduplicated weight. */
    public static final String MERGED_SUFFIX = "_merged_0";
    /** Values of one layer: two norms, q/k/v with biases, o, gate, up, down. */
    public static final long LAYER_PARAMETERS = 2L * HIDDEN + (HIDDEN + 1L) * (HIDDEN + 2L * KV_HEADS * HEAD_DIM)
            + (long) HIDDEN * HIDDEN + 3L * HIDDEN * INTERMEDIATE;
    /** Values of the token embeddings (and of the LM head). */
    public static final long EMBEDDING_PARAMETERS = (long) VOCAB * HIDDEN;
    /** Values of every weight, the LM head counted once when tied. */
    public static final long PARAMETERS = EMBEDDING_PARAMETERS + LAYERS * LAYER_PARAMETERS + HIDDEN;

    private TinyLlama() {
    }

    /** {@code config.json} of the model. */
    public static String config(boolean tied) {
        return "{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":\"llama\",\"hidden_size\":" + HIDDEN
                + ",\"num_attention_heads\":" + HEADS + ",\"num_key_value_heads\":" + KV_HEADS + ",\"head_dim\":"
                + HEAD_DIM + ",\"num_hidden_layers\":" + LAYERS + ",\"intermediate_size\":" + INTERMEDIATE
                + ",\"vocab_size\":" + VOCAB + ",\"tie_word_embeddings\":" + tied + "}";
    }

    /**
     * Writes the model in {@code layout} into {@code dir} ({@code model.onnx}, or {@code decoder_model_merged.onnx}),
     * weights named as that layout's exporter names them.
     */
    public static Path write(Path dir, Layout layout, boolean tied) {
        return write(dir, layout, tied, layout == Layout.MERGED ? MERGED_SUFFIX : "");
    }

    /** As {@link #write(Path, Layout, boolean)} with every weight name ending in {@code suffix}. */
    public static Path write(Path dir, Layout layout, boolean tied, String suffix) {
        return TinyModels.write(dir, fileName(layout), graph(layout, tied, suffix), TinyTokenizers.gpt(), config(tied));
    }

    /** The ONNX file name of a layout. */
    public static String fileName(Layout layout) {
        return layout == Layout.MERGED ? "decoder_model_merged.onnx" : "model.onnx";
    }

    /** The model in {@code layout}, every weight name ending in {@code suffix}. */
    public static ModelProto graph(Layout layout, boolean tied, String suffix) {
        List<TensorProto> weights = TinyLlamaLayers.weights(tied, suffix);
        TinyGraph top = inputs(new TinyGraph(0), layout);
        if (layout != Layout.MERGED) {
            TinyLlamaLayers.decoder(top, layout == Layout.WITH_PAST, layout == Layout.WITH_PAST, suffix);
            outputs(top, layout == Layout.WITH_PAST);
            ModelProto model = top.build();
            return model.toBuilder().setGraph(model.getGraph().toBuilder().addAllInitializer(weights)).build();
        }
        GraphProto withPast = outputs(TinyLlamaLayers.decoder(new TinyGraph(0), true, true, suffix), true).graph()
                .toBuilder().setName("with_past").build();
        GraphProto noPast = outputs(TinyLlamaLayers.decoder(new TinyGraph(0), false, true, suffix), true).graph()
                .toBuilder().setName("no_past").build();
        top.input("use_cache_branch", TensorProto.DataType.BOOL_VALUE, "1");
        outputs(top, true);
        ModelProto model = top.build();
        NodeProto.Builder ifNode = NodeProto.newBuilder().setOpType("If").setName("optimum::if")
                .addInput("use_cache_branch").addAllOutput(noPast.getOutputList().stream().map(ValueInfoProto::getName).toList());
        ifNode.addAttribute(AttributeProto.newBuilder().setName("then_branch").setType(AttributeProto.AttributeType.GRAPH)
                .setG(withPast));
        ifNode.addAttribute(AttributeProto.newBuilder().setName("else_branch").setType(AttributeProto.AttributeType.GRAPH)
                .setG(noPast));
        return model.toBuilder().setGraph(model.getGraph().toBuilder().addNode(ifNode).addAllInitializer(weights)
                .setName("merged-model")).build();
    }

    private static TinyGraph inputs(TinyGraph g, Layout layout) {
        int int64 = TensorProto.DataType.INT64_VALUE;
        String total = layout == Layout.PLAIN ? "sequence_length" : "attention_mask_sequence_length";
        g.input("input_ids", int64, "batch_size", "sequence_length")
                .input("attention_mask", int64, "batch_size", total)
                .input("position_ids", int64, "batch_size", "sequence_length");
        if (layout != Layout.PLAIN) {
            for (int l = 0; l < LAYERS; l++) {
                for (String kv : List.of("key", "value")) {
                    g.input("past_key_values." + l + "." + kv, TensorProto.DataType.FLOAT_VALUE, "batch_size",
                            Integer.toString(KV_HEADS), "past_sequence_length", Integer.toString(HEAD_DIM));
                }
            }
        }
        return g;
    }

    private static TinyGraph outputs(TinyGraph g, boolean presents) {
        g.output("logits", TensorProto.DataType.FLOAT_VALUE, "batch_size", "sequence_length", Integer.toString(VOCAB));
        if (presents) {
            for (int l = 0; l < LAYERS; l++) {
                for (String kv : List.of("key", "value")) {
                    g.output("present." + l + "." + kv, TensorProto.DataType.FLOAT_VALUE, "batch_size",
                            Integer.toString(KV_HEADS), "total_sequence_length", Integer.toString(HEAD_DIM));
                }
            }
        }
        return g;
    }
}
