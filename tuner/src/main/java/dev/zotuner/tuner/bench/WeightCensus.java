package dev.zotuner.tuner.bench;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an ONNX graph file holds, read by walking the protobuf's initializer headers without loading any weight (the
 * benchmarking process stays small whatever the model): FLOAT values and bytes, the bytes of the graph file and of
 * its external data files, and the parameters once tied copies are taken out ({@link TiedCopies}).
 *
 * @param parameters   FLOAT values minus those of tied copies (what a model card counts)
 * @param weightValues FLOAT initializer values
 * @param weightBytes  their bytes
 * @param fileBytes    the graph file plus every external data file it names
 * @param tensors      FLOAT initializers
 * @param tiedCopies   initializers that are copies or transposes of another
 */
public record WeightCensus(long parameters, long weightValues, long weightBytes, long fileBytes, int tensors,
                           int tiedCopies) {

    private static final int FLOAT = 1;

    /**
     * One initializer as its header says.
     *
     * @param name     tensor name
     * @param dims     shape
     * @param file     where its bytes are (the graph file when inline)
     * @param offset   byte offset of its data in {@code file}
     */
    record Tensor(String name, long[] dims, Path file, long offset) {
        long size() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }
    }

    /** Reads the census of {@code onnx}; an unreadable or malformed file is a one-line error naming it. */
    public static WeightCensus of(Path onnx) {
        List<Tensor> floats = new ArrayList<>();
        Set<Path> files = new LinkedHashSet<>();
        files.add(onnx);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(onnx), 1 << 16)) {
            CodedInputStream model = CodedInputStream.newInstance(in);
            model.setSizeLimit(Integer.MAX_VALUE);
            for (int tag = model.readTag(); tag != 0; tag = model.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 7) {              // ModelProto.graph
                    int limit = model.pushLimit(model.readRawVarint32());
                    readGraph(model, onnx, floats, files);
                    model.popLimit(limit);
                } else {
                    model.skipField(tag);
                }
            }
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            long values = floats.stream().mapToLong(Tensor::size).sum();
            TiedCopies ties = TiedCopies.find(floats);
            return new WeightCensus(values - ties.values(), values, values * Float.BYTES, bytes, floats.size(), ties.count());
        } catch (IOException e) {
            throw new UncheckedIOException(onnx + ": cannot read the ONNX initializers (" + e.getMessage() + ")", e);
        }
    }

    private static void readGraph(CodedInputStream in, Path onnx, List<Tensor> floats, Set<Path> files) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 5) {                  // GraphProto.initializer
                int limit = in.pushLimit(in.readRawVarint32());
                Tensor t = readTensor(in, onnx, files);
                in.popLimit(limit);
                if (t != null) {
                    floats.add(t);
                }
            } else {
                in.skipField(tag);
            }
        }
    }

    /** A FLOAT tensor's header, or null for another type. */
    private static Tensor readTensor(CodedInputStream in, Path onnx, Set<Path> files) throws IOException {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = "";
        long rawOffset = -1;
        String location = null;
        long offset = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) {
                            dims.add(in.readInt64());
                        }
                        in.popLimit(limit);
                    } else {
                        dims.add(in.readInt64());
                    }
                }
                case 2 -> type = in.readInt32();
                case 8 -> name = in.readStringRequireUtf8();
                case 9 -> {
                    int length = in.readRawVarint32();
                    rawOffset = in.getTotalBytesRead();
                    in.skipRawBytes(length);
                }
                case 13 -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    String key = "";
                    String value = "";
                    for (int t = in.readTag(); t != 0; t = in.readTag()) {
                        if (WireFormat.getTagFieldNumber(t) == 1) {
                            key = in.readStringRequireUtf8();
                        } else if (WireFormat.getTagFieldNumber(t) == 2) {
                            value = in.readStringRequireUtf8();
                        } else {
                            in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                    if (key.equals("location")) {
                        location = value;
                    } else if (key.equals("offset")) {
                        offset = Long.parseLong(value);
                    }
                }
                default -> in.skipField(tag);
            }
        }
        if (type != FLOAT) {
            return null;
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        if (location != null) {
            Path file = onnx.toAbsolutePath().getParent().resolve(location).normalize();
            files.add(file);
            return new Tensor(name, shape, file, offset);
        }
        return new Tensor(name, shape, onnx, rawOffset);
    }
}
