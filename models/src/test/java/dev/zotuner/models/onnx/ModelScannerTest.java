package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelScannerTest {

    @TempDir
    Path tmp;

    @Test
    void largeInlineWeightsAreReferencedInPlaceAndEverythingElseIsKept() throws IOException {
        ModelProto model = TinyModels.graph("mlm", 1).weight("extra.big", 0.1f, 300).build();
        Path file = TinyModels.write(tmp.resolve("m"), model, "{}", "{}").resolve("model.onnx");
        byte[] bytes = Files.readAllBytes(file);
        ModelProto scanned = ModelScanner.scan(file);
        assertEquals(model.toBuilder().clearGraph().build(), scanned.toBuilder().clearGraph().build(), "model fields");
        assertEquals(model.getGraph().getNodeList(), scanned.getGraph().getNodeList());
        assertEquals(model.getGraph().getInputList(), scanned.getGraph().getInputList());
        assertEquals(model.getGraph().getInitializerCount(), scanned.getGraph().getInitializerCount());
        int inPlace = 0;
        for (int i = 0; i < model.getGraph().getInitializerCount(); i++) {
            TensorProto before = model.getGraph().getInitializer(i);
            TensorProto after = scanned.getGraph().getInitializer(i);
            assertEquals(before.getName(), after.getName(), "order kept");
            assertEquals(before.getDimsList(), after.getDimsList());
            if (before.getRawData().size() >= ModelScanner.IN_PLACE_MIN_BYTES) {
                inPlace++;
                ExternalData data = ExternalData.of(after, file.getParent());
                assertEquals(file.toAbsolutePath(), data.file());
                byte[] there = Arrays.copyOfRange(bytes, (int) data.offset(), (int) (data.offset() + data.length()));
                assertArrayEquals(before.getRawData().toByteArray(), there, before.getName());
            } else {
                assertEquals(before, after, before.getName() + " stays inline as it was");
            }
        }
        assertEquals(3, inPlace, "lm_head, word embeddings, extra.big, and nothing smaller than 1 KiB");
    }

    @Test
    void aScannedFileReadsTheSameValuesAsTheFileItself() throws IOException {
        Path file = TinyModels.mlm(tmp.resolve("m")).resolve("model.onnx");
        OnnxFile scanned = OnnxFile.read(file);
        OnnxFile whole = OnnxFile.readWhole(file);
        assertEquals(whole.sha256(), scanned.sha256());
        for (TensorProto t : whole.proto().getGraph().getInitializerList()) {
            if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                assertArrayEquals(dev.zotuner.models.testing.Initializers.floats(whole, t.getName()),
                        dev.zotuner.models.testing.Initializers.floats(scanned, t.getName()), t.getName());
            }
        }
        assertTrue(scanned.proto().getSerializedSize() < whole.proto().getSerializedSize() - 2000, "2 × 1120 bytes of weights left in the file");
        assertTrue(scanned.holdsInPlace(scanned.proto().getGraph().getInitializerList().stream()
                .filter(t -> t.getName().equals("lm_head.weight")).findFirst().orElseThrow()));
        assertFalse(whole.holdsInPlace(whole.proto().getGraph().getInitializer(0)));
    }

    @Test
    void tensorsAlreadyInExternalDataKeepTheirLocation() throws IOException {
        Path dir = TinyModels.externalData(tmp.resolve("e"));
        ModelProto scanned = ModelScanner.scan(dir.resolve("model.onnx"));
        TensorProto words = scanned.getGraph().getInitializerList().stream()
                .filter(t -> t.getName().equals("embeddings.word_embeddings.weight")).findFirst().orElseThrow();
        assertEquals(dir.resolve("weights.bin").toAbsolutePath(), ExternalData.of(words, dir).file());
    }

    @Test
    void aTruncatedMessageIsAnError() throws IOException {
        byte[] good = Files.readAllBytes(TinyModels.mlm(tmp.resolve("m")).resolve("model.onnx"));
        Path cut = Files.write(tmp.resolve("cut.onnx"), Arrays.copyOf(good, good.length - 700));
        assertThrows(IOException.class, () -> ModelScanner.scan(cut));
    }
}
