package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.zotuner.models.source.Checksums;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The graph rewrite behind "weights as inputs": trainable initializers are removed from
 * {@code graph.initializer} and declared as graph inputs of the same name, type and shape, so ONNX Runtime
 * reads them from caller-owned buffers on every run (ONNX Runtime Java cannot override initializers by name).
 *
 * <p>The rewritten model holds only the graph and the frozen initializers, and those as they were read
 * ({@link OnnxFile#read}): weights stay in the original files, referenced as external data relative to the original
 * model's directory, so ONNX Runtime loads the frozen weights itself, once, as it would for the original file. The
 * rewritten graph is small; a session on it must be told where its external data lives
 * ({@code OrtSessions.open(byte[], Path, String)}).
 */
public final class WeightsAsInputs {

    /** Bump when the rewrite changes, so cached rewrites from older code are not reused. */
    private static final String FORMAT = "weights-as-inputs/2";

    private WeightsAsInputs() {
    }

    /** The model with {@code trainable} turned into graph inputs. */
    public static ModelProto rewrite(OnnxFile file, List<TensorProto> trainable) {
        GraphProto graph = file.proto().getGraph();
        Set<String> names = names(trainable);
        Set<String> declared = new HashSet<>();
        for (ValueInfoProto v : graph.getInputList()) {
            declared.add(v.getName());
        }
        GraphProto.Builder g = graph.toBuilder().clearInitializer();
        for (TensorProto t : graph.getInitializerList()) {
            if (!names.contains(t.getName())) {
                g.addInitializer(shapeData(t) ? TensorData.inlined(t, file.directory()) : t);
            }
        }
        for (TensorProto t : trainable) {
            if (!declared.contains(t.getName())) {
                g.addInput(inputFor(t));
            }
        }
        return file.proto().toBuilder().setGraph(g).build();
    }

    /**
     * Content key of a rewrite: SHA-256 over the rewrite format, the model file's hash, the trainable names
     * and the size and mtime of the external data files frozen tensors are read from.
     */
    public static String cacheKey(OnnxFile file, List<TensorProto> trainable) {
        return cacheKey(file, trainable, "");
    }

    /**
     * As {@link #cacheKey(OnnxFile, List)} for a graph derived from the file (a LoRA rewrite, see
     * {@link LoraAdapters#cacheVariant}): {@code variant} names everything besides the trainable names that makes
     * the derived graph differ; an empty variant gives the plain file's key.
     */
    public static String cacheKey(OnnxFile file, List<TensorProto> trainable, String variant) {
        MessageDigest d = Checksums.newSha256();
        update(d, FORMAT);
        update(d, file.sha256());
        if (!variant.isEmpty()) {
            update(d, variant);
        }
        for (TensorProto t : trainable) {
            update(d, t.getName());
        }
        Set<String> names = names(trainable);
        for (TensorProto t : file.proto().getGraph().getInitializerList()) {
            if (!names.contains(t.getName()) && TensorData.isExternal(t) && !file.holdsInPlace(t)) {
                Path data = ExternalData.of(t, file.directory()).file();
                try {
                    update(d, t.getName() + "@" + data + ":" + Files.size(data) + ":" + Files.getLastModifiedTime(data));
                } catch (IOException e) {
                    update(d, t.getName() + "@" + data + ":unreadable");
                }
            }
        }
        return Checksums.hex(d.digest());
    }

    /**
     * Whether a frozen tensor is inlined rather than left in place: small ones and integer ones, which may feed shape
     * inference (axes, shapes, indices); ONNX Runtime's inference cannot read external data of a model given as bytes.
     */
    private static boolean shapeData(TensorProto t) {
        if (!TensorData.isExternal(t)) {
            return false;
        }
        int type = t.getDataType();
        boolean integer = type == TensorProto.DataType.INT64_VALUE || type == TensorProto.DataType.INT32_VALUE
                || type == TensorProto.DataType.INT8_VALUE || type == TensorProto.DataType.UINT8_VALUE
                || type == TensorProto.DataType.BOOL_VALUE;
        return integer || TensorData.byteCount(t) < ModelScanner.IN_PLACE_MIN_BYTES;
    }

    private static ValueInfoProto inputFor(TensorProto t) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long dim : t.getDimsList()) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        TypeProto type = TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(t.getDataType()).setShape(shape))
                .build();
        return ValueInfoProto.newBuilder().setName(t.getName()).setType(type).build();
    }

    private static Set<String> names(List<TensorProto> tensors) {
        Set<String> names = new HashSet<>();
        for (TensorProto t : tensors) {
            names.add(t.getName());
        }
        return names;
    }

    private static void update(MessageDigest d, String s) {
        d.update(s.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
    }
}
