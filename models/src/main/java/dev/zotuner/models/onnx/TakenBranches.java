package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code If} nodes whose condition is a constant run one branch only, so each is replaced by the nodes of the branch
 * it takes ({@link BranchInliner}). Optimum's merged decoder ({@code decoder_model_merged.onnx}) holds the whole model
 * twice, in the two branches of a top-level If on {@code use_cache_branch}, reading weights that are top-level
 * initializers ({@code onnx::MatMul_N_merged_0}); once {@link EmptyPast} has fixed that input to {@code false}, the
 * no-cache branch is inlined here and the graph is that of the decoder without cache, node for node. Block names,
 * stages, top-K, BitFit, LoRA and the frozen-prefix cache then read it as they read a plain decoder, and nothing
 * downstream knows there was an If.
 *
 * <p>A condition is constant when it is an initializer of the graph (zo-tuner never feeds one) or the output of a
 * {@code Constant} node, holding one BOOL. Inlining repeats until no such If is left (an inlined branch may hold
 * another). Initializers that only the discarded branch read are dropped: they would otherwise be trainable weights no
 * node reads. The weights stay top-level initializers of the same names, so {@link OnnxExport}, which writes the
 * original (merged) graph, puts the trained values where both branches read them.
 *
 * @param file  the rewritten graph, with the original's path (external data resolves as before) and hash
 * @param taken the inlined Ifs, in the order they were inlined
 */
public record TakenBranches(OnnxFile file, List<Taken> taken) {

    /**
     * One inlined If.
     *
     * @param node      the If node's name
     * @param condition the name of its condition
     * @param value     the condition's value
     * @param branch    the name of the branch graph taken ({@code no_past})
     * @param nodes     how many nodes the taken branch has
     */
    public record Taken(String node, String condition, boolean value, String branch, int nodes) {
        @Override
        public String toString() {
            return node + ": " + condition + " = " + value + " → " + (value ? "then_branch" : "else_branch")
                    + (branch.isEmpty() ? "" : " '" + branch + "'") + " (" + nodes + " nodes)";
        }
    }

    /** Bump when the rewrite changes; part of the weights-as-inputs cache key. */
    private static final String FORMAT = "taken-branches/1";

    public TakenBranches {
        taken = List.copyOf(taken);
    }

    /** {@code file} with every If on a constant condition replaced by the branch it takes. */
    public static TakenBranches of(OnnxFile file) {
        GraphProto graph = file.proto().getGraph();
        GraphProto rewritten = graph;
        List<Taken> taken = new ArrayList<>();
        for (int i = next(rewritten, 0); i >= 0; i = next(rewritten, i)) {
            NodeProto node = rewritten.getNode(i);
            boolean value = condition(rewritten, node.getInput(0)).orElseThrow();
            GraphProto branch = branch(node, value, file.path());
            taken.add(new Taken(node.getName(), node.getInput(0), value, branch.getName(), branch.getNodeCount()));
            rewritten = BranchInliner.inline(rewritten, i, branch, file.directory());
        }
        if (taken.isEmpty()) {
            return new TakenBranches(file, List.of());
        }
        Set<String> before = GraphNames.reads(graph);
        Set<String> after = GraphNames.reads(rewritten);
        GraphProto.Builder g = rewritten.toBuilder().clearInitializer();
        rewritten.getInitializerList().stream().filter(t -> after.contains(t.getName()) || !before.contains(t.getName()))
                .forEach(g::addInitializer);
        return new TakenBranches(new OnnxFile(file.path(), file.proto().toBuilder().setGraph(g).build(), file.sha256()),
                taken);
    }

    /** Whether no If was inlined. */
    public boolean isEmpty() {
        return taken.isEmpty();
    }

    /** What the cache key of a rewrite of this graph must add (empty when nothing was inlined). */
    public String cacheVariant() {
        return isEmpty() ? "" : FORMAT + " " + taken.stream().map(Taken::toString).collect(Collectors.joining("; "));
    }

    /** Index of the first If at or after {@code from} whose condition is constant, or −1. */
    private static int next(GraphProto graph, int from) {
        for (int i = from; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            if (node.getOpType().equals("If") && (node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx"))
                    && node.getInputCount() == 1 && condition(graph, node.getInput(0)).isPresent()) {
                return i;
            }
        }
        return -1;
    }

    /** The value of a one-element BOOL initializer or Constant output named {@code name}, if it is one. */
    private static Optional<Boolean> condition(GraphProto graph, String name) {
        for (TensorProto t : graph.getInitializerList()) {
            if (t.getName().equals(name)) {
                return boolValue(t);
            }
        }
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("Constant") && node.getOutputCount() == 1 && node.getOutput(0).equals(name)) {
                return node.getAttributeList().stream().filter(a -> a.getName().equals("value") && a.hasT())
                        .findFirst().flatMap(a -> boolValue(a.getT()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Boolean> boolValue(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.BOOL_VALUE || TensorData.elementCount(t) != 1) {
            return Optional.empty();
        }
        if (!t.getRawData().isEmpty()) {
            return Optional.of(t.getRawData().byteAt(0) != 0);
        }
        return t.getInt32DataCount() == 1 ? Optional.of(t.getInt32Data(0) != 0) : Optional.empty();
    }

    private static GraphProto branch(NodeProto node, boolean value, Path modelFile) {
        String name = value ? "then_branch" : "else_branch";
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name) && a.hasG())
                .map(AttributeProto::getG).findFirst().orElseThrow(() -> new ModelException(modelFile + ": If node '"
                        + node.getName() + "' has no " + name + " to take for its constant condition " + node.getInput(0)));
    }
}
