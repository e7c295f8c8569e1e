package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.zotuner.models.ModelKind;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A language model's logits computed only where a head reads them. A masked or causal LM's graph computes
 * {@code logits [batch, seq, vocab]} at every position, yet a head reads one position per row (the mask token, the last
 * real token: {@link dev.zotuner.models.ReadPositions}); the vocabulary projection and the tensors it fills dominate
 * a forward pass's memory at scale (Llama-3.2-1B: 128,256 logits per position). The head after the last layer is
 * position-wise ({@link HeadRegion}: BERT's dense + GELU + LayerNorm + decoder, OPT's final LayerNorm + {@code lm_head},
 * Llama's RMSNorm + tied {@code lm_head}), so this rewrite gathers one position per row before it: a new INT64 input
 * {@value #INPUT} {@code [batch, 1, 1]} and a {@code GatherND(cut, zo_positions, batch_dims = 1)} feeding the head's
 * nodes instead of the cut, so the output becomes {@code logits [batch, 1, vocab]}. The head's values are those of the
 * whole graph at the gathered positions (up to float rounding of the smaller products).
 *
 * <p>The gather is named into the {@code rest} block ({@value #SCOPE}…, {@link BlockNames#fromName}), so it runs in the
 * last stage of a split graph and every cut before it (the frozen-prefix cache) still carries whole sequences. Only
 * the session's graph changes: weights keep their names and values, so θ, LoRA, ties, replay and {@link OnnxExport}
 * (which writes the original graph) are untouched. Encoders, graphs without a position-wise head, outputs of undeclared
 * rank and opsets before 12 (no {@code batch_dims}) keep their whole logits.
 *
 * @param file  the graph to run: sliced, or the one given when nothing was sliced
 * @param cut   the tensor the head reads, gathered at one position per row; empty when nothing was sliced
 * @param nodes the head's nodes, reading the gathered positions, in graph order
 * @param kind  whose positions are gathered (the mask token for MLM, the last real token for a causal LM)
 */
public record HeadSlice(OnnxFile file, String cut, List<String> nodes, ModelKind kind) {

    /** The graph input holding each row's read position, INT64 {@code [batch, 1, 1]}. */
    public static final String INPUT = "zo_positions";
    /** Scope of the nodes and values this rewrite adds. */
    static final String SCOPE = "zo_head/";
    /** Bump when the rewrite changes; part of the weights-as-inputs cache key. */
    private static final String FORMAT = "head-slice/1";
    private static final String GATHERED = SCOPE + "gathered";
    private static final long FIRST_OPSET = 12;

    public HeadSlice {
        nodes = List.copyOf(nodes);
    }

    /** {@code file} unchanged: logits at every position (runs made before the slice; encoders). */
    public static HeadSlice none(OnnxFile file, ModelKind kind) {
        return new HeadSlice(file, "", List.of(), kind);
    }

    /** {@code file} with its head sliced when {@code kind} reads logits at one position per row, else unchanged. */
    public static HeadSlice of(OnnxFile file, ModelKind kind, TensorSpec output) {
        HeadSlice none = none(file, kind);
        GraphProto graph = file.proto().getGraph();
        long opset = opset(file);
        if (!kind.hasLogits() || output.dims().size() != 3 || opset < FIRST_OPSET) {
            return none;
        }
        Optional<HeadRegion> region = HeadRegion.find(graph, output.name(), opset);
        if (region.isEmpty()) {
            return none;
        }
        List<String> names = region.get().nodes().stream().map(i -> graph.getNode(i).getName()).toList();
        GraphProto sliced = rewrite(graph, region.get(), output.name());
        return new HeadSlice(new OnnxFile(file.path(), file.proto().toBuilder().setGraph(sliced).build(), file.sha256()),
                region.get().cut(), names, kind);
    }

    /** Whether the logits are still computed at every position. */
    public boolean isEmpty() {
        return cut.isEmpty();
    }

    /** What the cache key of a rewrite of this graph must add (empty when nothing was sliced). */
    public String cacheVariant() {
        return isEmpty() ? "" : FORMAT + " " + cut + " → " + String.join(", ", nodes);
    }

    /** Where the logits are computed, as {@code zo model inspect} shows it. */
    public String describe() {
        if (!kind.hasLogits()) {
            return "";
        }
        if (isEmpty()) {
            return "logits at every position";
        }
        return "logits at the " + (kind == ModelKind.MLM ? "mask token" : "last real token") + " only: " + INPUT
                + " gathers " + cut + " before " + nodes.size() + " head node" + (nodes.size() == 1 ? "" : "s")
                + " (" + nodes.get(0) + " … " + nodes.get(nodes.size() - 1) + ")";
    }

    private static GraphProto rewrite(GraphProto graph, HeadRegion region, String output) {
        Set<Integer> head = new HashSet<>(region.nodes());
        Set<String> headValues = new HashSet<>();
        GraphProto.Builder g = graph.toBuilder().clearNode().clearValueInfo().clearOutput();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            if (i == region.nodes().get(0)) {
                g.addNode(NodeProto.newBuilder().setOpType("GatherND").setName(SCOPE + "GatherND")
                        .addInput(region.cut()).addInput(INPUT).addOutput(GATHERED)
                        .addAttribute(AttributeProto.newBuilder().setName("batch_dims")
                                .setType(AttributeProto.AttributeType.INT).setI(1)));
            }
            if (!head.contains(i)) {
                g.addNode(node);
                continue;
            }
            NodeProto.Builder n = node.toBuilder();
            for (int k = 0; k < n.getInputCount(); k++) {
                if (n.getInput(k).equals(region.cut())) {
                    n.setInput(k, GATHERED);
                }
            }
            headValues.addAll(node.getOutputList());
            g.addNode(n);
        }
        graph.getValueInfoList().stream().filter(v -> !headValues.contains(v.getName())).forEach(g::addValueInfo);
        TensorShapeProto.Dimension batch = null;
        for (ValueInfoProto v : graph.getOutputList()) {
            if (!v.getName().equals(output)) {
                g.addOutput(v);
                continue;
            }
            ValueInfoProto.Builder o = v.toBuilder();
            TensorShapeProto.Builder shape = o.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
            batch = shape.getDim(0);
            shape.setDim(1, TensorShapeProto.Dimension.newBuilder().setDimValue(1));
            g.addOutput(o);
        }
        TensorShapeProto positions = TensorShapeProto.newBuilder().addDim(batch)
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1)).build();
        g.addInput(ValueInfoProto.newBuilder().setName(INPUT).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.INT64_VALUE).setShape(positions))));
        return g.build();
    }

    /** The default domain's opset version, 0 if the model imports none. */
    private static long opset(OnnxFile file) {
        return file.proto().getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OperatorSetIdProto::getVersion).max().orElse(0);
    }
}
