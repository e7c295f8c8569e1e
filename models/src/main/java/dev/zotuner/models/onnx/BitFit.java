package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The weights BitFit trains (Ben Zaken et al. 2022, "BitFit: Simple Parameter-efficient Fine-tuning for
 * Transformer-based Masked Language-models"): the bias terms, and optionally the LayerNorm scales γ and shifts β.
 *
 * <p>Only FLOAT rank-1 weights with more than one element qualify (a one-element tensor is an epsilon or a scale,
 * not a bias). Such a weight is a <em>LayerNorm parameter</em> if its name says so (case-insensitive {@code norm},
 * or an {@code ln} path component as in GPT-2's {@code h.0.ln_1.weight} and {@code ln_f.bias}), if it is the
 * scale or shift input of a {@code LayerNormalization}-family node, or if a node reading it is named so (the
 * decomposed {@code /encoder/layer.0/output/LayerNorm/Mul}). Otherwise it is a <em>bias</em> if its name has
 * {@code bias} in it, or a node adds it ({@code Add}) or takes it as the bias input of {@code Gemm}/{@code Conv}
 * (or of ONNX Runtime's fused {@code SkipLayerNormalization}).
 * Any other rank-1 weight (a per-channel scale, say) is neither and stays frozen.
 */
public final class BitFit {

    private static final Pattern NORM = Pattern.compile("(?i)norm|(?:^|[./])ln(?:_[a-z0-9]+|[0-9]*)(?:$|[./])");
    private static final Pattern BIAS = Pattern.compile("(?i)bias");
    /** LayerNorm-family ops and the input slots that hold γ/β. */
    private static final Map<String, Set<Integer>> NORM_OPS = Map.of(
            "LayerNormalization", Set.of(1, 2),
            "SimplifiedLayerNormalization", Set.of(1),
            "SkipLayerNormalization", Set.of(2, 3),
            "SkipSimplifiedLayerNormalization", Set.of(2));

    /** A node reading a tensor at input slot {@code slot}. */
    private record Use(NodeProto node, int slot) {
    }

    private final Map<String, List<Use>> uses = new HashMap<>();

    private BitFit(GraphProto graph) {
        for (NodeProto node : graph.getNodeList()) {
            for (int i = 0; i < node.getInputCount(); i++) {
                uses.computeIfAbsent(node.getInput(i), k -> new ArrayList<>()).add(new Use(node, i));
            }
        }
    }

    /** Which initializers of {@code graph} BitFit trains: biases, and LayerNorm γ/β if {@code layerNorm}. */
    public static Predicate<TensorProto> trainable(GraphProto graph, boolean layerNorm) {
        BitFit bitFit = new BitFit(graph);
        return t -> isCandidate(t) && (bitFit.isLayerNorm(t) ? layerNorm : bitFit.isBias(t));
    }

    /** FLOAT, rank 1, more than one element. */
    static boolean isCandidate(TensorProto t) {
        return t.getDataType() == TensorProto.DataType.FLOAT_VALUE && t.getDimsCount() == 1 && t.getDims(0) > 1;
    }

    boolean isLayerNorm(TensorProto t) {
        if (NORM.matcher(t.getName()).find()) {
            return true;
        }
        List<Use> readers = uses.getOrDefault(t.getName(), List.of());
        for (Use u : readers) {
            Set<Integer> slots = NORM_OPS.get(u.node().getOpType());
            if (slots != null) {
                return slots.contains(u.slot());
            }
        }
        return readers.stream().anyMatch(u -> NORM.matcher(u.node().getName()).find());
    }

    boolean isBias(TensorProto t) {
        if (BIAS.matcher(t.getName()).find()) {
            return true;
        }
        for (Use u : uses.getOrDefault(t.getName(), List.of())) {
            String op = u.node().getOpType();
            if (op.equals("Add") || u.slot() == 2 && (op.equals("Gemm") || op.equals("Conv") || op.equals("ConvTranspose"))
                    || u.slot() == 4 && op.startsWith("Skip") && NORM_OPS.containsKey(op)) {
                return true;
            }
        }
        return false;
    }
}
