package dev.zotuner.models.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Pooling;
import dev.zotuner.models.testing.TinyDecoders;
import dev.zotuner.models.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLocatorTest {

    @TempDir
    Path tmp;

    private ModelFiles locate(ModelSpec spec) {
        return ModelLocator.locate(spec, new ModelCache(tmp.resolve("cache")));
    }

    @Test
    void exportDirectory() {
        Path dir = TinyModels.mlm(tmp.resolve("mlm"));
        ModelFiles f = locate(ModelSpec.of(dir.toString()));
        assertEquals(dir.resolve("model.onnx"), f.onnx());
        assertEquals(dir.resolve("tokenizer.json"), f.tokenizer());
        assertEquals(Optional.of(ModelKind.MLM), f.config().lmKind());
        assertEquals(Pooling.MEAN, f.pooling());
        assertFalse(f.normalize());
    }

    @Test
    void optimumOnnxSubdirectory() throws IOException {
        Path dir = TinyModels.encoder(tmp.resolve("enc"));
        Files.createDirectories(dir.resolve("onnx"));
        Files.move(dir.resolve("model.onnx"), dir.resolve("onnx/model.onnx"));
        ModelFiles f = locate(ModelSpec.of(dir.toString()).withPooling(Pooling.CLS));
        assertEquals(dir.resolve("onnx/model.onnx"), f.onnx());
        assertEquals(dir.resolve("tokenizer.json"), f.tokenizer());
        assertEquals(Pooling.CLS, f.pooling());
    }

    @Test
    void decoderLayoutsAreFoundInOrderOfPreference() throws IOException {
        Path dir = TinyDecoders.merged(tmp.resolve("dec"));
        assertEquals(dir.resolve("decoder_model_merged.onnx"), locate(ModelSpec.of(dir.toString())).onnx());
        Files.createDirectories(dir.resolve("onnx"));
        Files.copy(dir.resolve("decoder_model_merged.onnx"), dir.resolve("onnx/decoder_model.onnx"));
        assertEquals(dir.resolve("onnx/decoder_model.onnx"), locate(ModelSpec.of(dir.toString())).onnx());
        Files.copy(dir.resolve("decoder_model_merged.onnx"), dir.resolve("onnx/model.onnx"));
        ModelFiles f = locate(ModelSpec.of(dir.toString()));
        assertEquals(dir.resolve("onnx/model.onnx"), f.onnx());
        assertEquals(dir.resolve("tokenizer.json"), f.tokenizer(), "the tokenizer and config stay at the top");
        assertEquals(2, f.config().attention().heads());
    }

    @Test
    void bareFileNeedsATokenizer() throws IOException {
        Path dir = TinyModels.mlm(tmp.resolve("mlm"));
        Path bare = Files.createDirectories(tmp.resolve("bare")).resolve("m.onnx");
        Files.copy(dir.resolve("model.onnx"), bare);
        ModelException e = assertThrows(ModelException.class, () -> locate(ModelSpec.of(bare.toString())));
        assertTrue(e.getMessage().contains("--tokenizer") && e.getMessage().contains("m.onnx"), e.getMessage());
        ModelFiles f = locate(ModelSpec.of(bare.toString()).withTokenizer(dir.resolve("tokenizer.json")));
        assertEquals(bare, f.onnx());
        assertEquals(HfConfig.EMPTY, f.config());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        ModelException e = assertThrows(ModelException.class, () -> locate(ModelSpec.of("bert-huge")));
        assertTrue(e.getMessage().contains("bert-huge") && e.getMessage().contains("(known: default, minilm-l6, bge-small;"), e.getMessage());
    }

    @Test
    void missingPathsAreNamed() {
        ModelException file = assertThrows(ModelException.class, () -> locate(ModelSpec.of(tmp + "/none.onnx")));
        assertEquals("model file not found: " + tmp + "/none.onnx", file.getMessage());
        Path dir = TinyModels.mlm(tmp.resolve("mlm"));
        ModelException tok = assertThrows(ModelException.class,
                () -> locate(ModelSpec.of(dir.toString()).withTokenizer(tmp.resolve("t.json"))));
        assertEquals("tokenizer file not found: " + tmp.resolve("t.json"), tok.getMessage());
        Path emptyDir = tmp.resolve("empty");
        assertTrue(emptyDir.toFile().mkdirs());
        ModelException empty = assertThrows(ModelException.class, () -> locate(ModelSpec.of(emptyDir.toString())));
        assertEquals("model directory " + emptyDir + ": no model.onnx, decoder_model.onnx or decoder_model_merged.onnx "
                + "(in it or in onnx/)", empty.getMessage());
    }

    @Test
    void embeddedDefaultIsCopiedIntoTheCache() {
        ModelFiles f = locate(ModelSpec.defaults());
        assertEquals("minilm-l6", f.name());
        assertTrue(f.onnx().startsWith(tmp.resolve("cache")) && Files.isRegularFile(f.onnx()));
        assertTrue(Files.isRegularFile(f.tokenizer()));
        assertEquals(Pooling.MEAN, f.pooling());
        assertTrue(f.normalize());
    }

    @Test
    void embeddedBgeIsClsPooledUnlessOverridden() {
        ModelFiles f = locate(ModelSpec.of("bge-small"));
        assertEquals("bge-small", f.name());
        assertEquals("bge-small-en-v1.5.onnx", f.onnx().getFileName().toString());
        assertEquals(Pooling.CLS, f.pooling());
        assertTrue(f.normalize());
        assertEquals(Pooling.MEAN, locate(ModelSpec.of("bge-small").withPooling(Pooling.MEAN)).pooling());
    }
}
