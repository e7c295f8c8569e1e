package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The initializers a FLOAT weight is tied to, by the rule of {@link TiedWeights}: other FLOAT initializers of rank ≥ 2
 * that hold exactly its values (same shape, same float bits) or exactly its transpose (2-D), the weight not being
 * constant. Values are compared where the file keeps them ({@link FloatView}): a few spread positions first, so the
 * unrelated weights of equal shape (every layer's q_proj) cost a handful of reads, and the whole tensor only for a
 * real tie, a transpose in 64 × 64 tiles.
 */
final class TieFinder {

    /**
     * A tensor tied to the one asked about.
     *
     * @param tensor     the other tensor
     * @param transposed whether it is the transpose (else an exact copy)
     */
    record Partner(TensorProto tensor, boolean transposed) {
    }

    private static final int PROBES = 16;
    private static final int TILE = 64;

    private final Path modelDir;
    private final Map<String, List<TensorProto>> byShape;

    /** An index of the weights of {@code graph}; external data resolves against {@code modelDir}. */
    TieFinder(GraphProto graph, Path modelDir) {
        this.modelDir = modelDir;
        Map<String, List<TensorProto>> shapes = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            if (candidate(t)) {
                shapes.computeIfAbsent(shapeKey(t), k -> new ArrayList<>()).add(t);
            }
        }
        this.byShape = Map.copyOf(shapes);
    }

    /** The tensors {@code among} accepts that {@code t} is tied to, in graph order. */
    List<Partner> partners(TensorProto t, Predicate<TensorProto> among) {
        if (!candidate(t)) {
            return List.of();
        }
        List<Partner> out = new ArrayList<>();
        FloatView a = null;
        for (TensorProto other : byShape.getOrDefault(shapeKey(t), List.of())) {
            if (other.getName().equals(t.getName()) || !among.test(other)) {
                continue;
            }
            a = a == null ? FloatView.of(t, modelDir) : a;
            FloatView b = FloatView.of(other, modelDir);
            if (t.getDimsList().equals(other.getDimsList()) && copies(a, b)) {
                out.add(new Partner(other, false));
            } else if (t.getDimsCount() == 2 && t.getDims(0) == other.getDims(1) && t.getDims(1) == other.getDims(0)
                    && transposes(a, t.getDims(0), t.getDims(1), b)) {
                out.add(new Partner(other, true));
            }
        }
        return out.isEmpty() || constant(a) ? List.of() : out;
    }

    /** Whether {@code t} is tied to any other weight. */
    boolean isTied(TensorProto t) {
        return !partners(t, x -> true).isEmpty();
    }

    private static boolean candidate(TensorProto t) {
        return TrainableSelection.isFloatWeight(t) && t.getDimsCount() >= 2;
    }

    /** The dims in ascending order: equal for a tensor, its copies and (2-D) its transposes. */
    private static String shapeKey(TensorProto t) {
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(dims);
        return Arrays.toString(dims);
    }

    private static boolean copies(FloatView a, FloatView b) {
        long n = a.size();
        for (int k = 0; k < PROBES && n > 0; k++) {
            long i = k * (n - 1) / (PROBES - 1);
            if (a.bits(i) != b.bits(i)) {
                return false;
            }
        }
        for (long i = 0; i < n; i++) {
            if (a.bits(i) != b.bits(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b [cols, rows]} is the transpose of {@code a [rows, cols]}. */
    private static boolean transposes(FloatView a, long rows, long cols, FloatView b) {
        long n = a.size();
        for (int k = 0; k < PROBES && n > 0; k++) {
            long i = k * (n - 1) / (PROBES - 1);
            if (a.bits(i) != b.bits(i % cols * rows + i / cols)) {
                return false;
            }
        }
        for (long r0 = 0; r0 < rows; r0 += TILE) {
            for (long c0 = 0; c0 < cols; c0 += TILE) {
                for (long r = r0; r < Math.min(rows, r0 + TILE); r++) {
                    for (long c = c0; c < Math.min(cols, c0 + TILE); c++) {
                        if (a.bits(r * cols + c) != b.bits(c * rows + r)) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    private static boolean constant(FloatView a) {
        for (long i = 1; i < a.size(); i++) {
            if (a.bits(i) != a.bits(0)) {
                return false;
            }
        }
        return true;
    }
}
