package dev.zotuner.models.synth;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;

/**
 * Eager multi-head attention as the Hugging Face modules compute it, and the additive masks they add to the
 * scores: split into heads, {@code softmax(q·kᵀ · scale + mask)·v}, merge heads; grouped-query attention repeats
 * each key/value head ({@code repeat_kv}); Llama rotates queries and keys ({@link #rotate}).
 */
final class Attention {

    /** {@code torch.finfo(torch.float32).min}: the additive mask of a hidden position. */
    static final float MASKED = -Float.MAX_VALUE;

    private final Modules m;
    private final GraphBuilder g;

    Attention(Modules modules) {
        this.m = modules;
        this.g = modules.graph();
    }

    /** {@code [B, S, heads·dim] → [B, heads, S, dim]}, or {@code [B, heads, dim, S]} for a key ({@code keyT}). */
    String split(String scope, String x, int heads, int dim, boolean keyT) {
        String r = g.op(scope, "Reshape", List.of(x, g.ints(scope, 0, 0, heads, dim)));
        return g.op(scope, "Transpose", List.of(r), GraphBuilder.attrInts("perm", keyT ? new long[] {0, 2, 3, 1}
                : new long[] {0, 2, 1, 3}));
    }

    /** {@code [B, kv, S, dim] → [B, kv·rep, S, dim]}: each key/value head serves {@code rep} query heads. */
    String repeat(String scope, String x, int kvHeads, int rep, int dim) {
        if (rep == 1) {
            return x;
        }
        String u = m.unsqueeze(scope, x, 2);
        String e = g.op(scope, "Expand", List.of(u, g.ints(scope, 1, 1, rep, 1, 1)));
        return g.op(scope, "Reshape", List.of(e, g.ints(scope, 0, (long) kvHeads * rep, -1, dim)));
    }

    /**
     * {@code softmax(q·k · scale + mask)·v} merged back to {@code [B, S, heads·dim]}; {@code k} is already
     * {@code [B, heads, dim, S]}; a scale of 0 means the queries were scaled before.
     */
    String attend(String scope, String q, String kT, String v, String mask, float divide, int width) {
        String scores = g.op(scope, "MatMul", List.of(q, kT));
        if (divide > 0) {
            scores = g.op(scope, "Div", List.of(scores, g.float32(scope, divide)));
        }
        String masked = g.op(scope, "Add", List.of(scores, mask));
        String probs = g.op(scope, "Softmax", List.of(masked), GraphBuilder.attr("axis", -1L));
        String ctx = g.op(scope, "MatMul", List.of(probs, v));
        String t = g.op(scope, "Transpose", List.of(ctx), GraphBuilder.attrInts("perm", 0, 2, 1, 3));
        return g.op(scope, "Reshape", List.of(t, g.ints(scope, 0, 0, width)));
    }

    /** {@code x·cos + rotate_half(x)·sin} with {@code rotate_half(x) = cat(−x₂, x₁)} over the last axis. */
    String rotate(String scope, String x, String cos, String sin, int dim) {
        long half = dim / 2;
        String x1 = g.op(scope, "Slice", List.of(x, g.ints(scope, 0), g.ints(scope, half), g.ints(scope, -1)));
        String x2 = g.op(scope, "Slice", List.of(x, g.ints(scope, half), g.ints(scope, Long.MAX_VALUE), g.ints(scope, -1)));
        String rotated = g.op(scope, "Concat", List.of(g.op(scope, "Neg", List.of(x2)), x1), GraphBuilder.attr("axis", -1L));
        return g.op(scope, "Add", List.of(g.op(scope, "Mul", List.of(x, cos)), g.op(scope, "Mul", List.of(rotated, sin))));
    }

    /** An encoder's padding mask {@code (1 − mask[:, None, None, :]) · min}: {@code [B, 1, 1, S]}. */
    String paddingMask(String scope, String attentionMask) {
        String u = m.unsqueeze(scope, attentionMask, 1, 2);
        String f = m.cast(scope, u, TensorProto.DataType.FLOAT);
        String inv = g.op(scope, "Sub", List.of(g.float32(scope, 1f), f));
        return g.op(scope, "Mul", List.of(inv, g.float32(scope, MASKED)));
    }

    /**
     * A decoder's mask: query i sees key j iff j ≤ i and j is not padding; 0 where seen, {@code min} elsewhere,
     * {@code [B, 1, S, S]}.
     */
    String causalMask(String scope, String inputIds, String attentionMask) {
        String seq = m.dim(scope, inputIds, 1);
        String range = g.op(scope, "Range", List.of(g.int64(scope, 0), seq, g.int64(scope, 1)));
        String rows = m.unsqueeze(scope, range, 1);
        String cols = m.unsqueeze(scope, range, 0);
        String causal = g.op(scope, "LessOrEqual", List.of(cols, rows));
        String keys = m.cast(scope, m.unsqueeze(scope, attentionMask, 1, 2), TensorProto.DataType.BOOL);
        String seen = g.op(scope, "And", List.of(causal, keys));
        return g.op(scope, "Where", List.of(seen, g.float32(scope, 0f), g.float32(scope, MASKED)));
    }
}
