package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.source.AttentionShape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * KV-cache decoders (Optimum {@code text-generation-with-past}, {@code decoder_model_merged.onnx}) run without a
 * cache: each {@code past_key_values.*} input becomes an empty tensor {@code [batch, heads, 0, head_dim]} computed
 * in the graph ({@code ConstantOfShape} of the batch of {@code input_ids} and constant dims), a merged decoder's
 * bool {@code use_cache_branch} becomes the constant {@code false}, and the {@code present.*} outputs are dropped.
 * A prompt is scored in one pass over all its tokens, as with a decoder exported without past.
 *
 * <p>Heads and head width come from the input's declared dims; when those are symbolic, from {@code config.json}
 * ({@link AttentionShape}). Because the empty past is made of graph nodes that read only {@code input_ids} and
 * constants, it needs no runtime support and is replicated into every stage of a staged run.
 *
 * @param inputs  the past inputs, in graph order
 * @param flags   bool inputs fixed to false ({@code use_cache_branch})
 * @param dropped outputs no longer produced ({@code present.*})
 */
public record EmptyPast(List<Past> inputs, List<String> flags, List<String> dropped) {

    /**
     * One past input and the empty tensor it gets.
     *
     * @param name     graph input name
     * @param elemType ONNX element type (FLOAT, FLOAT16, ...)
     * @param dims     dims after the batch: heads, 0, head width
     */
    public record Past(String name, int elemType, long[] dims) {
        public Past {
            dims = dims.clone();
        }

        @Override
        public long[] dims() {
            return dims.clone();
        }

        @Override
        public String toString() {
            return name + " " + TensorData.typeName(elemType) + " [batch, " + Arrays.stream(dims)
                    .mapToObj(Long::toString).collect(Collectors.joining(", ")) + "] (empty)";
        }
    }

    /** Prefix of the cache inputs Optimum exports. */
    public static final String PAST_PREFIX = "past_key_values";
    /** The bool input of a merged decoder choosing the with-cache branch. */
    public static final String USE_CACHE_BRANCH = "use_cache_branch";
    /** Nothing to feed. */
    public static final EmptyPast NONE = new EmptyPast(List.of(), List.of(), List.of());

    private static final String FORMAT = "empty-past/1";
    private static final String PREFIX = "zo_past/";

    public EmptyPast {
        inputs = List.copyOf(inputs);
        flags = List.copyOf(flags);
        dropped = List.copyOf(dropped);
    }

