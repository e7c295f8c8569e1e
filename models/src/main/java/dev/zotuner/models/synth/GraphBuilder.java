package dev.zotuner.models.synth;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a graph the way {@code torch.onnx.export} names it: a node is {@code <module scope>/<OpType>} (then
 * {@code _1}, {@code _2}, ... within the same scope), its output {@code <node name>_output_0}; small constants are
 * {@code Constant} nodes; weights are initializers named after their parameter, except the transposed Linear weights
 * of {@code MatMul}s, which are anonymous ({@code onnx::MatMul_1234}). Weights are only declared
 * ({@link WeightSpec}); their values are made when the model is written.
 */
final class GraphBuilder {

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, WeightSpec> weights = new LinkedHashMap<>();
    private final Map<String, Integer> usedNames = new HashMap<>();
    private int nextAnonymous;

    /**
     * @param name          the graph's name
     * @param firstAnonymous the number of the first anonymous weight
     */
    GraphBuilder(String name, int firstAnonymous) {
        graph.setName(name);
        nextAnonymous = firstAnonymous;
    }

    /** Declares a graph input; a dim is a {@code Number} or a symbolic name. */
    String input(String name, int type, Object... dims) {
        graph.addInput(value(name, type, dims));
        return name;
    }

    /** Declares a graph output; a dim is a {@code Number} or a symbolic name. */
    void output(String name, int type, Object... dims) {
        graph.addOutput(value(name, type, dims));
    }

    /** Declares a FLOAT weight named after its parameter. */
    String weight(String name, WeightInit init, long... dims) {
        WeightSpec spec = new WeightSpec(name, dims, init);
        if (weights.putIfAbsent(name, spec) != null) {
            throw new IllegalStateException("weight " + name + " declared twice");
        }
        return name;
    }

    /** Declares an anonymous FLOAT weight read by an {@code op} node: {@code onnx::<op>_<n>}. */
    String anonymousWeight(String op, WeightInit init, long... dims) {
        return weight("onnx::" + op + "_" + nextAnonymous++, init, dims);
    }

    /** The declared weight {@code name}. */
    WeightSpec spec(String name) {
        WeightSpec w = weights.get(name);
        if (w == null) {
            throw new IllegalStateException("no weight " + name);
        }
        return w;
    }

    /** Adds a node {@code <scope>/<op>} with one output; returns the output's name. */
    String op(String scope, String op, List<String> inputs, AttributeProto... attributes) {
        String name = uniqueName(scope + "/" + op);
        return node(name, op, inputs, name + "_output_0", attributes);
    }

    /** Adds a node whose output has a given name (a graph output such as {@code logits}). */
    String opTo(String output, String scope, String op, List<String> inputs, AttributeProto... attributes) {
        return node(uniqueName(scope + "/" + op), op, inputs, output, attributes);
    }

    /** A 1-D INT64 constant. */
    String ints(String scope, long... values) {
        ByteBuffer b = buffer(values.length * Long.BYTES);
        for (long v : values) {
            b.putLong(v);
        }
        return constant(scope, TensorProto.DataType.INT64_VALUE, b, values.length);
    }

    /** A scalar INT64 constant. */
    String int64(String scope, long value) {
        return constant(scope, TensorProto.DataType.INT64_VALUE, buffer(Long.BYTES).putLong(value));
    }

    /** A scalar FLOAT constant. */
    String float32(String scope, float value) {
        return constant(scope, TensorProto.DataType.FLOAT_VALUE, buffer(Float.BYTES).putFloat(value));
    }

    /** A FLOAT constant of any shape. */
    String floats(String scope, float[] values, long... dims) {
        ByteBuffer b = buffer(values.length * Float.BYTES);
        for (float v : values) {
            b.putFloat(v);
        }
        return constant(scope, TensorProto.DataType.FLOAT_VALUE, b, dims);
    }

    static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    static AttributeProto attrInts(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto attr(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(value).build();
    }

    /** A tensor of little-endian bytes (for {@code Constant} and {@code ConstantOfShape} values). */
    static TensorProto tensor(int type, ByteBuffer bytes, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(type).setRawData(ByteString.copyFrom(bytes.flip()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private String constant(String scope, int type, ByteBuffer bytes, long... dims) {
        return op(scope, "Constant", List.of(), attr("value", tensor(type, bytes, dims)));
    }

    private String node(String name, String op, List<String> inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(inputs).addOutput(output);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return output;
    }

    private String uniqueName(String base) {
        int k = usedNames.merge(base, 1, Integer::sum) - 1;
        return k == 0 ? base : base + "_" + k;
    }

    private static ValueInfoProto value(String name, int type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(d instanceof Number n ? TensorShapeProto.Dimension.newBuilder().setDimValue(n.longValue())
                    : TensorShapeProto.Dimension.newBuilder().setDimParam(d.toString()));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
    }

    /** The weights-free graph and its weights, ready for the writer. */
    record Built(GraphProto graph, List<WeightSpec> weights) {
        Built {
            weights = List.copyOf(weights);
        }
    }

    /** The graph without initializers (nodes, inputs, outputs) and the weights in declaration order. */
    Built build() {
        return new Built(graph.build(), new ArrayList<>(weights.values()));
    }
}
