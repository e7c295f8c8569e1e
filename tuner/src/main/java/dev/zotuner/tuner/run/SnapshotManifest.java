package dev.zotuner.tuner.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.rundir.JsonFields;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The JSON sidecar {@code step-<N>.json} of a weight snapshot: which step, how many floats, the
 * SHA-256 of the weights file, the tensor layout it was taken from (to refuse restoring into another
 * model) and the optimizer state file, if any. Written last, so its presence marks a complete
 * snapshot.
 *
 * @param step    updates applied to θ when the snapshot was taken
 * @param format  {@value #FORMAT}: little-endian IEEE float32, tensors back to back in store order
 * @param floats  number of floats in the weights file
 * @param sha256  lower-case hex SHA-256 of the weights file
 * @param weights the weights file's name, {@code step-<N>.bin}
 * @param tensors the store's tensors in order
 * @param state   the optimizer state file, or null when the optimizer has none (ZO-SGD)
 */
public record SnapshotManifest(long step, String format, long floats, String sha256, String weights,
                               List<Tensor> tensors, StateFile state) {

    /** The only weights format. */
    public static final String FORMAT = "float32-le";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * One tensor of the layout.
     *
     * @param name  the tensor's name in the model
     * @param shape its dimensions
     * @param size  its number of floats
     */
    public record Tensor(String name, List<Long> shape, long size) {
        public Tensor {
            shape = List.copyOf(shape);
        }

        static Tensor of(Parameter p) {
            return new Tensor(p.name(), Arrays.stream(p.shape()).boxed().toList(), p.size());
        }
    }

    /**
     * The optimizer state saved with the snapshot (opaque bytes written by the optimizer).
     *
     * @param file   its name, {@code step-<N>.state}
     * @param bytes  its length
     * @param sha256 lower-case hex SHA-256 of its bytes
     */
    public record StateFile(String file, long bytes, String sha256) {
        public StateFile {
            requireSha(sha256, "state sha256");
        }
    }

    public SnapshotManifest {
        if (step < 0 || floats < 0) {
            throw new IllegalArgumentException("negative step " + step + " or floats " + floats);
        }
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("unsupported format '" + format + "' (expected "
                    + FORMAT + ")");
        }
        requireSha(sha256, "sha256");
        tensors = List.copyOf(tensors);
        long total = tensors.stream().mapToLong(Tensor::size).sum();
        if (total != floats) {
            throw new IllegalArgumentException("tensor sizes sum to " + total + ", not " + floats);
        }
    }

    /** The manifest for {@code store} at {@code step}. */
    static SnapshotManifest of(long step, ParameterStore store, String sha256, String weights,
                               StateFile state) {
        return new SnapshotManifest(step, FORMAT, store.size(), sha256, weights,
                store.parameters().stream().map(Tensor::of).toList(), state);
    }

    /** Reads a manifest; anything unreadable → {@link RunDirectoryException} naming the file. */
    static SnapshotManifest read(Path file) {
        ObjectMapper mapper = JsonFields.mapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try {
            return mapper.readValue(file.toFile(), SnapshotManifest.class);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException bad ? bad : e;
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            throw new RunDirectoryException(file.toString(), 0, "unreadable snapshot manifest: "
                    + message.lines().findFirst().orElse(""));
        }
    }

    /**
     * Checks that {@code store} has the tensors this snapshot was taken from, by name, shape and
     * order; otherwise → {@link RunDirectoryException} naming {@code file} and the first difference.
     */
    void checkLayout(ParameterStore store, Path file) {
        List<Parameter> params = store.parameters();
        for (int i = 0; i < Math.min(tensors.size(), params.size()); i++) {
            Tensor mine = tensors.get(i);
            Tensor model = Tensor.of(params.get(i));
            if (!mine.equals(model)) {
                throw new RunDirectoryException(file.toString(), 0, "snapshot is of another model: "
                        + "tensor " + i + " is " + describe(mine) + " in the snapshot but "
                        + describe(model) + " in the model");
            }
        }
        if (tensors.size() != params.size()) {
            throw new RunDirectoryException(file.toString(), 0, "snapshot is of another model: "
                    + tensors.size() + " tensors (" + floats + " floats) in the snapshot, "
                    + params.size() + " (" + store.size() + " floats) in the model");
        }
    }

    /**
     * What is wrong with this snapshot's files in {@code dir}: a file missing, of the wrong length
     * (truncated), or failing its SHA-256; empty when intact.
     */
    Optional<String> verify(Path dir) {
        Optional<String> problem = check(dir.resolve(weights), floats * WeightsFile.BYTES, sha256);
        if (problem.isEmpty() && state != null) {
            problem = check(dir.resolve(state.file()), state.bytes(), state.sha256());
        }
        return problem;
    }

    private static Optional<String> check(Path file, long bytes, String sha256) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.of(file + ": missing");
            }
            long size = Files.size(file);
            if (size != bytes) {
                return Optional.of(file + ": " + size + " bytes, expected " + bytes + " (truncated?)");
            }
            if (!WeightsFile.sha256(file).equals(sha256)) {
                return Optional.of(file + ": SHA-256 mismatch (corrupted)");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(file + ": cannot read: " + e.getMessage());
        }
    }

    private static String describe(Tensor t) {
        return "'" + t.name() + "' " + t.shape();
    }

    private static void requireSha(String hex, String what) {
        if (hex == null || !SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException(what + " must be 64 lower-case hex digits, got '"
                    + hex + "'");
        }
    }
}
