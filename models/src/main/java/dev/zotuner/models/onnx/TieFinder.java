package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rule of {@link TiedWeights}, applied to values read piecewise ({@link TiedWeights.Values}: θ's buffers, or a
 * model file through {@link FileTensors}): two FLOAT tensors of rank ≥ 2 are tied when one holds exactly the other's
 * values (same shape, same float bits) or exactly its transpose (2-D), and is not constant. {@value #SAMPLES} values
 * at seeded positions are compared first ({@link Samples}), so the unrelated weights of equal shape (every layer's
 * q_proj) cost a few reads each; the whole tensors only for a real tie, a transpose a band of rows at a time.
 *
 * <p>An instance indexes a graph's weights and answers which tensors one is tied to ({@link #partners}).
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

    /** How two tensors relate. */
    enum Relation { NONE, COPY, TRANSPOSE }

    /** Values compared before a pair is compared in full. */
    static final int SAMPLES = 32;
    /** Values per piece read. */
    private static final int PIECE = 1 << 20;
    /** Values of the band of rows a transpose check holds. */
    private static final int BAND = 1 << 22;

    private final Path modelDir;
    private final Map<String, List<TensorProto>> byShape;
    private final Map<String, Samples> samples = new HashMap<>();

    /** An index of the weights of {@code graph}; external data resolves against {@code modelDir}. */
    TieFinder(GraphProto graph, Path modelDir) {
        this.modelDir = modelDir;
        Map<String, List<TensorProto>> shapes = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            if (TrainableSelection.isFloatWeight(t) && t.getDimsCount() >= 2) {
                shapes.computeIfAbsent(shapeKey(dims(t)), k -> new ArrayList<>()).add(t);
            }
        }
        this.byShape = Map.copyOf(shapes);
    }

    /** The tensors {@code among} accepts that {@code t} is tied to, in graph order. */
    List<Partner> partners(TensorProto t, Predicate<TensorProto> among) {
        if (!TrainableSelection.isFloatWeight(t) || t.getDimsCount() < 2) {
            return List.of();
        }
        List<Partner> out = new ArrayList<>();
        try (FileTensors files = new FileTensors(modelDir)) {
            TiedWeights.Values a = files.values(t);
            for (TensorProto other : byShape.getOrDefault(shapeKey(dims(t)), List.of())) {
                if (other.getName().equals(t.getName()) || !among.test(other)) {
                    continue;
                }
                TiedWeights.Values b = files.values(other);
                Relation r = relation(a, samplesOf(a), b, samplesOf(b));
                if (r != Relation.NONE) {
                    out.add(new Partner(other, r == Relation.TRANSPOSE));
                }
            }
        }
        return out;
    }

    /** Whether {@code t} is tied to any other weight. */
    boolean isTied(TensorProto t) {
        return !partners(t, x -> true).isEmpty();
    }

    private Samples samplesOf(TiedWeights.Values v) {
        return samples.computeIfAbsent(v.name(), k -> Samples.of(v));
    }

    /**
     * The values of a tensor at {@value #SAMPLES} positions drawn (SplitMix64) from its shape: element {@code (i, j)}
     * of the matrix {@code [rows, rest]} ({@code straight}), and for a 2-D tensor {@code v[j, i]} for {@code (i, j)}
     * drawn from {@code [cols, rows]} ({@code transposed}). A tensor's straight samples equal its copy's, and equal
     * its transpose's transposed samples.
     */
    record Samples(float[] straight, float[] transposed) {
        static Samples of(TiedWeights.Values v) {
            return new Samples(draw(v, false), v.shape().length == 2 ? draw(v, true) : null);
        }

        private static float[] draw(TiedWeights.Values v, boolean transposed) {
            long rows = v.shape()[0];
            long cols = v.size() / rows;
            long drawRows = transposed ? cols : rows;
            long drawCols = transposed ? rows : cols;
            float[] out = new float[SAMPLES];
            FloatBuffer one = FloatBuffer.allocate(1);
            long state = drawRows * 0x9E3779B97F4A7C15L ^ drawCols;
            for (int k = 0; k < SAMPLES; k++) {
                state += 0x9E3779B97F4A7C15L;
                long z = (state ^ (state >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                z ^= z >>> 31;
                long i = Long.remainderUnsigned(z, drawRows);
                long j = Long.remainderUnsigned(z >>> 17 ^ z * 31, drawCols);
                v.read(transposed ? j * cols + i : i * cols + j, one.clear());
                out[k] = one.get(0);
            }
            return out;
        }
    }

    /** Whether {@code b} is a copy or the transpose of {@code a} (neither constant), samples first, then in full. */
    static Relation relation(TiedWeights.Values a, Samples sa, TiedWeights.Values b, Samples sb) {
        if (a.size() == 0 || a.size() != b.size()) {
            return Relation.NONE;
        }
        long[] x = a.shape();
        long[] y = b.shape();
        boolean copy = Arrays.equals(x, y) && sameBits(sa.straight(), sb.straight());
        boolean transpose = !copy && x.length == 2 && y.length == 2 && x[0] == y[1] && x[1] == y[0]
                && sameBits(sa.straight(), sb.transposed());
        if (!copy && !transpose || constant(a)) {
            return Relation.NONE;
        }
        if (copy) {
            return sameBits(a, b) ? Relation.COPY : Relation.NONE;
        }
        return transposeOf(a, b) ? Relation.TRANSPOSE : Relation.NONE;
    }

    /** The dims in ascending order: equal for a tensor, its copies and (2-D) its transposes. */
    static String shapeKey(long[] dims) {
        long[] sorted = dims.clone();
        Arrays.sort(sorted);
        return Arrays.toString(sorted);
    }

    private static long[] dims(TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    private static boolean sameBits(float[] x, float[] y) {
        if (x == null || y == null || x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether every value has the same bits (read piecewise). */
    private static boolean constant(TiedWeights.Values v) {
        long n = v.size();
        FloatBuffer piece = FloatBuffer.allocate((int) Math.min(PIECE, n));
        int first = 0;
        for (long at = 0; at < n; at += piece.capacity()) {
            piece.clear().limit((int) Math.min(piece.capacity(), n - at));
            v.read(at, piece);
            if (at == 0) {
                first = Float.floatToRawIntBits(piece.get(0));
            }
            for (int i = 0; i < piece.limit(); i++) {
                if (Float.floatToRawIntBits(piece.get(i)) != first) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean sameBits(TiedWeights.Values a, TiedWeights.Values b) {
        long n = a.size();
        FloatBuffer x = FloatBuffer.allocate((int) Math.min(PIECE, n));
        FloatBuffer y = FloatBuffer.allocate(x.capacity());
        for (long at = 0; at < n; at += x.capacity()) {
            int len = (int) Math.min(x.capacity(), n - at);
            x.clear().limit(len);
            y.clear().limit(len);
            a.read(at, x);
            b.read(at, y);
            for (int i = 0; i < len; i++) {
                if (Float.floatToRawIntBits(x.get(i)) != Float.floatToRawIntBits(y.get(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether {@code b [n, m]} is the transpose of {@code a [m, n]}, compared a band of a's rows at a time. */
    private static boolean transposeOf(TiedWeights.Values a, TiedWeights.Values b) {
        long[] sa = a.shape();
        int rows = (int) sa[0];
        int cols = (int) sa[1];
        int band = Math.max(1, Math.min(rows, BAND / Math.max(1, cols)));   // a's rows held: one read of b per column
        FloatBuffer x = FloatBuffer.allocate(band * cols);
        FloatBuffer y = FloatBuffer.allocate(band);
        for (int r0 = 0; r0 < rows; r0 += band) {
            int h = Math.min(band, rows - r0);
            x.clear().limit(h * cols);
            a.read((long) r0 * cols, x);
            for (int c = 0; c < cols; c++) {
                y.clear().limit(h);
                b.read((long) c * rows + r0, y);
                for (int r = 0; r < h; r++) {
                    if (Float.floatToRawIntBits(x.get(r * cols + c)) != Float.floatToRawIntBits(y.get(r))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
