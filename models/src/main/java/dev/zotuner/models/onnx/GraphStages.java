package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.zotuner.models.ModelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A graph's nodes assigned to stages at block boundaries ({@code embeddings}, {@code layer.0} …, {@code rest}), so
 * the graph can run as a chain of sessions and a step that changes one block reruns only the stages from there on.
 *
 * <p>A node's stage is the latest of: the block its name points to ({@link BlockNames#fromName}), the block of
 * every weight it reads, and the stage of every node it reads from. So data only flows forward, a weight read in
 * several stages (tied embeddings) is an input of each, and the LM head lands after the last layer. Nodes that
 * read only token inputs and constants (the attention-mask arithmetic, shape computations) are <em>shared</em>:
 * cheap, they are replicated into every stage that needs them rather than passed across a cut. Only nodes the
 * head's output depends on are kept (a pooler nobody reads is dropped).
 *
 * <p>Weights are trainable graph inputs (after {@link WeightsAsInputs}) and frozen FLOAT initializers with more
 * than one element; other initializers (indices, shapes, scalars) are constants.
 */
public final class GraphStages {

    /** Stage of a shared node. */
    public static final int SHARED = -1;

    private final GraphProto graph;
    private final List<String> stageNames;
    private final int[] stageOf;
    private final boolean[] kept;
    private final List<Set<String>> reads;
    private final Map<String, Integer> producer;
    private final String output;

    private GraphStages(GraphProto graph, List<String> stageNames, int[] stageOf, boolean[] kept,
                        List<Set<String>> reads, Map<String, Integer> producer, String output) {
        this.graph = graph;
        this.stageNames = List.copyOf(stageNames);
        this.stageOf = stageOf;
        this.kept = kept;
        this.reads = reads;
        this.producer = producer;
        this.output = output;
    }

