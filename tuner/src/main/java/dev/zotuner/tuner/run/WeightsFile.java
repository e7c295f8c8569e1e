package dev.zotuner.tuner.run;

import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Streams θ between a store's native buffers (its tensors in store order, i.e. global element order) and a file
 * of little-endian float32, through one 1 MiB direct staging buffer (no heap copy of θ), hashing the file bytes with
 * SHA-256 on the way. The file is exactly {@code 4·n} bytes, readable as {@code numpy.fromfile(f, "<f4")}.
 */
final class WeightsFile {

    /** Bytes per element. */
    static final int BYTES = Float.BYTES;

    private static final int CHUNK_BYTES = 1 << 20;

    private WeightsFile() {
    }

    /** Writes every float of {@code store} in global order to {@code channel}; returns the SHA-256 of the bytes. */
    static String write(ParameterStore store, FileChannel channel) throws IOException {
        MessageDigest sha = sha256();
        ByteBuffer chunk = staging();
        for (Parameter p : store.parameters()) {
            FloatBuffer source = p.values().duplicate().clear();
            while (source.hasRemaining()) {
                int n = Math.min(source.remaining(), CHUNK_BYTES / BYTES);
                chunk.clear();
                chunk.asFloatBuffer().put(source.slice(source.position(), n));
                source.position(source.position() + n);
                chunk.limit(n * BYTES);
                sha.update(chunk.duplicate());
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
        }
        return hex(sha);
    }

    /** The SHA-256 of a file's bytes. */
    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer chunk = staging();
            while (channel.read(chunk.clear()) >= 0) {
                sha.update(chunk.flip());
            }
        }
        return hex(sha);
    }

    /**
     * Reads {@code file} into {@code store}, which must hold exactly the file's floats; returns the
     * SHA-256 of what was read.
     */
    static String read(Path file, ParameterStore store) throws IOException {
        MessageDigest sha = sha256();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() != store.size() * BYTES) {
                throw new IOException(file + ": " + channel.size() + " bytes, expected " + store.size() * BYTES);
            }
            ByteBuffer chunk = staging();
            for (Parameter p : store.parameters()) {
                FloatBuffer target = p.values().duplicate().clear();
                while (target.hasRemaining()) {
                    chunk.clear().limit(Math.min(CHUNK_BYTES, target.remaining() * BYTES));
                    while (chunk.hasRemaining()) {
                        if (channel.read(chunk) < 0) {
                            throw new IOException(file + ": ends early");
                        }
                    }
                    chunk.flip();
                    sha.update(chunk.duplicate());
                    target.put(chunk.asFloatBuffer());
                }
            }
        }
        return hex(sha);
    }

    private static ByteBuffer staging() {
        return ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static String hex(MessageDigest sha) {
        return HexFormat.of().formatHex(sha.digest());
    }
}
