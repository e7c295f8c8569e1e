package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an ONNX model file without loading its weights: every top-level initializer whose {@code raw_data} holds at
 * least {@value #IN_PLACE_MIN_BYTES} bytes is left where it is and referenced as external data of the file itself
 * ({@code location} = the file's name, {@code offset} = where the bytes start, {@code length}), exactly as if the
 * exporter had written it that way. The parsed model is then a few megabytes (nodes, shapes, small constants) however
 * large the file, and every reader of weights ({@link TensorData}, ONNX Runtime itself) reads them from the file.
 *
 * <p>The file is read through one 1 MiB window (protobuf wire format: tag varint, then a varint, fixed or
 * length-delimited value); only {@code ModelProto.graph} (7), {@code GraphProto.initializer} (5) and
 * {@code TensorProto.raw_data} (9) are looked into, every other field is kept byte for byte.
 */
final class ModelScanner {

    /** Inline data smaller than this is kept inline (the ONNX checker's external-data threshold). */
    static final int IN_PLACE_MIN_BYTES = 1024;

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int WINDOW = 1 << 20;

    private final FileChannel channel;
    private final String location;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
    private long windowStart;

    private ModelScanner(FileChannel channel, String location) {
        this.channel = channel;
        this.location = location;
        window.limit(0);
    }

    /** The model in {@code file} with its large inline initializers referenced in place. */
    static ModelProto scan(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ModelScanner s = new ModelScanner(channel, file.getFileName().toString());
            return s.model(channel.size());
        }
    }

    private ModelProto model(long end) throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        GraphProto graph = null;
        while (position() < end) {
            long tag = varint();
            if (number(tag) == MODEL_GRAPH && type(tag) == 2) {
                long length = varint();
                GraphProto g = graph(position() + length);
                graph = graph == null ? g : graph.toBuilder().mergeFrom(g).build();
            } else {
                copyField(tag, rest);
            }
        }
        ModelProto.Builder model = parse(rest).toBuilder();
        if (graph != null) {
            model.setGraph(graph);
        }
        return model.build();
    }

    private GraphProto graph(long end) throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        List<TensorProto> initializers = new ArrayList<>();
        while (position() < end) {
            long tag = varint();
            if (number(tag) == GRAPH_INITIALIZER && type(tag) == 2) {
                long length = varint();
                initializers.add(tensor(position() + length));
            } else {
                copyField(tag, rest);
            }
        }
        requireAt(end);
        return GraphProto.parseFrom(codedInput(rest)).toBuilder().addAllInitializer(initializers).build();
    }

    private TensorProto tensor(long end) throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        long rawAt = -1;
        long rawLength = 0;
        while (position() < end) {
            long tag = varint();
            if (number(tag) == TENSOR_RAW_DATA && type(tag) == 2) {
                rawLength = varint();
                rawAt = position();
                skip(rawLength);
            } else {
                copyField(tag, rest);
            }
        }
        requireAt(end);
        TensorProto.Builder t = TensorProto.parseFrom(codedInput(rest)).toBuilder();
        if (rawAt < 0) {
            return t.build();
        }
        if (rawLength >= IN_PLACE_MIN_BYTES && t.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
            return t.setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", location))
                    .addExternalData(entry("offset", Long.toString(rawAt)))
                    .addExternalData(entry("length", Long.toString(rawLength))).build();
        }
        long resume = position();
        seek(rawAt);
        byte[] raw = bytes(Math.toIntExact(rawLength));
        seek(resume);
        return t.setRawData(ByteString.copyFrom(raw)).build();
    }

    private static ModelProto parse(ByteArrayOutputStream bytes) throws IOException {
        return ModelProto.parseFrom(codedInput(bytes));
    }

    private static CodedInputStream codedInput(ByteArrayOutputStream bytes) {
        CodedInputStream in = CodedInputStream.newInstance(bytes.toByteArray());
        in.setSizeLimit(Integer.MAX_VALUE);
        return in;
    }

    /** Copies one field (its tag already read) as it is. */
    private void copyField(long tag, ByteArrayOutputStream out) throws IOException {
        writeVarint(out, tag);
        switch (type(tag)) {
            case 0 -> writeVarint(out, varint());
            case 1 -> out.write(bytes(8));
            case 2 -> {
                long length = varint();
                writeVarint(out, length);
                out.write(bytes(Math.toIntExact(length)));
            }
            case 5 -> out.write(bytes(4));
            default -> throw new IOException("unsupported protobuf wire type " + type(tag) + " at byte " + position());
        }
    }

    private static int number(long tag) {
        return (int) (tag >>> 3);
    }

    private static int type(long tag) {
        return (int) (tag & 7);
    }

    private long position() {
        return windowStart + window.position();
    }

    private void requireAt(long end) throws IOException {
        if (position() != end) {
            throw new IOException("a message ends at byte " + position() + ", its length says " + end);
        }
    }

    private void seek(long at) {
        if (at >= windowStart && at <= windowStart + window.limit()) {
            window.position((int) (at - windowStart));
        } else {
            windowStart = at;
            window.clear().limit(0);
        }
    }

    private void skip(long n) {
        seek(position() + n);
    }

    /** Makes at least one byte available; false at the end of the file. */
    private boolean fill() throws IOException {
        if (window.hasRemaining()) {
            return true;
        }
        windowStart = position();
        window.clear();
        int read = channel.read(window, windowStart);
        window.flip();
        return read > 0;
    }

    private int next() throws IOException {
        if (!fill()) {
            throw new IOException("truncated at byte " + position());
        }
        return window.get() & 0xff;
    }

    private long varint() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = next();
            value |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return value;
            }
        }
        throw new IOException("malformed varint at byte " + position());
    }

    private byte[] bytes(int n) throws IOException {
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            if (!fill()) {
                throw new IOException("truncated at byte " + position());
            }
            int k = Math.min(n - done, window.remaining());
            window.get(out, done, k);
            done += k;
        }
        return out;
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
