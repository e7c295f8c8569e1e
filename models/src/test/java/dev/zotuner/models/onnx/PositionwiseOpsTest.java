package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PositionwiseOpsTest {

    /** x is the position-wise value; the rest are constants of the given ranks; axes holds [-1], axes1 [1]. */
    private static final PositionwiseOps.Constants CONSTANTS = new PositionwiseOps.Constants() {
        private final Map<String, Integer> ranks = Map.of("w", 2, "w3", 3, "b", 1, "s", 0, "m", 2, "axes", 1,
                "axes1", 1, "q", -1);

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
            return switch (name) {
                case "axes" -> Optional.of(new long[] {-1});
                case "axes1" -> Optional.of(new long[] {1});
                default -> Optional.empty();
            };
        }
    };

    private static NodeProto node(String op, String... inputs) {
        return NodeProto.newBuilder().setOpType(op).setName("/head/" + op).addAllInput(java.util.List.of(inputs))
                .addOutput("y").build();
    }

    private static NodeProto with(NodeProto node, String name, long... ints) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (ints.length == 1 && !name.equals("axes")) {
            a.setType(AttributeProto.AttributeType.INT).setI(ints[0]);
        } else {
            a.setType(AttributeProto.AttributeType.INTS);
            for (long i : ints) {
                a.addInts(i);
            }
        }
        return node.toBuilder().addAttribute(a).build();
    }

    private static boolean applies(NodeProto node) {
        return PositionwiseOps.applies(node, CONSTANTS, 17);
    }

    @Test
    void aProjectionByAConstantMatrixAndElementWiseOpsWithBiasesOrScalarsAre() {
        assertTrue(applies(node("MatMul", "x", "w")));
        assertFalse(applies(node("MatMul", "x", "w3")), "a batched weight");
        assertFalse(applies(node("MatMul", "x", "x2")), "attention: both sides are activations");
        assertFalse(applies(node("MatMul", "w", "x")), "a constant on the left mixes positions");
        assertTrue(applies(node("Add", "b", "x")));
        assertTrue(applies(node("Mul", "x", "s")));
        assertTrue(applies(node("Sub", "x", "mean")), "two position-wise values (a decomposed LayerNorm)");
        assertFalse(applies(node("Add", "x", "m")), "a rank-2 constant broadcasts over the sequence");
        assertFalse(applies(node("Add", "x", "q")), "a constant of unknown rank");
        assertTrue(applies(node("Erf", "x")));
        assertTrue(applies(node("Clip", "x", "s", "s")));
        assertFalse(applies(node("Clip", "x", "lo", "s")), "a bound computed from activations");
    }

    @Test
    void normsReductionsAndSoftmaxOnlyOverTheLastAxis() {
        assertTrue(applies(node("LayerNormalization", "x", "b", "b")));
        assertTrue(applies(with(node("LayerNormalization", "x", "b", "b"), "axis", 2)));
        assertFalse(applies(with(node("LayerNormalization", "x", "b", "b"), "axis", 1)));
        assertTrue(applies(with(node("ReduceMean", "x"), "axes", -1)));
        assertFalse(applies(with(with(node("ReduceMean", "x"), "axes", -1), "keepdims", 0)), "the rank would drop");
        assertFalse(applies(with(node("ReduceMean", "x"), "axes", 1)));
        assertFalse(applies(node("ReduceMean", "x")), "no axes: all of them");
        assertTrue(applies(node("ReduceSum", "x", "axes")), "axes as an input (opset 13/18)");
        assertFalse(applies(node("ReduceSum", "x", "axes1")));
        assertTrue(applies(with(node("Softmax", "x"), "axis", -1)));
        assertTrue(PositionwiseOps.applies(node("Softmax", "x"), CONSTANTS, 13), "default axis −1 from opset 13");
        assertFalse(PositionwiseOps.applies(node("Softmax", "x"), CONSTANTS, 12), "default axis 1 before");
    }

    @Test
    void whatMovesPositionsOrRunsSubgraphsOrComesFromAnotherDomainIsNot() {
        assertFalse(applies(node("Transpose", "x")));
        assertFalse(applies(node("Reshape", "x", "w")));
        assertFalse(applies(node("Gemm", "x", "w", "b")), "Gemm works on flattened rows");
        assertFalse(applies(node("Gather", "x", "s")));
        assertFalse(applies(node("CumSum", "x", "s")));
        assertFalse(applies(node("Tanh", "x").toBuilder().setDomain("custom.ops").build()));
        assertTrue(applies(node("FastGelu", "x", "b").toBuilder().setDomain("com.microsoft").build()));
        NodeProto withBranch = node("Identity", "x").toBuilder().addAttribute(AttributeProto.newBuilder()
                .setName("body").setType(AttributeProto.AttributeType.GRAPH)).build();
        assertTrue(applies(node("Identity", "x")));
        assertFalse(applies(withBranch.toBuilder().setAttribute(0, withBranch.getAttribute(0).toBuilder()
                .setG(ai.onnx.proto.OnnxMl.GraphProto.getDefaultInstance())).build()));
    }

    @Test
    void int64ValuesAreReadFromRawOrTypedData() {
        ByteBuffer raw = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).putLong(2);
        TensorProto rawT = TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE).addDims(2)
                .setRawData(ByteString.copyFrom(raw.array())).build();
        assertEquals(2, PositionwiseOps.int64s(rawT).orElseThrow()[1]);
        TensorProto typed = TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE).addInt64Data(-1).build();
        assertEquals(-1, PositionwiseOps.int64s(typed).orElseThrow()[0]);
        assertTrue(PositionwiseOps.int64s(rawT.toBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE).build()).isEmpty());
    }
}
