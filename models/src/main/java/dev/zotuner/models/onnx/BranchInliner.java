package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Replaces one {@code If} node of a graph by the nodes of one of its branches, in its place: the branch's outputs
 * take the names of the If's outputs, names the branch reads from the enclosing graph are kept, names the branch
 * defines that the enclosing graph already uses (or that name an If output another branch value is renamed to) get a
 * fresh {@code zo_if/} name, and the branch's initializers move to the enclosing graph. A branch-local FLOAT weight
 * (Optimum's merge keeps only scalars and 1-D integer tensors in a branch) becomes a {@code Constant} node rather than
 * an initializer, so it is never trainable and an export, which writes the original graph, needs nothing from the
 * inlined copy. Subgraphs of the branch's nodes (nested Ifs, Loops) see the renamed outer names. The branch's
 * {@code value_info} is left out: ONNX Runtime infers the shapes again.
 */
final class BranchInliner {

    private static final String PREFIX = "zo_if/";

    private final GraphProto graph;
    private final int index;
    private final GraphProto branch;
    private final Path modelDir;
    private final Set<String> used;
    private final Map<String, String> renamed = new HashMap<>();

    private BranchInliner(GraphProto graph, int index, GraphProto branch, Path modelDir) {
        this.graph = graph;
        this.index = index;
        this.branch = branch;
        this.modelDir = modelDir;
        this.used = GraphNames.defined(graph, index);
    }

    /**
     * {@code graph} with node {@code index} (an If) replaced by {@code branch}, one of its two subgraphs.
     *
     * @param modelDir where external data of a branch-local weight resolves
     */
    static GraphProto inline(GraphProto graph, int index, GraphProto branch, Path modelDir) {
        return new BranchInliner(graph, index, branch, modelDir).inline();
    }

    private GraphProto inline() {
        NodeProto ifNode = graph.getNode(index);
        Set<String> local = GraphNames.local(branch);
        Set<String> outputs = new HashSet<>();
        for (int j = 0; j < branch.getOutputCount(); j++) {
            String out = branch.getOutput(j).getName();
            String target = j < ifNode.getOutputCount() ? ifNode.getOutput(j) : "";
            if (local.contains(out) && !target.isEmpty() && !renamed.containsKey(out)) {
                renamed.put(out, target);
                outputs.add(target);
            }
        }
        for (String name : local) {
            if (!renamed.containsKey(name) && (used.contains(name) || outputs.contains(name))) {
                renamed.put(name, fresh(name));
            }
        }
        GraphProto.Builder g = graph.toBuilder().clearNode();
        g.addAllNode(graph.getNodeList().subList(0, index));
        Set<String> nodeNames = new HashSet<>();
        graph.getNodeList().forEach(n -> nodeNames.add(n.getName()));
        for (TensorProto t : branch.getInitializerList()) {
            if (TrainableSelection.isFloatWeight(t)) {
                g.addNode(constant(ifNode, t.getName(), AttributeProto.newBuilder().setName("value")
                        .setType(AttributeProto.AttributeType.TENSOR).setT(TensorData.inlined(t, modelDir)
                                .toBuilder().clearName())));
            } else {
                g.addInitializer(t.toBuilder().setName(name(t.getName())));
            }
        }
        for (SparseTensorProto t : branch.getSparseInitializerList()) {
            g.addNode(constant(ifNode, t.getValues().getName(), AttributeProto.newBuilder().setName("sparse_value")
                    .setType(AttributeProto.AttributeType.SPARSE_TENSOR).setSparseTensor(t)));
        }
        for (NodeProto node : branch.getNodeList()) {
            NodeProto.Builder n = GraphNames.renameReads(node, renamed).toBuilder();
            for (int k = 0; k < n.getOutputCount(); k++) {
                n.setOutput(k, name(n.getOutput(k)));
            }
            if (!n.getName().isEmpty() && nodeNames.contains(n.getName())) {
                n.setName(PREFIX + ifNode.getName() + "/" + n.getName());
            }
            g.addNode(n);
        }
        for (int j = 0; j < Math.min(branch.getOutputCount(), ifNode.getOutputCount()); j++) {
            String value = name(branch.getOutput(j).getName());
            String target = ifNode.getOutput(j);
            if (!target.isEmpty() && !value.equals(target)) {
                g.addNode(NodeProto.newBuilder().setOpType("Identity").setName(PREFIX + ifNode.getName() + "/Identity_" + j)
                        .addInput(value).addOutput(target));
            }
        }
        g.addAllNode(graph.getNodeList().subList(index + 1, graph.getNodeCount()));
        return g.build();
    }

    private NodeProto constant(NodeProto ifNode, String tensor, AttributeProto.Builder value) {
        return NodeProto.newBuilder().setOpType("Constant").setName(PREFIX + ifNode.getName() + "/" + tensor)
                .addOutput(name(tensor)).addAttribute(value).build();
    }

    private String name(String original) {
        return renamed.getOrDefault(original, original);
    }

    private String fresh(String name) {
        String candidate = PREFIX + name;
        for (int k = 1; used.contains(candidate) || renamed.containsValue(candidate); k++) {
            candidate = PREFIX + k + "/" + name;
        }
        return candidate;
    }
}
