package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tied weights that constant folding split in two: trainable tensors that are exact copies (same shape, same float
 * bits) or exact transposes (a 2-D {@code [m, n]} and an {@code [n, m]}) of an earlier one, e.g. a masked LM's output
 * projection and its word embeddings. Trained separately they would drift apart; here only the primary (the first
 * in store order) stays in θ and each partner becomes a node of the graph ({@code Identity} or {@code Transpose} of
 * the primary, under the partner's name), so one z perturbs both, every optimizer, replay, resume and export see
 * one parameter, and the two stay tied by construction.
 *
 * <p>Constant tensors (every value equal, e.g. zero-initialised LoRA B) and rank-1 tensors are never tied: their
 * equality says nothing about the model.
 *
 * @param ties every partner with its primary, in store order of the partners
 */
public record TiedWeights(List<Tie> ties) {

    /**
     * One partner tensor computed from a primary.
     *
     * @param primary    the trained tensor
     * @param partner    the tensor derived from it
     * @param transposed whether {@code partner = primaryᵀ} (else an exact copy)
     * @param size       number of values
     */
    public record Tie(String primary, String partner, boolean transposed, long size) {
        @Override
        public String toString() {
            return partner + " = " + (transposed ? "transpose of " : "copy of ") + primary + " (" + size + " values)";
        }
    }

    /** No ties. */
    public static final TiedWeights NONE = new TiedWeights(List.of());

    private static final String FORMAT = "tied/1";

    public TiedWeights {
        ties = List.copyOf(ties);
    }

    /**
     * A trainable tensor's values as {@link #find} reads them: piecewise, so tensors larger than any buffer at hand are
     * compared without a copy.
     */
    public interface Values {
        String name();

        long[] shape();

        /** Fills {@code into} (from its position) with values {@code from ..}. */
        void read(long from, FloatBuffer into);

        /** Number of values. */
        default long size() {
            long n = 1;
            for (long d : shape()) {
                n *= d;
            }
            return n;
        }

        /** A store's tensor. */
        static Values of(Parameter p) {
            return new Values() {
                public String name() {
                    return p.name();
                }

                public long[] shape() {
                    return p.shape();
                }

                public void read(long from, FloatBuffer into) {
                    into.put(p.values().slice((int) from, into.remaining()));
                }
            };
        }

        /** An initializer of a file (inline, in place or in external data). */
        static Values of(TensorProto t, Path modelDir) {
            long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
            return new Values() {
                public String name() {
                    return t.getName();
                }

                public long[] shape() {
                    return dims.clone();
                }

                public void read(long from, FloatBuffer into) {
                    TensorData.readFloats(t, modelDir, from, into);
                }
            };
        }
    }

    /** Finds the ties among the store's tensors. */
    public static TiedWeights find(ParameterStore store) {
        return find(store.parameters().stream().map(Values::of).toList());
    }

    /**
     * Finds the ties among {@code tensors}, in the order given (the store order they will have: the first of a tied
     * pair is its primary). A pair is compared in full, a few megabytes at a time, only if {@value #SAMPLES} values at
     * seeded positions agree (as a copy, or as a transpose: {@code a[i, j] = b[j, i]}), so finding no ties reads a few
     * values per tensor.
     */
    public static TiedWeights find(List<Values> tensors) {
        Map<String, Integer> shapes = new HashMap<>();
        for (Values p : tensors) {
            shapes.merge(shapeKey(p.shape()), 1, Integer::sum);
        }
        List<Values> candidates = tensors.stream()
                .filter(p -> p.shape().length >= 2 && p.size() > 0 && shapes.get(shapeKey(p.shape())) > 1).toList();
        Map<String, float[]> straight = new HashMap<>();
        Map<String, float[]> transposed = new HashMap<>();
        for (Values p : candidates) {
            straight.put(p.name(), samples(p, false));
            if (p.shape().length == 2) {
                transposed.put(p.name(), samples(p, true));
            }
        }
        Map<String, Boolean> constant = new HashMap<>();
        List<Tie> ties = new ArrayList<>();
        Set<String> partners = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            Values a = candidates.get(i);
            for (int j = i + 1; j < candidates.size() && !partners.contains(a.name()); j++) {
                Values b = candidates.get(j);
                if (partners.contains(b.name())) {
                    continue;
                }
                boolean copy = Arrays.equals(a.shape(), b.shape()) && sameBits(straight.get(a.name()), straight.get(b.name()));
                boolean transpose = !copy && transposedShapes(a, b)
                        && sameBits(straight.get(a.name()), transposed.get(b.name()));
                if (!copy && !transpose || constant.computeIfAbsent(a.name(), k -> constant(a))
                        || constant.computeIfAbsent(b.name(), k -> constant(b))) {
                    continue;
                }
                if (copy && sameBits(a, b)) {
                    ties.add(new Tie(a.name(), b.name(), false, a.size()));
                    partners.add(b.name());
                } else if (transpose && transposeOf(a, b)) {
                    ties.add(new Tie(a.name(), b.name(), true, a.size()));
                    partners.add(b.name());
                }
            }
        }
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < tensors.size(); i++) {
            order.put(tensors.get(i).name(), i);
        }
        ties.sort((x, y) -> Integer.compare(order.get(x.partner()), order.get(y.partner())));
        return new TiedWeights(ties);
    }

    /** Whether there is nothing to tie. */
    public boolean isEmpty() {
        return ties.isEmpty();
    }

    /** Names of the partner tensors (no longer in θ). */
    public Set<String> partners() {
        return ties.stream().map(Tie::partner).collect(Collectors.toSet());
    }

    /** Number of values θ no longer holds twice. */
    public long savedValues() {
        return ties.stream().mapToLong(Tie::size).sum();
    }

    /** What the cache key of a rewrite of this graph must add (empty without ties). */
    public String cacheVariant() {
        return isEmpty() ? "" : FORMAT + " " + ties.stream().map(Tie::toString).collect(Collectors.joining("; "));
    }

    /** {@code file} with each partner initializer replaced by a node computing it from its primary. */
    public OnnxFile apply(OnnxFile file) {
        if (isEmpty()) {
            return file;
        }
        Set<String> partners = partners();
        GraphProto graph = file.proto().getGraph();
        GraphProto.Builder g = graph.toBuilder().clearInitializer().clearNode();
        graph.getInitializerList().stream().filter(t -> !partners.contains(t.getName())).forEach(g::addInitializer);
        for (Tie tie : ties) {
            NodeProto.Builder node = NodeProto.newBuilder().setName("zo_tied/" + tie.partner())
                    .setOpType(tie.transposed() ? "Transpose" : "Identity").addInput(tie.primary()).addOutput(tie.partner());
            if (tie.transposed()) {
                node.addAttribute(AttributeProto.newBuilder().setName("perm").setType(AttributeProto.AttributeType.INTS)
                        .addInts(1).addInts(0));
            }
            g.addNode(node);
        }
        g.addAllNode(graph.getNodeList());
        return new OnnxFile(file.path(), file.proto().toBuilder().setGraph(g).build(), file.sha256());
    }

    /** The partner's values from its primary's ({@code rows × cols} for a transpose). */
    public static float[] partnerValues(Tie tie, float[] primary, long[] primaryShape) {
        if (!tie.transposed()) {
            return primary.clone();
        }
        int rows = Math.toIntExact(primaryShape[0]);
        int cols = Math.toIntExact(primaryShape[1]);
        float[] out = new float[primary.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = primary[r * cols + c];
            }
        }
        return out;
    }

    /** The trainable tensors without the partners. */
    public List<TensorProto> primaries(List<TensorProto> trainable) {
        Set<String> partners = partners();
        return trainable.stream().filter(t -> !partners.contains(t.getName())).toList();
    }

    /** The dims in ascending order: equal for a tensor, its copies and (2-D) its transposes. */
    private static String shapeKey(long[] dims) {
        long[] sorted = dims.clone();
        Arrays.sort(sorted);
        return Arrays.toString(sorted);
    }

    /** Values per piece read. */
    private static final int PIECE = 1 << 20;
    /** Values of the band of rows a transpose check holds. */
    private static final int BAND = 1 << 22;

    /** Values compared before a pair is compared in full. */
    static final int SAMPLES = 32;

    /**
     * {@value #SAMPLES} values of {@code v} at positions drawn (SplitMix64) from its shape: element {@code (i, j)} of
     * the matrix {@code [rows, rest]}, or with {@code transposed} of {@code v} read as the transpose of a
     * {@code [cols, rows]} matrix, {@code v[j, i]} for {@code (i, j)} drawn from {@code [cols, rows]}. So a tensor's
     * samples equal its copy's, and a 2-D tensor's equal its transpose's transposed samples.
     */
    private static float[] samples(Values v, boolean transposed) {
        long[] shape = v.shape();
        long rows = shape[0];
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

    private static boolean transposedShapes(Values a, Values b) {
        long[] sa = a.shape();
        long[] sb = b.shape();
        return sa.length == 2 && sb.length == 2 && sa[0] == sb[1] && sa[1] == sb[0];
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
    private static boolean constant(Values v) {
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

    private static boolean sameBits(Values a, Values b) {
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
    private static boolean transposeOf(Values a, Values b) {
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
