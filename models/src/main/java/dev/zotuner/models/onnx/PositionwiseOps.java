package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.Set;

/**
 * Which nodes compute every position of a {@code [batch, seq, width]} tensor from that position alone, so that running
 * them on one gathered position per row gives exactly those rows of what they compute on the whole sequence: the ops
 * a language model's head is made of after its last layer (Hugging Face's {@code BertOnlyMLMHead}: dense, GELU,
 * LayerNorm, decoder; OPT's and Llama's final norm and {@code lm_head}) as {@code torch.onnx.export} and ONNX Runtime's
 * optimizer write them.
 *
 * <ul>
 *   <li>element-wise ops whose other inputs are constants of rank ≤ 1 (biases, scalars: broadcast along the last
 *       axis only) or position-wise values themselves (LayerNorm decomposed into ReduceMean/Sub/Pow/Sqrt/Div);</li>
 *   <li>{@code MatMul} by a constant 2-D weight;</li>
 *   <li>normalisations and reductions over the last axis only ({@code LayerNormalization},
 *       {@code SimplifiedLayerNormalization}, {@code RMSNormalization}, {@code ReduceMean} … with {@code keepdims}),
 *       and {@code Softmax}/{@code LogSoftmax} over the last axis.</li>
 * </ul>
 * Anything else (attention, reshapes, gathers, {@code Gemm} on flattened rows) mixes or moves positions and is refused.
 * The head's tensors have rank 3 (the logits' declared rank), so axis 2 is the last one.
 */
final class PositionwiseOps {

    /** The constants of the graph a node is judged in: every input not in it is a position-wise value. */
    interface Constants {
        /** Whether {@code name} is a constant (initializer, {@code Constant} output, or computed from those only). */
        boolean contains(String name);

        /** Rank of constant {@code name}, or −1 if unknown. */
        int rank(String name);

        /** The INT64 values of constant {@code name}, if they are known. */
        Optional<long[]> int64s(String name);
    }

    private static final Set<String> UNARY = Set.of("Identity", "Cast", "Relu", "Tanh", "Sigmoid", "Erf", "Sqrt",
            "Reciprocal", "Neg", "Exp", "Log", "Abs", "Softplus", "Elu", "LeakyRelu", "HardSigmoid", "HardSwish", "Gelu",
            "FastGelu", "BiasGelu", "QuickGelu", "Mish", "Clip");
    private static final Set<String> BINARY = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "PRelu");
    private static final Set<String> NORMS = Set.of("LayerNormalization", "SimplifiedLayerNormalization",
            "RMSNormalization");
    private static final Set<String> REDUCTIONS = Set.of("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin",
            "ReduceL2", "ReduceSumSquare", "ReduceLogSumExp");
    private static final Set<String> SOFTMAX = Set.of("Softmax", "LogSoftmax");
    private static final Set<String> DOMAINS = Set.of("", "ai.onnx", "com.microsoft");
    private static final int LAST_AXIS = 2;

    private PositionwiseOps() {
    }

    /**
     * Whether {@code node} is position-wise in its non-constant inputs.
     *
     * @param opset the graph's default-domain opset (Softmax's default axis changed at 13)
     */
    static boolean applies(NodeProto node, Constants constants, long opset) {
        String op = node.getOpType();
        if (!DOMAINS.contains(node.getDomain()) || GraphNames.subgraphs(node).size() > 0) {
            return false;
        }
        if (BINARY.contains(op)) {
            return node.getInputList().stream().allMatch(in -> in.isEmpty() || !constants.contains(in)
                    || broadcastsAlongLastAxis(in, constants));
        }
        if (op.equals("MatMul")) {
            return node.getInputCount() == 2 && !constants.contains(node.getInput(0))
                    && constants.contains(node.getInput(1)) && constants.rank(node.getInput(1)) == 2;
        }
        if (!firstInputOnly(node, constants)) {
            return false;
        }
        if (UNARY.contains(op)) {
            return true;
        }
        if (NORMS.contains(op)) {
            return lastAxis(attribute(node, "axis").orElse(-1L));
        }
        if (REDUCTIONS.contains(op)) {
            return attribute(node, "keepdims").orElse(1L) == 1 && reducesLastAxisOnly(node, constants);
        }
        if (SOFTMAX.contains(op)) {
            Optional<Long> axis = attribute(node, "axis");
            return axis.isPresent() ? lastAxis(axis.get()) : opset >= 13;
        }
        return false;
    }

    /** Input 0 is the position-wise value; every other input a constant broadcast along the last axis. */
    private static boolean firstInputOnly(NodeProto node, Constants constants) {
        if (node.getInputCount() == 0 || constants.contains(node.getInput(0))) {
            return false;
        }
        for (int i = 1; i < node.getInputCount(); i++) {
            String in = node.getInput(i);
            if (!in.isEmpty() && (!constants.contains(in) || !broadcastsAlongLastAxis(in, constants))) {
                return false;
            }
        }
        return true;
    }

    private static boolean broadcastsAlongLastAxis(String constant, Constants constants) {
        int rank = constants.rank(constant);
        return rank == 0 || rank == 1;
    }

    private static boolean reducesLastAxisOnly(NodeProto node, Constants constants) {
        Optional<long[]> axes = node.getAttributeList().stream().filter(a -> a.getName().equals("axes"))
                .findFirst().map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray());
        if (axes.isEmpty() && node.getInputCount() > 1 && !node.getInput(1).isEmpty()) {
            axes = constants.int64s(node.getInput(1));
        }
        return axes.isPresent() && axes.get().length == 1 && lastAxis(axes.get()[0]);
    }

    private static boolean lastAxis(long axis) {
        return axis == -1 || axis == LAST_AXIS;
    }

    private static Optional<Long> attribute(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)
                && a.getType() == AttributeProto.AttributeType.INT).findFirst().map(AttributeProto::getI);
    }

    /** The values of an inline INT64 tensor ({@code raw_data} or {@code int64_data}), if it is one. */
    static Optional<long[]> int64s(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.INT64_VALUE || TensorData.isExternal(t)) {
            return Optional.empty();
        }
        if (!t.getRawData().isEmpty()) {
            ByteBuffer bytes = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long[] values = new long[bytes.remaining() / Long.BYTES];
            bytes.asLongBuffer().get(values);
            return Optional.of(values);
        }
        return Optional.of(t.getInt64DataList().stream().mapToLong(Long::longValue).toArray());
    }
}
