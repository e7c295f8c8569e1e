package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.zotuner.models.source.Checksums;
import dev.zotuner.models.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelChecksumTest {

    @TempDir
    Path tmp;

    @Test
    void aSelfContainedModelIsIdentifiedByItsFilesSha256() throws IOException {
        Path onnx = TinyModels.mlm(tmp.resolve("a")).resolve("model.onnx");
        assertEquals(Checksums.sha256(onnx), ModelChecksum.of(OnnxFile.read(onnx)));
        Path other = TinyModels.write(tmp.resolve("b"), TinyModels.graph("mlm", 2).build(), "{}", "{}").resolve("model.onnx");
        assertNotEquals(ModelChecksum.of(OnnxFile.read(onnx)), ModelChecksum.of(OnnxFile.read(other)));
    }

    @Test
    void externalDataCountsSoOtherWeightsBehindTheSameGraphFileDiffer() throws IOException {
        Path dir = TinyModels.externalData(tmp.resolve("ext"));
        Path onnx = dir.resolve("model.onnx");
        String before = ModelChecksum.of(OnnxFile.read(onnx));
        assertNotEquals(Checksums.sha256(onnx), before, "data file included");
        assertEquals(before, ModelChecksum.of(OnnxFile.read(onnx)), "deterministic");
        byte[] data = Files.readAllBytes(dir.resolve("weights.bin"));
        data[data.length / 2] ^= 1;                                   // one bit of one weight
        Files.write(dir.resolve("weights.bin"), data);
        assertNotEquals(before, ModelChecksum.of(OnnxFile.read(onnx)));
    }
}
