package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes an ONNX model whose initializers hold their bytes in {@code raw_data}: as one self-contained file, or with
 * external data (ONNX convention) in {@code <name>.data} beside it ({@code model.onnx} + {@code model.onnx.data}):
 * every initializer of at least {@value #EXTERNAL_MIN_BYTES} bytes is appended there, 16-byte aligned, and refers to
 * it by relative {@code location}, {@code offset} and {@code length}, so the pair can be moved together.
 *
 * <p>Files are written to a temporary name in the target's directory and moved into place (the data file first), and
 * are created with the default permissions ({@code 0666} less the umask), as any other file the user writes.
 */
public final class ModelWriter {

    /** Initializers smaller than this stay inline (the ONNX checker's default threshold). */
    public static final int EXTERNAL_MIN_BYTES = 1024;
    /** Weights above this many bytes are always written as external data: a protobuf file cannot exceed 2 GiB. */
    public static final long INLINE_LIMIT_BYTES = 3L << 29; // 1.5 GiB

    private static final int ALIGNMENT = 16;

    private ModelWriter() {
    }

    /** The external-data file of {@code target}: {@code <target's name>.data} beside it. */
    public static Path dataFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".data");
    }

    /** Whether a model of {@code rawBytes} bytes of initializers must be written with external data. */
    public static boolean needsExternal(long rawBytes) {
        return rawBytes > INLINE_LIMIT_BYTES;
    }

    /** Writes {@code model} to {@code target}, its large initializers into {@link #dataFile} when {@code external}. */
    public static void write(ModelProto model, Path target, boolean external) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            ModelProto file = model;
            if (external) {
                Path data = dataFile(target);
                Path tmp = temporary(dir, data);
                try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
                    file = externalize(model, data.getFileName().toString(), out);
                }
                Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Path tmp = temporary(dir, target);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
                file.writeTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ModelException(target + ": cannot write (" + ModelException.oneLine(e) + ")", e);
        }
    }

    /** {@code model} with every large initializer's bytes written to {@code out} and referenced as external data. */
    private static ModelProto externalize(ModelProto model, String location, OutputStream out) throws IOException {
        GraphProto.Builder g = model.getGraph().toBuilder();
        long offset = 0;
        byte[] pad = new byte[ALIGNMENT];
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            int size = t.getRawData().size();
            if (size < EXTERNAL_MIN_BYTES) {
                continue;
            }
            int padding = (int) ((ALIGNMENT - offset % ALIGNMENT) % ALIGNMENT);
            out.write(pad, 0, padding);
            offset += padding;
            t.getRawData().writeTo(out);
            g.setInitializer(i, t.toBuilder().clearRawData().setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", location)).addExternalData(entry("offset", Long.toString(offset)))
                    .addExternalData(entry("length", Integer.toString(size))).build());
            offset += size;
        }
        return model.toBuilder().setGraph(g).build();
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static Path temporary(Path dir, Path target) {
        return dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
    }
}
