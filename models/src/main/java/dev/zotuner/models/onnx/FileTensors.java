package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Random access to the FLOAT initializers of a model file for readers that ask for many small pieces (the samples and
 * bands of {@link TiedWeights#find}): each tensor's location is resolved once and each data file opened once, until
 * {@link #close}. Owns the open channels; the {@link TiedWeights.Values} it hands out are valid until then.
 */
final class FileTensors implements AutoCloseable {

    private final Path directory;
    private final Map<Path, FileChannel> channels = new HashMap<>();
    private ByteBuffer staging = ByteBuffer.allocate(0);

    /** @param directory the directory external-data locations resolve against */
    FileTensors(Path directory) {
        this.directory = directory;
    }

    /** The values of {@code t} (inline, in place or in external data). */
    TiedWeights.Values values(TensorProto t) {
        if (!TensorData.isExternal(t)) {
            return TiedWeights.Values.of(t, directory);
        }
        ExternalData data = ExternalData.of(t, directory);
        data.requireLength(TensorData.byteCount(t));
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        return new TiedWeights.Values() {
            public String name() {
                return t.getName();
            }

            public long[] shape() {
                return dims.clone();
            }

            public void read(long from, FloatBuffer into) {
                FileTensors.this.read(data, from, into);
            }
        };
    }

    private void read(ExternalData data, long from, FloatBuffer into) {
        try {
            FileChannel channel = channels.get(data.file());
            if (channel == null) {
                channel = FileChannel.open(data.file(), StandardOpenOption.READ);
                channels.put(data.file(), channel);
            }
            int bytes = into.remaining() * Float.BYTES;
            if (staging.capacity() < bytes) {
                staging = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
            }
            ByteBuffer window = staging.clear().limit(bytes);
            long at = data.offset() + from * Float.BYTES;
            while (window.hasRemaining()) {
                if (channel.read(window, at + window.position()) < 0) {
                    throw new ModelException("tensor " + data.tensor() + ": unexpected end of " + data.file());
                }
            }
            into.put(window.flip().asFloatBuffer());
        } catch (IOException e) {
            throw new ModelException("tensor " + data.tensor() + ": cannot read external data " + data.file() + " ("
                    + ModelException.oneLine(e) + ")", e);
        }
    }

    @Override
    public void close() {
        for (FileChannel c : channels.values()) {
            try {
                c.close();
            } catch (IOException e) {
                // read-only: nothing is lost
            }
        }
        channels.clear();
    }
}