    /**
     * Assigns the nodes of a weights-as-inputs graph to stages.
     *
     * @param graph       the rewritten graph (trainable weights are graph inputs)
     * @param inputBlocks block of every trainable graph input
     * @param output      the graph output the head reads
     * @param modelFile   for messages
     */
    public static GraphStages of(GraphProto graph, Map<String, String> inputBlocks, String output, Path modelFile) {
        Map<String, TensorProto> initializers = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        Map<String, String> blocks = new HashMap<>(BlockNames.assign(graph, initializers.keySet()));
        blocks.putAll(inputBlocks);
        Set<String> tokens = new LinkedHashSet<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (!inputBlocks.containsKey(v.getName()) && !initializers.containsKey(v.getName())) {
                tokens.add(v.getName());
            }
        }
        int n = graph.getNodeCount();
        Map<String, Integer> producer = new HashMap<>();
        List<Set<String>> reads = new ArrayList<>(n);
        long[] rank = new long[n];
        boolean[] shared = new boolean[n];
        for (int i = 0; i < n; i++) {
            NodeProto node = graph.getNode(i);
            Set<String> in = inputsOf(node);
            reads.add(in);
            boolean isShared = true;
            long r = Long.MIN_VALUE;
            for (String name : in) {
                Integer from = producer.get(name);
                if (from != null) {
                    if (!shared[from]) {
                        isShared = false;
                        r = Math.max(r, rank[from]);
                    }
                } else if (inputBlocks.containsKey(name) || isWeight(initializers.get(name))) {
                    isShared = false;
                    r = Math.max(r, BlockNames.rank(blocks.get(name)));
                } else if (!tokens.contains(name) && !initializers.containsKey(name)) {
                    throw new ModelException(modelFile + ": node '" + node.getName() + "' reads '" + name
                            + "', which no earlier node produces (graph not in topological order?)");
                }
            }
            if (!isShared) {
                Optional<String> named = BlockNames.fromName(node.getName());
                if (named.isEmpty() && node.getOutputCount() > 0) {
                    named = BlockNames.fromName(node.getOutput(0));
                }
                if (named.isPresent()) {
                    r = Math.max(r, BlockNames.rank(named.get()));
                }
            }
            shared[i] = isShared;
            rank[i] = r;
            for (String out : node.getOutputList()) {
                if (!out.isEmpty()) {
                    producer.put(out, i);
                }
            }
        }
        if (!producer.containsKey(output)) {
            throw new ModelException(modelFile + ": no node produces the output '" + output + "'");
        }
        boolean[] kept = needed(graph, reads, producer, output);
        TreeSet<Long> ranks = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            if (kept[i] && !shared[i]) {
                ranks.add(rank[i]);
            }
        }
        List<Long> order = new ArrayList<>(ranks);
        List<String> names = new ArrayList<>();
        for (long r : order) {
            names.add(BlockNames.nameOfRank(r));
        }
        int[] stageOf = new int[n];
        for (int i = 0; i < n; i++) {
            stageOf[i] = shared[i] ? SHARED : Collections.binarySearch(order, rank[i]);
        }
        return new GraphStages(graph, names, stageOf, kept, reads, producer, output);
    }

    /** Nodes the output depends on. */
    private static boolean[] needed(GraphProto graph, List<Set<String>> reads, Map<String, Integer> producer,
                                    String output) {
        boolean[] kept = new boolean[graph.getNodeCount()];
        List<Integer> work = new ArrayList<>(List.of(producer.get(output)));
        while (!work.isEmpty()) {
            int i = work.remove(work.size() - 1);
            if (kept[i]) {
                continue;
            }
            kept[i] = true;
            for (String in : reads.get(i)) {
                Integer from = producer.get(in);
                if (from != null && !kept[from]) {
                    work.add(from);
                }
            }
        }
        return kept;
    }

    /** A node's inputs, including names its subgraphs (If, Loop, Scan) read from the enclosing scope. */
    static Set<String> inputsOf(NodeProto node) {
        Set<String> in = new LinkedHashSet<>();
        for (String name : node.getInputList()) {
            if (!name.isEmpty()) {
                in.add(name);
            }
        }
        for (AttributeProto a : node.getAttributeList()) {
            if (a.hasG()) {
                in.addAll(outerReads(a.getG()));
            }
            for (GraphProto g : a.getGraphsList()) {
                in.addAll(outerReads(g));
            }
        }
        return in;
    }

    private static Set<String> outerReads(GraphProto g) {
        Set<String> defined = new HashSet<>();
        g.getInputList().forEach(v -> defined.add(v.getName()));
        g.getInitializerList().forEach(t -> defined.add(t.getName()));
        Set<String> outer = new LinkedHashSet<>();
        for (NodeProto node : g.getNodeList()) {
            for (String name : inputsOf(node)) {
                if (!defined.contains(name)) {
                    outer.add(name);
                }
            }
            defined.addAll(node.getOutputList());
        }
        return outer;
    }

    /** Frozen FLOAT initializer with more than one element: a weight, not a constant. */
    private static boolean isWeight(TensorProto t) {
        return t != null && TrainableSelection.isFloatWeight(t) && TensorData.elementCount(t) > 1;
    }

    /** The graph these stages cut. */
    public GraphProto graph() {
        return graph;
    }

    /** Stage names in forward order (blocks that own at least one kept node). */
    public List<String> stageNames() {
        return stageNames;
    }

    public int stageCount() {
        return stageNames.size();
    }

    /** The output the last stage produces. */
    public String output() {
        return output;
    }

    /** Stage of node {@code i} of the graph, {@link #SHARED}, or −2 if the output does not depend on it. */
    public int stageOf(int node) {
        return kept[node] ? stageOf[node] : -2;
    }

    /** Tensors node {@code i} reads (subgraph reads included). */
    Set<String> reads(int node) {
        return reads.get(node);
    }

    /** The node producing {@code tensor}, or null for inputs and initializers. */
    Integer producer(String tensor) {
        return producer.get(tensor);
    }

    /**
     * The first stage that reads any of {@code tensors} (weights), or {@link #stageCount()} if none is read: every
     * stage before it is unchanged when only these tensors change.
     */
    public int firstReader(Set<String> tensors) {
        int first = stageCount();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            if (kept[i] && stageOf[i] >= 0 && stageOf[i] < first) {
                for (String in : reads.get(i)) {
                    if (tensors.contains(in)) {
                        first = stageOf[i];
                        break;
                    }
                }
            }
        }
        return first;
    }
}
