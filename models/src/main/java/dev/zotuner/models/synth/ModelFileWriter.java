package dev.zotuner.models.synth;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.zotuner.models.ModelException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a generated model without ever holding its weights: the protobuf is streamed field by field (the graph's
 * nodes first, then each initializer's header and, inline, its {@code raw_data} chunk by chunk), external data is
 * streamed tensor by tensor into the layout's files. Sizes are computed up front, so the length prefixes are known
 * before the bytes. In a single data file, tensors of 1 MiB or more start at a multiple of 64 KiB, as
 * {@code onnx.save} aligns them for memory mapping.
 */
final class ModelFileWriter {

    static final int IR_VERSION = 8;
    static final int OPSET = 17;
    private static final int CHUNK_FLOATS = 1 << 20;
    private static final long ALIGN_THRESHOLD = 1 << 20;
    private static final long ALIGNMENT = 1 << 16;

    private final SyntheticValues values;
    private final GeneratorProgress progress;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long written;
    private long total;

    ModelFileWriter(SyntheticValues values, GeneratorProgress progress) {
        this.values = values;
        this.progress = progress;
    }

    /** Where one weight's bytes go: inline, or a data file at an offset. */
    private record Placement(WeightSpec weight, TensorProto header, String file, long offset) {
        boolean inline() {
            return file == null;
        }
    }

    /** Writes {@code graph} with its weights into {@code dir} in {@code layout} (already resolved); returns the files. */
    List<Path> write(Path dir, GraphBuilder.Built graph, ExportLayout layout, String doc) throws IOException {
        Path onnx = dir.resolve(layout.graphFile());
        Files.createDirectories(onnx.getParent());
        List<Placement> placements = place(graph.weights(), layout);
        total = graph.weights().stream().mapToLong(WeightSpec::bytes).sum();
        written = 0;
        ModelProto head = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("zo-tuner-synth")
                .setDocString(doc).addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).build();
        long graphSize = graph.graph().getSerializedSize();
        for (Placement p : placements) {
            long t = tensorSize(p);
            graphSize += CodedOutputStream.computeTagSize(5) + CodedOutputStream.computeUInt64SizeNoTag(t) + t;
        }
        long modelSize = head.getSerializedSize() + CodedOutputStream.computeTagSize(7)
                + CodedOutputStream.computeUInt64SizeNoTag(graphSize) + graphSize;
        if (modelSize >= ExportLayout.PROTOBUF_LIMIT) {
            throw new ModelException(onnx + ": " + modelSize + " bytes inline exceed protobuf's 2 GiB; choose a layout "
                    + "with external data (torch, optimum, onnx-data, onnx-subfolder)");
        }
        List<Path> files = new ArrayList<>();
        files.add(onnx);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(onnx), 1 << 16)) {
            CodedOutputStream out = CodedOutputStream.newInstance(file, 1 << 16);
            head.writeTo(out);
            out.writeTag(7, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt64NoTag(graphSize);
            graph.graph().writeTo(out);
            for (Placement p : placements) {
                out.writeTag(5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt64NoTag(tensorSize(p));
                p.header().writeTo(out);
                if (p.inline()) {
                    out.writeTag(9, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    out.writeUInt64NoTag(p.weight().bytes());
                    stream(p.weight(), buffer -> out.write(buffer));
                }
            }
            out.flush();
        }
        files.addAll(writeExternal(onnx.getParent(), placements, layout.filePerTensor()));
        return files;
    }

    private List<Placement> place(List<WeightSpec> weights, ExportLayout layout) {
        Map<String, Long> ends = new HashMap<>();
        List<Placement> out = new ArrayList<>();
        for (WeightSpec w : weights) {
            TensorProto.Builder h = TensorProto.newBuilder().setName(w.name()).setDataType(TensorProto.DataType.FLOAT_VALUE);
            for (long d : w.dims()) {
                h.addDims(d);
            }
            if (!layout.external(w.bytes())) {
                out.add(new Placement(w, h.build(), null, 0));
                continue;
            }
            String file = layout.dataFile(w.name());
            long offset = ends.getOrDefault(file, 0L);
            if (layout.filePerTensor() && ends.containsKey(file)) {
                throw new ModelException("weights " + w.name() + " and another share the data file name " + file);
            }
            if (w.bytes() >= ALIGN_THRESHOLD && offset % ALIGNMENT != 0) {
                offset += ALIGNMENT - offset % ALIGNMENT;
            }
            ends.put(file, offset + w.bytes());
            h.setDataLocation(TensorProto.DataLocation.EXTERNAL).addExternalData(entry("location", file))
                    .addExternalData(entry("offset", Long.toString(offset)))
                    .addExternalData(entry("length", Long.toString(w.bytes())));
            out.add(new Placement(w, h.build(), file, offset));
        }
        return out;
    }

    /** Streams the external weights: into one file, or (torch) each into its own. */
    private List<Path> writeExternal(Path dir, List<Placement> placements, boolean filePerTensor) throws IOException {
        List<Path> files = new ArrayList<>();
        FileChannel channel = null;
        try {
            for (Placement p : placements) {
                if (p.inline()) {
                    continue;
                }
                if (channel == null || filePerTensor) {
                    if (channel != null) {
                        channel.close();
                    }
                    Path file = dir.resolve(p.file());
                    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    files.add(file);
                }
                FileChannel target = channel.position(p.offset());   // a gap before an aligned tensor reads as zeros
                stream(p.weight(), buffer -> {
                    while (buffer.hasRemaining()) {
                        target.write(buffer);
                    }
                });
            }
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
        return files;
    }

    /** Computes a weight chunk by chunk into the reused direct buffer and hands each chunk to {@code sink}. */
    private void stream(WeightSpec w, ChunkSink sink) throws IOException {
        long n = w.size();
        for (long from = 0; from < n; from += CHUNK_FLOATS) {
            int len = (int) Math.min(CHUNK_FLOATS, n - from);
            chunk.clear().limit(len * Float.BYTES);
            values.fill(w, from, chunk.asFloatBuffer());
            sink.accept(chunk);
            written += (long) len * Float.BYTES;
            progress.written(w.name(), written, total);
        }
    }

    private static long tensorSize(Placement p) {
        long size = p.header().getSerializedSize();
        if (p.inline()) {
            long n = p.weight().bytes();
            size += CodedOutputStream.computeTagSize(9) + CodedOutputStream.computeUInt64SizeNoTag(n) + n;
        }
        return size;
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /** Consumes one chunk of little-endian floats (position to limit). */
    private interface ChunkSink {
        void accept(ByteBuffer chunk) throws IOException;
    }
}
