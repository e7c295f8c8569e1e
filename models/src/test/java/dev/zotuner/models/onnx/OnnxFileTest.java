package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ModelException;
import dev.zotuner.models.source.Checksums;
import dev.zotuner.models.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxFileTest {

    @TempDir
    Path tmp;

    @Test
    void readsAValidModelWithItsHash() throws IOException {
        Path model = TinyModels.mlm(tmp.resolve("m")).resolve("model.onnx");
        OnnxFile f = OnnxFile.read(model);
        assertEquals(Checksums.sha256(model), f.sha256());
        assertEquals("logits", f.proto().getGraph().getOutput(0).getName());
        assertEquals(model.getParent(), f.directory());
    }

    @Test
    void missingFile() {
        ModelException e = assertThrows(ModelException.class, () -> OnnxFile.read(tmp.resolve("x.onnx")));
        assertEquals("model file not found: " + tmp.resolve("x.onnx"), e.getMessage());
    }

    @Test
    void truncatedOrForeignBytesAreNotAModel() throws IOException {
        byte[] good = Files.readAllBytes(TinyModels.mlm(tmp.resolve("m")).resolve("model.onnx"));
        Path truncated = Files.write(tmp.resolve("truncated.onnx"), Arrays.copyOf(good, good.length / 2));
        Path text = Files.writeString(tmp.resolve("text.onnx"), "hello, I am not a model\n");
        Path empty = Files.write(tmp.resolve("empty.onnx"), new byte[0]);
        for (Path bad : new Path[] {truncated, text, empty}) {
            ModelException e = assertThrows(ModelException.class, () -> OnnxFile.read(bad), bad.toString());
            assertTrue(e.getMessage().startsWith(bad + ": not a valid ONNX model ("), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }
}
