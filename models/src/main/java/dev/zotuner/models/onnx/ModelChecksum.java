package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.source.Checksums;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.TreeMap;

/**
 * The SHA-256 that identifies a base model's weights for provenance: the {@code .onnx} file's own SHA-256 when the
 * weights are inside it; with external data, the SHA-256 over the file's checksum followed by each referenced data
 * file's relative location and checksum, in location order. Two models with this value equal have the same bytes,
 * so replaying a run's (seed, g) log on either gives the same weights. Weights {@link OnnxFile#read} left in place
 * inside the {@code .onnx} file are part of the file's own checksum.
 */
public final class ModelChecksum {

    private ModelChecksum() {
    }

    /** The checksum of {@code file} and its external data. */
    public static String of(OnnxFile file) {
        TreeMap<String, Path> data = new TreeMap<>();
        for (TensorProto t : file.proto().getGraph().getInitializerList()) {
            if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL && !file.holdsInPlace(t)) {
                Path p = ExternalData.of(t, file.directory()).file();
                data.put(file.directory().relativize(p).toString().replace('\\', '/'), p);
            }
        }
        if (data.isEmpty()) {
            return file.sha256();
        }
        MessageDigest d = Checksums.newSha256();
        d.update(file.sha256().getBytes(StandardCharsets.US_ASCII));
        for (var e : data.entrySet()) {
            try {
                d.update(("\n" + e.getKey() + " " + Checksums.sha256(e.getValue())).getBytes(StandardCharsets.UTF_8));
            } catch (IOException ex) {
                throw new ModelException(e.getValue() + ": cannot read external data (" + ModelException.oneLine(ex) + ")", ex);
            }
        }
        return Checksums.hex(d.digest());
    }
}
