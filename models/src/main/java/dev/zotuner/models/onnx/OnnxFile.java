package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.source.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A parsed ONNX model file and the SHA-256 of its bytes.
 *
 * <p>The proto aliases the file's bytes (no second copy of the weights); external data stays on disk
 * until {@link TensorData} reads it.
 *
 * @param path   the {@code .onnx} file
 * @param proto  the parsed model
 * @param sha256 lower-case hex SHA-256 of the file
 */
public record OnnxFile(Path path, ModelProto proto, String sha256) {

    /** Directory against which external-data locations resolve. */
    public Path directory() {
        return path.toAbsolutePath().normalize().getParent();
    }

    /** Reads and checks a model file; a missing, oversized or corrupt file is a one-line {@link ModelException}. */
    public static OnnxFile read(Path path) {
        byte[] bytes;
        try {
            if (Files.size(path) > Integer.MAX_VALUE - 16) {
                throw new ModelException(path + ": larger than 2 GiB; save the weights as ONNX external data");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ModelException("model file not found: " + path, e);
        } catch (IOException e) {
            throw new ModelException(path + ": cannot read (" + ModelException.oneLine(e) + ")", e);
        }
        ModelProto proto;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.enableAliasing(true);
            in.setSizeLimit(Integer.MAX_VALUE);
            proto = ModelProto.parseFrom(in);
        } catch (IOException | RuntimeException e) {
            throw new ModelException(path + ": not a valid ONNX model (" + ModelException.oneLine(e) + ")", e);
        }
        if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0 || proto.getGraph().getOutputCount() == 0) {
            throw new ModelException(path + ": not a valid ONNX model (no graph with nodes and outputs)");
        }
        return new OnnxFile(path, proto, Checksums.sha256(bytes));
    }
}
