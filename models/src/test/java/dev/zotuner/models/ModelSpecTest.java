package dev.zotuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

    @Test
    void defaultsLeaveChoicesToTheModel() {
        ModelSpec s = ModelSpec.defaults();
        assertEquals("default", s.model());
        assertEquals(128, s.maxLength());
        assertNull(s.kind());
        assertNull(s.trainable());
        assertNull(s.cacheDir());
    }

    @Test
    void withersChangeOneField() {
        ModelSpec s = ModelSpec.of("m.onnx").withTokenizer(Path.of("t.json")).withKind(ModelKind.CAUSAL)
                .withTrainable("^layer").withPooling(Pooling.CLS).withMaxLength(64).withCacheDir(Path.of("/c"));
        assertEquals(new ModelSpec("m.onnx", Path.of("t.json"), ModelKind.CAUSAL, "^layer", Pooling.CLS, 64, Path.of("/c")), s);
        assertEquals("--max-length 1: must be at least 2 tokens",
                assertThrows(ModelException.class, () -> s.withMaxLength(1)).getMessage());
    }

    @Test
    void tiesAreTrainedAsOneAndKeptWholeUnlessTurnedOff() {
        ModelSpec s = ModelSpec.of("m.onnx");
        assertTrue(s.tieWeights());
        assertTrue(s.keepsTies());
        assertFalse(s.withKeepTies(false).keepsTies());
        assertFalse(s.withTieWeights(false).keepsTies(), "untied tensors have no ties to keep");
        assertTrue(s.withTieWeights(false).keepTies());
        assertFalse(s.withKeepTies(false).withTopLayers(2).keepTies(), "other withers keep the choice");
    }
}
