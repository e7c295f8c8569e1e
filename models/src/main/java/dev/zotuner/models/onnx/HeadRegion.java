package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The position-wise head in front of an output: the largest set of nodes after the last block ({@code layer.N}) that
 * compute the output from one tensor, position by position ({@link PositionwiseOps}). Found by sweeping back from the
 * output's producer, always expanding the latest-produced tensor still unexplained, so paths that fork and join again
 * (a LayerNorm decomposed into ReduceMean, Sub, Div) close before the sweep goes on; the sweep stops at a node named
 * into a block ({@link BlockNames#fromName}) or one that mixes positions. Every point where one tensor explains all
 * that was swept is a candidate cut; the earliest one whose nodes' values nobody outside reads wins.
 *
 * @param cut   the tensor the head computes the output from ({@code [batch, seq, hidden]})
 * @param nodes indices of the head's nodes in the graph, ascending
 */
record HeadRegion(String cut, List<Integer> nodes) {

    HeadRegion {
        nodes = List.copyOf(nodes);
    }

    /** The head in front of {@code output}, if its producer is position-wise. */
    static Optional<HeadRegion> find(GraphProto graph, String output, long opset) {
        Map<String, Integer> producer = new HashMap<>();
        Map<String, List<Integer>> consumers = new HashMap<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            for (String out : node.getOutputList()) {
                producer.put(out, i);
            }
            for (String in : GraphStages.inputsOf(node)) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(i);
            }
        }
        Set<String> outputs = new HashSet<>();
        graph.getOutputList().stream().map(ValueInfoProto::getName).forEach(outputs::add);
        GraphConstants constants = GraphConstants.of(graph);
        TreeSet<Integer> region = new TreeSet<>();
        TreeMap<Integer, Set<String>> frontier = new TreeMap<>();   // unexplained tensors by producer index
        frontier.computeIfAbsent(producer.getOrDefault(output, -1), k -> new HashSet<>()).add(output);
        HeadRegion best = null;
        while (!frontier.isEmpty() && frontier.lastKey() >= 0) {
            int p = frontier.lastKey();
            NodeProto node = graph.getNode(p);
            if (!PositionwiseOps.applies(node, constants, opset) || BlockNames.fromName(node.getName()).isPresent()
                    || node.getOutputCount() > 0 && BlockNames.fromName(node.getOutput(0)).isPresent()) {
                break;
            }
            frontier.remove(p);
            region.add(p);
            if (!closed(graph, region, output, outputs, consumers)) {
                break;
            }
            for (String in : node.getInputList()) {
                if (!in.isEmpty() && !constants.contains(in)) {
                    frontier.computeIfAbsent(producer.getOrDefault(in, -1), k -> new HashSet<>()).add(in);
                }
            }
            if (frontier.size() == 1 && frontier.firstEntry().getValue().size() == 1 && frontier.firstKey() >= 0) {
                best = new HeadRegion(frontier.firstEntry().getValue().iterator().next(), new ArrayList<>(region));
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether no node outside {@code region} and no graph output but {@code output} reads what the region computes. */
    private static boolean closed(GraphProto graph, Set<Integer> region, String output, Set<String> outputs,
                                  Map<String, List<Integer>> consumers) {
        for (int i : region) {
            for (String out : graph.getNode(i).getOutputList()) {
                if (out.isEmpty()) {
                    continue;
                }
                if (!out.equals(output) && outputs.contains(out)) {
                    return false;
                }
                for (int reader : consumers.getOrDefault(out, List.of())) {
                    if (!region.contains(reader)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The constants of a graph: initializers, {@code Constant} outputs and what nodes compute from those alone (a tied
     * head's {@code Transpose} of the embeddings), with their ranks where known.
     */
    private record GraphConstants(Map<String, Integer> ranks, Map<String, TensorProto> values)
            implements PositionwiseOps.Constants {

        static GraphConstants of(GraphProto graph) {
            Map<String, Integer> ranks = new HashMap<>();
            Map<String, TensorProto> values = new HashMap<>();
            for (TensorProto t : graph.getInitializerList()) {
                ranks.put(t.getName(), t.getDimsCount());
                values.put(t.getName(), t);
            }
            for (NodeProto node : graph.getNodeList()) {
                if (node.getOpType().equals("Constant") && node.getOutputCount() == 1) {
                    constant(node).ifPresentOrElse(t -> {
                        ranks.put(node.getOutput(0), t.getDimsCount());
                        values.put(node.getOutput(0), t);
                    }, () -> ranks.put(node.getOutput(0), -1));
                } else if (node.getInputCount() > 0 && GraphNames.subgraphs(node).isEmpty()
                        && node.getInputList().stream().allMatch(in -> in.isEmpty() || ranks.containsKey(in))) {
                    boolean keepsRank = Set.of("Identity", "Transpose", "Cast", "Neg").contains(node.getOpType());
                    int rank = keepsRank ? ranks.get(node.getInput(0)) : -1;
                    node.getOutputList().forEach(o -> ranks.put(o, rank));
                }
            }
            return new GraphConstants(ranks, values);
        }

        /** The value of a {@code Constant} node as a tensor (its dims, and its values if they are integers). */
        private static Optional<TensorProto> constant(NodeProto node) {
            for (AttributeProto a : node.getAttributeList()) {
                TensorProto.Builder t = TensorProto.newBuilder();
                switch (a.getName()) {
                    case "value" -> {
                        return a.hasT() ? Optional.of(a.getT()) : Optional.empty();
                    }
                    case "value_float" -> {
                        return Optional.of(t.setDataType(TensorProto.DataType.FLOAT_VALUE).build());
                    }
                    case "value_floats" -> {
                        return Optional.of(t.setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(a.getFloatsCount()).build());
                    }
                    case "value_int" -> {
                        return Optional.of(t.setDataType(TensorProto.DataType.INT64_VALUE).addInt64Data(a.getI()).build());
                    }
                    case "value_ints" -> {
                        return Optional.of(t.setDataType(TensorProto.DataType.INT64_VALUE).addDims(a.getIntsCount())
                                .addAllInt64Data(a.getIntsList()).build());
                    }
                    default -> {
                        // value_string(s), sparse_value: not a number the head computes with
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public boolean contains(String name) {
            return ranks.containsKey(name);
        }

        @Override
        public int rank(String name) {
            return ranks.getOrDefault(name, -1);
        }

        @Override
        public Optional<long[]> int64s(String name) {
            TensorProto t = values.get(name);
            return t == null ? Optional.empty() : PositionwiseOps.int64s(t);
        }
    }
}
