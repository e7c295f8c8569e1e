package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The value names of a graph and its subgraphs, for rewrites that move nodes between scopes ({@link BranchInliner}).
 * ONNX graphs are in SSA form; a subgraph may read any name of the scopes enclosing it.
 */
final class GraphNames {

    private GraphNames() {
    }

    /**
     * Every name defined in {@code graph} or in any subgraph of its nodes, except the subgraphs of node
     * {@code except} (its own outputs count).
     */
    static Set<String> defined(GraphProto graph, int except) {
        Set<String> names = new HashSet<>(local(graph));
        for (int i = 0; i < graph.getNodeCount(); i++) {
            if (i != except) {
                for (GraphProto sub : subgraphs(graph.getNode(i))) {
                    names.addAll(defined(sub, -1));
                }
            }
        }
        return names;
    }

    /** Names defined at the top level of {@code graph}: inputs, initializers and node outputs. */
    static Set<String> local(GraphProto graph) {
        Set<String> names = new HashSet<>();
        graph.getInputList().forEach(v -> names.add(v.getName()));
        graph.getInitializerList().forEach(t -> names.add(t.getName()));
        for (SparseTensorProto t : graph.getSparseInitializerList()) {
            names.add(t.getValues().getName());
        }
        for (NodeProto node : graph.getNodeList()) {
            node.getOutputList().stream().filter(n -> !n.isEmpty()).forEach(names::add);
        }
        return names;
    }

    /** Names read from {@code graph}'s scope: node inputs, names its nodes' subgraphs read from outside, outputs. */
    static Set<String> reads(GraphProto graph) {
        Set<String> names = new HashSet<>();
        graph.getNodeList().forEach(n -> names.addAll(GraphStages.inputsOf(n)));
        graph.getOutputList().stream().map(ValueInfoProto::getName).forEach(names::add);
        return names;
    }

    /** {@code node} reading {@code renamed}'s new names, in its inputs and in what its subgraphs read from outside. */
    static NodeProto renameReads(NodeProto node, Map<String, String> renamed) {
        NodeProto.Builder n = node.toBuilder();
        for (int k = 0; k < n.getInputCount(); k++) {
            n.setInput(k, renamed.getOrDefault(n.getInput(k), n.getInput(k)));
        }
        for (int a = 0; a < n.getAttributeCount(); a++) {
            AttributeProto attribute = n.getAttribute(a);
            if (attribute.hasG() || attribute.getGraphsCount() > 0) {
                AttributeProto.Builder b = attribute.toBuilder();
                if (attribute.hasG()) {
                    b.setG(renameOuter(attribute.getG(), renamed));
                }
                for (int k = 0; k < attribute.getGraphsCount(); k++) {
                    b.setGraphs(k, renameOuter(attribute.getGraphs(k), renamed));
                }
                n.setAttribute(a, b);
            }
        }
        return n.build();
    }

    /** The subgraphs of a node (If branches, Loop and Scan bodies). */
    static Set<GraphProto> subgraphs(NodeProto node) {
        Set<GraphProto> graphs = new HashSet<>();
        for (AttributeProto a : node.getAttributeList()) {
            if (a.hasG()) {
                graphs.add(a.getG());
            }
            graphs.addAll(a.getGraphsList());
        }
        return graphs;
    }

    /** {@code sub} with the names it reads from enclosing scopes renamed (its own names shadow them). */
    private static GraphProto renameOuter(GraphProto sub, Map<String, String> renamed) {
        Map<String, String> outer = new HashMap<>(renamed);
        outer.keySet().removeAll(local(sub));
        if (outer.isEmpty()) {
            return sub;
        }
        GraphProto.Builder g = sub.toBuilder().clearNode();
        sub.getNodeList().forEach(n -> g.addNode(renameReads(n, outer)));
        for (int k = 0; k < g.getOutputCount(); k++) {
            String name = g.getOutput(k).getName();
            if (outer.containsKey(name)) {
                g.setOutput(k, g.getOutput(k).toBuilder().setName(outer.get(name)));
            }
        }
        return g.build();
    }
}
