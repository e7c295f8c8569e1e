package dev.zotuner.models.testing;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/** A small builder for ONNX graphs in tests (opset 17, IR version 8). */
public final class TinyGraph {

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("tiny");
    private final SplittableRandom random;

    public TinyGraph(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Declares an INT64 {@code [batch, seq]} input. */
    public TinyGraph tokenInput(String name) {
        graph.addInput(value(name, TensorProto.DataType.INT64_VALUE, "batch", "seq"));
        return this;
    }

    /** Declares an input of any type; a dim is a number or a symbolic name. */
    public TinyGraph input(String name, int type, String... dims) {
        graph.addInput(value(name, type, dims));
        return this;
    }

    /** Declares an output of any type; a dim is a number or a symbolic name. */
    public TinyGraph output(String name, int type, String... dims) {
        graph.addOutput(value(name, type, dims));
        return this;
    }

    /** Declares a FLOAT {@code [batch, seq, width]} output. */
    public TinyGraph output(String name, long width) {
        graph.addOutput(value(name, TensorProto.DataType.FLOAT_VALUE, "batch", "seq", Long.toString(width)));
        return this;
    }

    /** Adds a FLOAT initializer of uniform random values in [-scale, scale] (raw_data, little-endian). */
    public TinyGraph weight(String name, float scale, long... dims) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        ByteBuffer bytes = ByteBuffer.allocate(n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bytes.putFloat((float) ((random.nextDouble() * 2 - 1) * scale));
        }
        return initializer(name, TensorProto.DataType.FLOAT_VALUE, bytes.array(), dims);
    }

    /** Adds a FLOAT scalar initializer. */
    public TinyGraph scalar(String name, float value) {
        return initializer(name, TensorProto.DataType.FLOAT_VALUE,
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array());
    }

    /** Adds an INT64 initializer (axes, shapes). */
    public TinyGraph int64(String name, long[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            bytes.putLong(v);
        }
        return initializer(name, TensorProto.DataType.INT64_VALUE, bytes.array(), dims);
    }

    /** Adds an initializer of any type from little-endian bytes. */
    public TinyGraph initializer(String name, int type, byte[] raw, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type).setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return this;
    }

    /**
     * Adds a node; {@code attributes} are pairs of name and value: a {@link Float} (FLOAT), another number (INT), a
     * {@code long[]} (INTS), a {@link TensorProto} (TENSOR, e.g. a Constant's value) or a {@link GraphProto} (a
     * subgraph, e.g. an If branch).
     */
    public TinyGraph node(String op, String name, String[] inputs, String output, Object... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (int i = 0; i < attributes.length; i += 2) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName((String) attributes[i]);
            if (attributes[i + 1] instanceof long[] ints) {
                a.setType(AttributeProto.AttributeType.INTS);
                for (long v : ints) {
                    a.addInts(v);
                }
            } else if (attributes[i + 1] instanceof GraphProto g) {
                a.setType(AttributeProto.AttributeType.GRAPH).setG(g);
            } else if (attributes[i + 1] instanceof TensorProto t) {
                a.setType(AttributeProto.AttributeType.TENSOR).setT(t);
            } else if (attributes[i + 1] instanceof Float f) {
                a.setType(AttributeProto.AttributeType.FLOAT).setF(f);
            } else {
                a.setType(AttributeProto.AttributeType.INT).setI(((Number) attributes[i + 1]).longValue());
            }
            n.addAttribute(a);
        }
        graph.addNode(n);
        return this;
    }

    /** The graph built so far (for splicing into another, or as a subgraph). */
    public GraphProto graph() {
        return graph.build();
    }

    /** The model. */
    public ModelProto build() {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("zo-tuner-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph).build();
    }

    private static ValueInfoProto value(String name, int type, String... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (String d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d.chars().allMatch(Character::isDigit)) {
                dim.setDimValue(Long.parseLong(d));
            } else {
                dim.setDimParam(d);
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
    }
}
