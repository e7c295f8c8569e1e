package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelException;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * The bytes of one initializer (little-endian, as {@code raw_data} holds them), produced when the writer reaches
     * it, so a model larger than memory streams from wherever its tensors are (θ, the source file) to the target.
     */
    @FunctionalInterface
    public interface Payload {
        /** Writes exactly the tensor's byte count to {@code out}. */
        void writeTo(WritableByteChannel out) throws IOException;
    }

    /** Writes {@code model} to {@code target}, its large initializers into {@link #dataFile} when {@code external}. */
    public static void write(ModelProto model, Path target, boolean external) {
        if (!external) {
            write(model, Map.of(), target, false);
            return;
        }
        GraphProto.Builder g = model.getGraph().toBuilder();
        Map<String, Payload> payloads = new LinkedHashMap<>();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            if (t.getRawData().size() >= EXTERNAL_MIN_BYTES) {
                ByteString raw = t.getRawData();
                payloads.put(t.getName(), out -> writeFully(raw.asReadOnlyByteBuffer(), out));
                g.setInitializer(i, t.toBuilder().clearRawData());
            }
        }
        write(model.toBuilder().setGraph(g).build(), payloads, target, true);
    }

    /**
     * Writes {@code model}, the data of each initializer named in {@code payloads} produced by its payload (in
     * {@code model} those initializers hold no data: name, type and dims only), to {@code target}: as one file, the
     * protobuf streamed field by field, or with every initializer of at least {@value #EXTERNAL_MIN_BYTES} bytes in
     * {@link #dataFile}. Neither way holds more than one small initializer's bytes in memory.
     */
    public static void write(ModelProto model, Map<String, Payload> payloads, Path target, boolean external) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            ModelProto file = model;
            if (external) {
                Path data = dataFile(target);
                Path tmp = temporary(dir, data);
                try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    file = externalize(model, payloads, data.getFileName().toString(), out);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(tmp);
                    throw e;
                }
                Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Path tmp = temporary(dir, target);
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                InlineModel.write(file, external ? Map.of() : payloads, out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ModelException(target + ": cannot write (" + ModelException.oneLine(e) + ")", e);
        }
    }

    /**
     * {@code model} with every large initializer's bytes (its raw data or its payload) appended to {@code out}, 16-byte
     * aligned, and referenced as external data; small payloads are inlined.
     */
    private static ModelProto externalize(ModelProto model, Map<String, Payload> payloads, String location,
                                          FileChannel out) throws IOException {
        GraphProto.Builder g = model.getGraph().toBuilder();
        ByteBuffer pad = ByteBuffer.allocate(ALIGNMENT);
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            Payload payload = payloads.get(t.getName());
            long size = payload == null ? t.getRawData().size() : TensorData.byteCount(t);
            if (size < EXTERNAL_MIN_BYTES) {
                if (payload != null) {
                    g.setInitializer(i, t.toBuilder().setRawData(InlineModel.bytesOf(t, payload)));
                }
                continue;
            }
            long offset = out.position();
            int padding = (int) ((ALIGNMENT - offset % ALIGNMENT) % ALIGNMENT);
            writeFully(pad.clear().limit(padding), out);
            offset += padding;
            if (payload == null) {
                writeFully(t.getRawData().asReadOnlyByteBuffer(), out);
            } else {
                payload.writeTo(out);
            }
            if (out.position() - offset != size) {
                throw new IllegalStateException("tensor " + t.getName() + ": wrote " + (out.position() - offset)
                        + " bytes, its shape needs " + size);
            }
            g.setInitializer(i, t.toBuilder().clearRawData().setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", location)).addExternalData(entry("offset", Long.toString(offset)))
                    .addExternalData(entry("length", Long.toString(size))).build());
        }
        return model.toBuilder().setGraph(g).build();
    }

    static void writeFully(ByteBuffer bytes, WritableByteChannel out) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static Path temporary(Path dir, Path target) {
        return dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
    }
}
