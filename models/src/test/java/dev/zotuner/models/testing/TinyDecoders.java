package dev.zotuner.models.testing;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Path;

/**
 * KV-cache variants of {@link TinyModels#causal}: the same graph and weights, with Optimum-style
 * {@code past_key_values.N.key/value} inputs {@code [batch, heads, past_sequence_length, head_dim]} and
 * {@code present.N.*} outputs. The causal context mixing (a prefix sum over the sequence) runs over the past
 * concatenated with the current keys ({@code [batch, 2, seq, 4]}), and the positions of the current tokens are
 * sliced out, so an empty past gives exactly the logits of the model without one; a non-empty past would change them.
 */
public final class TinyDecoders {

    /** Layers with a cache. */
    public static final int LAYERS = 2;
    /** Heads of a cache tensor. */
    public static final int HEADS = 2;
    /** Width of a head ({@code HEADS × HEAD_DIM = TinyModels.HIDDEN}). */
    public static final int HEAD_DIM = 4;
    /** config.json of a GPT-2-style decoder that declares its attention sizes. */
    public static final String CONFIG = "{\"architectures\":[\"GPT2LMHeadModel\"],\"n_head\":2,\"n_embd\":8}";

    private TinyDecoders() {
    }

    /**
     * Writes a with-past decoder as {@code onnxName} in {@code dir} (tokenizer and {@code configJson} beside it).
     *
     * @param symbolic whether heads and head width are symbolic dims ({@code num_heads}, {@code head_dim})
     */
    public static Path withPast(Path dir, String onnxName, boolean symbolic, String configJson) {
        return TinyModels.write(dir, onnxName, graph(symbolic, false), TinyTokenizers.gpt(), configJson);
    }

    /**
     * Writes a merged decoder ({@code decoder_model_merged.onnx}): also a bool {@code use_cache_branch} input, whose
     * {@code true} branch negates the context (so feeding anything but false changes the logits).
     */
    public static Path merged(Path dir) {
        return TinyModels.write(dir, "decoder_model_merged.onnx", graph(false, true), TinyTokenizers.gpt(), CONFIG);
    }

    /** The with-past graph (weights of {@code TinyModels.graph("causal", 2)}). */
    public static ModelProto graph(boolean symbolic, boolean merged) {
        ModelProto base = TinyModels.graph("causal", 2).build();
        String heads = symbolic ? "num_heads" : Integer.toString(HEADS);
        String width = symbolic ? "head_dim" : Integer.toString(HEAD_DIM);
        int f = TensorProto.DataType.FLOAT_VALUE;
        long[] swap = {0, 2, 1, 3};
        TinyGraph extra = new TinyGraph(0)
                .int64("kv_split", new long[] {0, 0, HEADS, HEAD_DIM}, 4)
                .int64("kv_join", new long[] {0, 0, TinyModels.HIDDEN}, 3)
                .int64("past_axis", new long[] {2}, 1).int64("seq_axis", new long[] {2})
                .int64("to_end", new long[] {Long.MAX_VALUE}, 1)
                .node("Reshape", "/kv/Reshape", new String[] {"masked", "kv_split"}, "k4")
                .node("Transpose", "/kv/Transpose", new String[] {"k4"}, "k", "perm", swap);
        for (int l = 0; l < LAYERS; l++) {
            for (String kv : new String[] {"key", "value"}) {
                String name = l + "." + kv;
                extra.input("past_key_values." + name, f, "batch", heads, "past_sequence_length", width)
                        .node("Concat", "/kv/Concat_" + name, new String[] {"past_key_values." + name, "k"},
                                "present." + name, "axis", 2)
                        .output("present." + name, f, "batch", heads, "past_sequence_length + 1", width);
            }
        }
        String context = merged ? "context_past" : "context";
        extra.node("CumSum", "/kv/CumSum", new String[] {"present.0.key", "seq_axis"}, "cs")
                .node("Shape", "/kv/Shape", new String[] {"past_key_values.0.key"}, "pshape")
                .node("Gather", "/kv/Gather", new String[] {"pshape", "past_axis"}, "plen", "axis", 0)
                .node("Slice", "/kv/Slice", new String[] {"cs", "plen", "to_end", "past_axis"}, "ctx4")
                .node("Transpose", "/kv/Transpose_1", new String[] {"ctx4"}, "ctx4t", "perm", swap)
                .node("Reshape", "/kv/Reshape_1", new String[] {"ctx4t", "kv_join"}, context);
        if (merged) {
            GraphProto then = new TinyGraph(0).node("Neg", "then/Neg", new String[] {"context_past"}, "then_out")
                    .output("then_out", TinyModels.HIDDEN).graph();
            GraphProto otherwise = new TinyGraph(0).node("Identity", "else/Identity", new String[] {"context_plain"},
                    "else_out").output("else_out", TinyModels.HIDDEN).graph();
            extra.input("use_cache_branch", TensorProto.DataType.BOOL_VALUE, "1")
                    .node("If", "/If", new String[] {"use_cache_branch"}, "context", "then_branch", then,
                            "else_branch", otherwise);
        }
        GraphProto add = extra.graph();
        GraphProto.Builder g = base.getGraph().toBuilder().clearNode();
        for (NodeProto node : base.getGraph().getNodeList()) {
            if (!node.getName().equals("/CumSum")) {
                g.addNode(node);
                continue;
            }
            if (merged) {
                g.addNode(node.toBuilder().setOutput(0, "context_plain"));
            }
            g.addAllNode(add.getNodeList());
        }
        g.addAllInput(add.getInputList()).addAllInitializer(add.getInitializerList()).addAllOutput(add.getOutputList());
        return base.toBuilder().setGraph(g).build();
    }
}
