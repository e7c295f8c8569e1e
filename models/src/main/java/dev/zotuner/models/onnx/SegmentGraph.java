package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sub-model that runs stages {@code [from, to)} of {@link GraphStages}: their nodes plus the shared nodes they
 * need, the frozen initializers those read, and as inputs the token inputs, trainable weights and cut tensors
 * (activations of earlier stages) they read. Its outputs are the tensors later stages read (the cut after
 * {@code to}), or the head's output for the last segment.
 *
 * @param model   the sub-model (cut outputs are declared untyped; ONNX Runtime infers their types)
 * @param from    first stage
 * @param to      stage after the last
 * @param inputs  graph inputs in order: token inputs, weights and cut tensors it reads
 * @param cutIn   the cut tensors among {@code inputs}
 * @param outputs tensors it produces for later stages, or the head's output
 */
public record SegmentGraph(ModelProto model, int from, int to, List<String> inputs, List<String> cutIn,
                           List<String> outputs) {

    public SegmentGraph {
        inputs = List.copyOf(inputs);
        cutIn = List.copyOf(cutIn);
        outputs = List.copyOf(outputs);
    }

    /**
     * Builds the segment.
     *
     * @param original the model {@code stages} was computed on (opsets, IR version, functions)
     * @param cutTypes types of the cut tensors this segment reads (from the sessions of earlier segments)
     */
    public static SegmentGraph of(ModelProto original, GraphStages stages, int from, int to,
                                  Map<String, TypeProto> cutTypes) {
        GraphProto graph = stages.graph();
        int n = graph.getNodeCount();
        boolean[] take = new boolean[n];
        List<Integer> work = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int s = stages.stageOf(i);
            if (s >= from && s < to) {
                take[i] = true;
                work.add(i);
            }
        }
        while (!work.isEmpty()) {   // the shared nodes (mask, shapes) this segment needs, transitively
            int i = work.remove(work.size() - 1);
            for (String in : stages.reads(i)) {
                Integer p = stages.producer(in);
                if (p != null && !take[p] && stages.stageOf(p) == GraphStages.SHARED) {
                    take[p] = true;
                    work.add(p);
                }
            }
        }
        Set<String> produced = new HashSet<>();
        Set<String> read = new LinkedHashSet<>();
        GraphProto.Builder g = GraphProto.newBuilder().setName(graph.getName() + "-stages-" + from + "-" + to);
        for (int i = 0; i < n; i++) {
            if (take[i]) {
                NodeProto node = graph.getNode(i);
                g.addNode(node);
                read.addAll(stages.reads(i));
                produced.addAll(node.getOutputList());
            }
        }
        Map<String, ValueInfoProto> declared = new HashMap<>();
        graph.getInputList().forEach(v -> declared.put(v.getName(), v));
        Map<String, TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        List<String> inputs = new ArrayList<>();
        List<String> cutIn = new ArrayList<>();
        for (String name : read) {
            if (produced.contains(name)) {
                continue;
            }
            if (initializers.containsKey(name)) {
                g.addInitializer(initializers.get(name));
            } else if (declared.containsKey(name)) {
                g.addInput(declared.get(name));
                inputs.add(name);
            } else {
                TypeProto type = cutTypes.get(name);
                if (type == null) {
                    throw new IllegalArgumentException("segment [" + from + ", " + to + "): no type for cut tensor " + name);
                }
                g.addInput(ValueInfoProto.newBuilder().setName(name).setType(type));
                inputs.add(name);
                cutIn.add(name);
            }
        }
        List<String> outputs = to == stages.stageCount() ? List.of(stages.output()) : cutOut(stages, take, to);
        for (String out : outputs) {
            ValueInfoProto declaredOut = graph.getOutputList().stream().filter(v -> v.getName().equals(out))
                    .findFirst().orElse(ValueInfoProto.newBuilder().setName(out).build());
            g.addOutput(declaredOut);
        }
        for (ValueInfoProto v : graph.getValueInfoList()) {
            if (produced.contains(v.getName()) && !outputs.contains(v.getName())) {
                g.addValueInfo(v);
            }
        }
        ModelProto model = original.toBuilder().setGraph(g).build();
        return new SegmentGraph(model, from, to, inputs, cutIn, outputs);
    }

    /** Tensors produced by the taken non-shared nodes and read by a node of a stage ≥ {@code to}. */
    private static List<String> cutOut(GraphStages stages, boolean[] take, int to) {
        Set<String> later = new HashSet<>();
        for (int i = 0; i < stages.graph().getNodeCount(); i++) {
            if (stages.stageOf(i) >= to) {
                later.addAll(stages.reads(i));
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < take.length; i++) {
            if (take[i] && stages.stageOf(i) != GraphStages.SHARED) {
                for (String o : stages.graph().getNode(i).getOutputList()) {
                    if (later.contains(o)) {
                        out.add(o);
                    }
                }
            }
        }
        return out;
    }
}
