package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a fine-tuned model as an ordinary ONNX file: the original graph with every trainable initializer's
 * data replaced by θ (little-endian raw data) and any external data inlined, so plain ONNX Runtime (or any
 * ONNX tool) runs it without zo-tuner. The inverse of {@link WeightsAsInputs}.
 */
public final class OnnxExport {

    private OnnxExport() {
    }

    /**
     * Writes {@code original} with θ from {@code store} to {@code target} (atomically: temp file + move).
     * Every trainable tensor must be an initializer of the original graph with the same element count.
     */
    public static void write(OnnxFile original, ParameterStore store, Path target) {
        GraphProto.Builder graph = original.proto().getGraph().toBuilder();
        int replaced = 0;
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto t = graph.getInitializer(i);
            if (store.contains(t.getName())) {
                Parameter p = store.get(t.getName());
                if (TensorData.elementCount(t) != p.size()) {
                    throw new ModelException("tensor " + t.getName() + ": " + p.size() + " trained values for "
                            + TensorData.elementCount(t) + " elements in " + original.path());
                }
                graph.setInitializer(i, t.toBuilder().clearFloatData().clearExternalData()
                        .setDataLocation(TensorProto.DataLocation.DEFAULT).setRawData(littleEndian(p)).build());
                replaced++;
            } else {
                graph.setInitializer(i, TensorData.inlined(t, original.directory()));
            }
        }
        if (replaced != store.parameters().size()) {
            throw new ModelException(original.path() + ": has " + replaced + " of the " + store.parameters().size()
                    + " trained tensors; export needs the model the run was trained from");
        }
        ModelProto model = original.proto().toBuilder().setGraph(graph).build();
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                model.writeTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ModelException(target + ": cannot write (" + ModelException.oneLine(e) + ")", e);
        }
    }

    private static ByteString littleEndian(Parameter p) {
        ByteBuffer bytes = ByteBuffer.allocate(p.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(p.values().duplicate().clear());
        return ByteString.copyFrom(bytes);
    }
}
