package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.nio.FloatBuffer;
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
 * equality says nothing about the model. A tie between a trainable and a frozen tensor is settled before θ is laid out
 * ({@link KeptTies}): the partner follows its primary, so a frozen primary leaves its partner frozen too.
 *
 * @param ties   every partner with its primary, in store order of the partners
 * @param frozen ties left frozen with their primary although the trainable filters had chosen the partner (reported,
 *               never part of the graph rewrite)
 */
public record TiedWeights(List<Tie> ties, List<Tie> frozen) {

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
        frozen = List.copyOf(frozen);
    }

    /** Trained ties only. */
    public TiedWeights(List<Tie> ties) {
        this(ties, List.of());
    }

    /** These ties, and {@code kept} reported as left frozen with their primary. */
    public TiedWeights withFrozen(List<Tie> kept) {
        return new TiedWeights(ties, kept);
    }

    /** One line per tie, as {@code zo model inspect} shows them: trained ties, then those left frozen. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        ties.forEach(t -> lines.add(t.toString()));
        frozen.forEach(t -> lines.add(t + ", frozen with it"));
        return lines;
    }

    /** Finds the ties among the store's tensors. */
    public static TiedWeights find(ParameterStore store) {
        Map<String, Integer> shapes = new HashMap<>();
        for (Parameter p : store.parameters()) {
            shapes.merge(shapeKey(p), 1, Integer::sum);
        }
        Map<Long, List<Parameter>> byFingerprint = new LinkedHashMap<>();
        for (Parameter p : store.parameters()) {
            if (p.shape().length >= 2 && shapes.get(shapeKey(p)) > 1 && !constant(p.values())) {
                byFingerprint.computeIfAbsent(fingerprint(p.values()), k -> new ArrayList<>()).add(p);
            }
        }
        List<Tie> ties = new ArrayList<>();
        Set<String> partners = new HashSet<>();
        for (List<Parameter> group : byFingerprint.values()) {
            for (int i = 0; i < group.size(); i++) {
                Parameter a = group.get(i);
                for (int j = i + 1; j < group.size() && !partners.contains(a.name()); j++) {
                    Parameter b = group.get(j);
                    if (partners.contains(b.name())) {
                        continue;
                    }
                    if (Arrays.equals(a.shape(), b.shape()) && sameBits(a.values(), b.values())) {
                        ties.add(new Tie(a.name(), b.name(), false, a.size()));
                        partners.add(b.name());
                    } else if (transposeOf(a, b)) {
                        ties.add(new Tie(a.name(), b.name(), true, a.size()));
                        partners.add(b.name());
                    }
                }
            }
        }
        Map<String, Integer> order = new HashMap<>();
        store.parameters().forEach(p -> order.put(p.name(), p.index()));
        ties.sort((x, y) -> Integer.compare(order.get(x.partner()), order.get(y.partner())));
        return new TiedWeights(ties);
    }

    /** Whether there is nothing to tie in the graph (ties left frozen need nothing). */
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
    private static String shapeKey(Parameter p) {
        long[] dims = p.shape();
        Arrays.sort(dims);
        return Arrays.toString(dims);
    }

    private static boolean transposeOf(Parameter a, Parameter b) {
        long[] sa = a.shape();
        long[] sb = b.shape();
        if (sa.length != 2 || sb.length != 2 || sa[0] != sb[1] || sa[1] != sb[0]) {
            return false;
        }
        int rows = (int) sa[0];
        int cols = (int) sa[1];
        FloatBuffer x = a.values();
        FloatBuffer y = b.values();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (Float.floatToRawIntBits(x.get(r * cols + c)) != Float.floatToRawIntBits(y.get(c * rows + r))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean sameBits(FloatBuffer x, FloatBuffer y) {
        for (int i = 0; i < x.capacity(); i++) {
            if (Float.floatToRawIntBits(x.get(i)) != Float.floatToRawIntBits(y.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** An order-independent hash of the float bits (equal for a copy and a transpose). */
    private static long fingerprint(FloatBuffer v) {
        long sum = v.capacity();
        for (int i = 0; i < v.capacity(); i++) {
            long z = (Float.floatToRawIntBits(v.get(i)) & 0xffffffffL) * 0x9E3779B97F4A7C15L;
            sum += (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
        }
        return sum;
    }

    private static boolean constant(FloatBuffer v) {
        int first = Float.floatToRawIntBits(v.get(0));
        for (int i = 1; i < v.capacity(); i++) {
            if (Float.floatToRawIntBits(v.get(i)) != first) {
                return false;
            }
        }
        return true;
    }
}
