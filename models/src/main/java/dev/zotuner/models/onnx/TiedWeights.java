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
     * pair is its primary), by the rule of {@link TieFinder}: sampled values first, whole tensors only for a real tie.
     */
    public static TiedWeights find(List<Values> tensors) {
        Map<String, Integer> shapes = new HashMap<>();
        for (Values p : tensors) {
            shapes.merge(TieFinder.shapeKey(p.shape()), 1, Integer::sum);
        }
        List<Values> candidates = tensors.stream().filter(p -> p.shape().length >= 2 && p.size() > 0
                && shapes.get(TieFinder.shapeKey(p.shape())) > 1).toList();
        Map<String, TieFinder.Samples> samples = new HashMap<>();
        candidates.forEach(p -> samples.put(p.name(), TieFinder.Samples.of(p)));
        List<Tie> ties = new ArrayList<>();
        Set<String> partners = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            Values a = candidates.get(i);
            for (int j = i + 1; j < candidates.size() && !partners.contains(a.name()); j++) {
                Values b = candidates.get(j);
                if (partners.contains(b.name())) {
                    continue;
                }
                TieFinder.Relation r = TieFinder.relation(a, samples.get(a.name()), b, samples.get(b.name()));
                if (r != TieFinder.Relation.NONE) {
                    ties.add(new Tie(a.name(), b.name(), r == TieFinder.Relation.TRANSPOSE, a.size()));
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
}
