package dev.zotuner.tuner.optim;

import dev.zotuner.tuner.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer needs to resume exactly: its method, the number of steps taken (which is also the
 * position of every random stream, see {@link Seeds}) and its state buffers (none for ZO-SGD, the
 * momentum for ZO-SGD-MMT, m and v for ZO-Adam). θ itself is not part of it.
 *
 * <p>File format: magic {@code ZOSTATE1}, method id (UTF), steps (long), buffer count (int), then per
 * buffer its name (UTF), length (int) and big-endian floats. Written to a sibling temporary file,
 * forced to disk, then atomically renamed over the target.
 *
 * @param method  {@link ZoMethod#id()}
 * @param steps   steps taken
 * @param buffers state buffers by name, flat store order (arrays are shared, not copied)
 */
public record OptimizerState(String method, long steps, Map<String, float[]> buffers) {

    private static final byte[] MAGIC = "ZOSTATE1".getBytes(StandardCharsets.US_ASCII);

    public OptimizerState {
        buffers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buffers));
    }

    /**
     * Writes this state to {@code file} atomically ({@link AtomicFiles}: a forced temporary file renamed over it).
     *
     * @throws IOException when the file cannot be written; {@code file} is then unchanged
     */
    public void save(Path file) throws IOException {
        try {
            AtomicFiles.write(file, stream -> {
                DataOutputStream out = new DataOutputStream(stream);
                out.write(MAGIC);
                out.writeUTF(method);
                out.writeLong(steps);
                out.writeInt(buffers.size());
                byte[] bytes = new byte[1 << 16];
                for (Map.Entry<String, float[]> b : buffers.entrySet()) {
                    out.writeUTF(b.getKey());
                    float[] v = b.getValue();
                    out.writeInt(v.length);
                    for (int i = 0; i < v.length; i += bytes.length / 4) {
                        int n = Math.min(bytes.length / 4, v.length - i);
                        ByteBuffer.wrap(bytes).asFloatBuffer().put(v, i, n);
                        out.write(bytes, 0, 4 * n);
                    }
                }
                out.flush();
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Reads a state written by {@link #save}. */
    public static OptimizerState load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("optimizer state " + file + ": not a zo optimizer state file (bad magic)");
            }
            String method = in.readUTF();
            long steps = in.readLong();
            int count = in.readInt();
            Map<String, float[]> buffers = new LinkedHashMap<>();
            byte[] bytes = new byte[1 << 16];
            for (int b = 0; b < count; b++) {
                String name = in.readUTF();
                int len = in.readInt();
                if (len < 0) {
                    throw new IOException("optimizer state " + file + ": buffer " + name + " has negative length " + len);
                }
                float[] v = new float[len];
                for (int i = 0; i < len; i += bytes.length / 4) {
                    int n = Math.min(bytes.length / 4, len - i);
                    in.readFully(bytes, 0, 4 * n);
                    ByteBuffer.wrap(bytes, 0, 4 * n).asFloatBuffer().get(v, i, n);
                }
                buffers.put(name, v);
            }
            if (in.read() != -1) {
                throw new IOException("optimizer state " + file + ": unexpected bytes after the last buffer");
            }
            return new OptimizerState(method, steps, buffers);
        } catch (EOFException e) {
            throw new IOException("optimizer state " + file + ": truncated", e);
        }
    }
}
