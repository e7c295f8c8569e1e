package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where an initializer's bytes live when {@code data_location = EXTERNAL}: a file relative to the model's
 * directory, a byte offset and a length (ONNX external-data convention).
 *
 * <p>Locations are confined to the model's directory: absolute paths and {@code ..} escapes (also through
 * symbolic links) are refused, so a model cannot make us read arbitrary files.
 *
 * @param tensor   initializer name (for messages)
 * @param file     resolved, confined data file
 * @param offset   byte offset in {@code file}
 * @param length   byte count, or -1 for "to the end of the file"
 */
public record ExternalData(String tensor, Path file, long offset, long length) {

    /** Parses and confines the external-data entries of {@code t}. */
    public static ExternalData of(TensorProto t, Path modelDir) {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = parseLong(t, e);
                case "length" -> length = parseLong(t, e);
                default -> { } // "checksum" and future keys do not change where the bytes are
            }
        }
        if (location == null || location.isEmpty()) {
            throw new ModelException("tensor " + t.getName() + ": external data without a location");
        }
        return new ExternalData(t.getName(), confine(t.getName(), location, modelDir), offset, length);
    }

    /** Reads exactly {@code expectedBytes} bytes, little-endian order. */
    public ByteBuffer read(long expectedBytes) {
        if (length >= 0 && length != expectedBytes) {
            throw new ModelException("tensor " + tensor + ": external data length " + length + " but shape needs "
                    + expectedBytes + " bytes");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (offset + expectedBytes > ch.size()) {
                throw new ModelException("tensor " + tensor + ": external data " + file + " too short (needs "
                        + (offset + expectedBytes) + " bytes, has " + ch.size() + ")");
            }
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(expectedBytes)).order(ByteOrder.LITTLE_ENDIAN);
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) {
                    throw new ModelException("tensor " + tensor + ": unexpected end of " + file);
                }
            }
            return buf.flip();
        } catch (IOException e) {
            throw new ModelException("tensor " + tensor + ": cannot read external data " + file + " ("
                    + ModelException.oneLine(e) + ")", e);
        }
    }

    /**
     * Reads {@code dst.remaining()} bytes starting {@code from} bytes into this tensor's data (positional reads; no
     * copy beyond {@code dst}). The caller has checked the tensor's length with {@link #requireLength}.
     */
    public void read(long from, ByteBuffer dst) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = offset + from;
            while (dst.hasRemaining()) {
                int n = ch.read(dst, at);
                if (n < 0) {
                    throw new ModelException("tensor " + tensor + ": unexpected end of " + file);
                }
                at += n;
            }
        } catch (IOException e) {
            throw new ModelException("tensor " + tensor + ": cannot read external data " + file + " ("
                    + ModelException.oneLine(e) + ")", e);
        }
    }

    /**
     * Reads {@code bytes} bytes starting {@code from} bytes into this tensor's data over one open channel, handing
     * each filled {@code staging} buffer (flipped) to {@code sink}, which must consume it.
     */
    public void read(long from, long bytes, ByteBuffer staging, java.util.function.Consumer<ByteBuffer> sink) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = offset + from;
            long end = at + bytes;
            while (at < end) {
                staging.clear().limit((int) Math.min(staging.capacity(), end - at));
                while (staging.hasRemaining()) {
                    int n = ch.read(staging, at + staging.position());
                    if (n < 0) {
                        throw new ModelException("tensor " + tensor + ": unexpected end of " + file);
                    }
                }
                at += staging.limit();
                sink.accept(staging.flip());
            }
        } catch (IOException e) {
            throw new ModelException("tensor " + tensor + ": cannot read external data " + file + " ("
                    + ModelException.oneLine(e) + ")", e);
        }
    }

    /** Checks that the data is {@code expectedBytes} long (when a length is given) and that the file holds it. */
    public void requireLength(long expectedBytes) {
        if (length >= 0 && length != expectedBytes) {
            throw new ModelException("tensor " + tensor + ": external data length " + length + " but shape needs "
                    + expectedBytes + " bytes");
        }
        try {
            long size = Files.size(file);
            if (offset + expectedBytes > size) {
                throw new ModelException("tensor " + tensor + ": external data " + file + " too short (needs "
                        + (offset + expectedBytes) + " bytes, has " + size + ")");
            }
        } catch (IOException e) {
            throw new ModelException("tensor " + tensor + ": cannot read external data " + file + " ("
                    + ModelException.oneLine(e) + ")", e);
        }
    }

    /** Copies the tensor's {@code bytes} bytes to {@code out} (kernel-side where the platform can). */
    public void copyTo(long bytes, java.nio.channels.WritableByteChannel out) {
        requireLength(bytes);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long done = 0;
            while (done < bytes) {
                long n = ch.transferTo(offset + done, bytes - done, out);
                if (n <= 0) {
                    throw new ModelException("tensor " + tensor + ": unexpected end of " + file);
                }
                done += n;
            }
        } catch (IOException e) {
            throw new ModelException("tensor " + tensor + ": cannot copy external data " + file + " ("
                    + ModelException.oneLine(e) + ")", e);
        }
    }

    private static Path confine(String tensor, String location, Path modelDir) {
        Path dir = modelDir.toAbsolutePath().normalize();
        Path rel = Path.of(location);
        Path file = dir.resolve(rel).normalize();
        if (rel.isAbsolute() || !file.startsWith(dir)) {
            throw new ModelException("tensor " + tensor + ": external data location '" + location
                    + "' escapes the model directory " + dir + " (refused)");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelException("tensor " + tensor + ": external data file not found: " + file);
        }
        try {
            if (!file.toRealPath().startsWith(dir.toRealPath())) {
                throw new ModelException("tensor " + tensor + ": external data location '" + location
                        + "' links outside the model directory " + dir + " (refused)");
            }
        } catch (IOException e) {
            throw new ModelException("tensor " + tensor + ": cannot resolve external data " + file, e);
        }
        return file;
    }

    private static long parseLong(TensorProto t, StringStringEntryProto e) {
        try {
            return Long.parseLong(e.getValue());
        } catch (NumberFormatException ex) {
            throw new ModelException("tensor " + t.getName() + ": external data " + e.getKey() + " '" + e.getValue()
                    + "' is not a number", ex);
        }
    }
}
