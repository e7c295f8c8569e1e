package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
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
 * <p>Its weights stay on disk: {@link #read} references every large inline initializer in place
 * ({@link ModelScanner}), so the proto holds the graph and small constants only, and weights already in external
 * data stay there; {@link TensorData} reads them when asked. Holding an {@code OnnxFile} costs memory in proportion to
 * the graph, not to the model.
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

    /**
     * Reads and checks a model file, its weights left in place; a missing, oversized or corrupt file is a one-line
     * {@link ModelException}.
     */
    public static OnnxFile read(Path path) {
        return read(path, true);
    }

    /**
     * Reads a graph zo-tuner wrote (a rewritten or segment graph: weights external or small) whole, with nothing
     * referenced in place, so its external data keeps resolving against the directory it was written for.
     */
    public static OnnxFile readWhole(Path path) {
        return read(path, false);
    }

    private static OnnxFile read(Path path, boolean weightsInPlace) {
        String sha;
        ModelProto proto;
        try {
            if (Files.size(path) > Integer.MAX_VALUE - 16) {
                throw new ModelException(path + ": larger than 2 GiB; save the weights as ONNX external data");
            }
            sha = Checksums.sha256(path);
        } catch (NoSuchFileException e) {
            throw new ModelException("model file not found: " + path, e);
        } catch (IOException e) {
            throw new ModelException(path + ": cannot read (" + ModelException.oneLine(e) + ")", e);
        }
        try {
            if (weightsInPlace) {
                proto = ModelScanner.scan(path);
            } else {
                CodedInputStream in = CodedInputStream.newInstance(Files.readAllBytes(path));
                in.setSizeLimit(Integer.MAX_VALUE);
                proto = ModelProto.parseFrom(in);
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelException(path + ": not a valid ONNX model (" + ModelException.oneLine(e) + ")", e);
        }
        if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0 || proto.getGraph().getOutputCount() == 0) {
            throw new ModelException(path + ": not a valid ONNX model (no graph with nodes and outputs)");
        }
        return new OnnxFile(path, proto, sha);
    }

    /** Whether {@code t}'s bytes are referenced in place inside this file (not in a separate data file). */
    public boolean holdsInPlace(TensorProto t) {
        return TensorData.isExternal(t) && ExternalData.of(t, directory()).file().equals(path.toAbsolutePath().normalize());
    }
}