    /** Finds the cache inputs of {@code graph}; a layout we cannot fill is a one-line error naming the input. */
    public static EmptyPast of(GraphProto graph, AttentionShape attention, Path modelFile) {
        List<Past> past = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (v.getName().startsWith(PAST_PREFIX)) {
                past.add(past(v, attention, modelFile));
            } else if (v.getName().equals(USE_CACHE_BRANCH)) {
                int type = v.getType().getTensorType().getElemType();
                if (type != TensorProto.DataType.BOOL_VALUE) {
                    throw new ModelException(modelFile + ": input '" + USE_CACHE_BRANCH + "' is "
                            + TensorData.typeName(type) + ", expected BOOL");
                }
                flags.add(v.getName());
            }
        }
        if (past.isEmpty() && flags.isEmpty()) {
            return NONE;
        }
        List<String> dropped = graph.getOutputList().stream().map(ValueInfoProto::getName)
                .filter(n -> n.startsWith("present")).toList();
        return new EmptyPast(past, flags, dropped);
    }

    private static Past past(ValueInfoProto v, AttentionShape attention, Path modelFile) {
        int type = v.getType().getTensorType().getElemType();
        if (type != TensorProto.DataType.FLOAT_VALUE && type != TensorProto.DataType.FLOAT16_VALUE
                && type != TensorProto.DataType.BFLOAT16_VALUE && type != TensorProto.DataType.DOUBLE_VALUE) {
            throw new ModelException(modelFile + ": input '" + v.getName() + "' is " + TensorData.typeName(type)
                    + ", expected a float type");
        }
        List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
        if (dims.size() != 4) {
            throw new ModelException(modelFile + ": input '" + v.getName() + "' has " + dims.size() + " dims; only "
                    + "[batch, heads, past_sequence, head_dim] caches are supported");
        }
        if (dims.get(2).hasDimValue() && dims.get(2).getDimValue() != 0) {
            throw new ModelException(modelFile + ": input '" + v.getName() + "' fixes the past length at "
                    + dims.get(2).getDimValue() + "; only a dynamic past (fed empty) is supported");
        }
        long heads = dim(v, dims.get(1), attention.kvHeads(), "heads",
                "num_key_value_heads, num_attention_heads or n_head", modelFile);
        long width = dim(v, dims.get(3), attention.headDim(), "head width",
                "head_dim, or hidden_size / n_embd with the heads", modelFile);
        return new Past(v.getName(), type, new long[] {heads, 0, width});
    }

    private static long dim(ValueInfoProto v, TensorShapeProto.Dimension d, int fromConfig, String what, String keys,
                            Path modelFile) {
        if (d.hasDimValue() && d.getDimValue() > 0) {
            return d.getDimValue();
        }
        if (fromConfig > 0) {
            return fromConfig;
        }
        String name = d.getDimParam().isEmpty() ? "?" : d.getDimParam();
        throw new ModelException(modelFile + ": input '" + v.getName() + "': its " + what + " dim '" + name
                + "' is symbolic and config.json next to the model gives none (" + keys + ")");
    }

    /** Whether the graph takes no cache inputs. */
    public boolean isEmpty() {
        return inputs.isEmpty() && flags.isEmpty();
    }

    /** What the cache key of a rewrite of this graph must add (empty when there is nothing to feed). */
    public String cacheVariant() {
        if (isEmpty()) {
            return "";
        }
        return FORMAT + " " + inputs.stream().map(Past::toString).collect(Collectors.joining("; ")) + " flags="
                + flags;
    }

    /** One line per fed input, as {@code zo model inspect} shows them. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        inputs.forEach(p -> lines.add(p.toString()));
        flags.forEach(f -> lines.add(f + " BOOL = false"));
        return lines;
    }

    /** {@code file} with the past computed in the graph, the flags constant and the presents dropped. */
    public OnnxFile apply(OnnxFile file) {
        if (isEmpty()) {
            return file;
        }
        GraphProto graph = file.proto().getGraph();
        GraphProto.Builder g = graph.toBuilder().clearInput().clearNode().clearOutput();
        for (ValueInfoProto v : graph.getInputList()) {
            boolean fed = flags.contains(v.getName()) || inputs.stream().anyMatch(p -> p.name().equals(v.getName()));
            if (!fed) {
                g.addInput(v);
            } else if (flags.contains(v.getName())) {
                g.addInitializer(falseFlag(v));
            }
        }
        if (!inputs.isEmpty()) {
            addPastNodes(g);
        }
        g.addAllNode(graph.getNodeList());
        graph.getOutputList().stream().filter(o -> !dropped.contains(o.getName())).forEach(g::addOutput);
        return new OnnxFile(file.path(), file.proto().toBuilder().setGraph(g).build(), file.sha256());
    }

    private void addPastNodes(GraphProto.Builder g) {
        g.addInitializer(int64(PREFIX + "zero", new long[] {0}));
        g.addNode(node("Shape", PREFIX + "Shape", List.of("input_ids"), PREFIX + "shape"));
        g.addNode(node("Gather", PREFIX + "Gather", List.of(PREFIX + "shape", PREFIX + "zero"), PREFIX + "batch")
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(0)));
        Map<String, String> shapes = new LinkedHashMap<>();
        for (Past p : inputs) {
            String key = Arrays.toString(p.dims());
            String shape = shapes.get(key);
            if (shape == null) {
                shape = PREFIX + "shape_" + shapes.size();
                shapes.put(key, shape);
                g.addInitializer(int64(shape + "_dims", p.dims()));
                g.addNode(node("Concat", shape + "/Concat", List.of(PREFIX + "batch", shape + "_dims"), shape)
                        .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                                .setI(0)));
            }
            TensorProto zero = TensorProto.newBuilder().setDataType(p.elemType()).addDims(1)
                    .setRawData(ByteString.copyFrom(new byte[elementBytes(p.elemType())])).build();
            g.addNode(node("ConstantOfShape", PREFIX + p.name(), List.of(shape), p.name())
                    .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                            .setT(zero)));
        }
    }

    private static TensorProto falseFlag(ValueInfoProto v) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(v.getName()).setDataType(TensorProto.DataType.BOOL_VALUE);
        long n = 1;
        for (TensorShapeProto.Dimension d : v.getType().getTensorType().getShape().getDimList()) {
            long size = d.hasDimValue() ? d.getDimValue() : 1;
            t.addDims(size);
            n *= size;
        }
        return t.setRawData(ByteString.copyFrom(new byte[Math.toIntExact(n)])).build();
    }

    private static NodeProto.Builder node(String op, String name, List<String> in, String out) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addOutput(out);
    }

    private static TensorProto int64(String name, long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        Arrays.stream(values).forEach(bytes::putLong);
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).setRawData(ByteString.copyFrom(bytes.array())).build();
    }

    private static int elementBytes(int type) {
        return type == TensorProto.DataType.DOUBLE_VALUE ? 8 : type == TensorProto.DataType.FLOAT_VALUE ? 4 : 2;
    }
}
